package dev.iotypes;

import java.util.Objects;

/**
 * What a handle says about where it came from: its {@link Pseudonym} and {@link MediaType}. The
 * boundary (the CLI, an embedder) makes one per argument; the program only ever sees the two parts
 * through the handle.
 */
public record Origin(Pseudonym pseudonym, MediaType mediaType) {
  /** Nameless bytes of unknown type: for pipes, anonymous arrays and the like. */
  public static final Origin NONE = new Origin(Pseudonym.NONE, MediaType.OCTET_STREAM);

  public Origin {
    Objects.requireNonNull(pseudonym, "pseudonym");
    Objects.requireNonNull(mediaType, "mediaType");
  }

  /** The origin of something the user named {@code name}: media type from its extension. */
  public static Origin named(String name) {
    return new Origin(Pseudonym.of(name), MediaType.forName(name));
  }

  /** The origin of something named {@code name} whose type is known, e.g. from Content-Type. */
  public static Origin named(String name, MediaType mediaType) {
    return new Origin(Pseudonym.of(name), mediaType);
  }
}
