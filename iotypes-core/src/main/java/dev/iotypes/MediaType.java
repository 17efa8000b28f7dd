package dev.iotypes;

import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MimeTypes;

/**
 * An IANA media type ({@code type/subtype}, optional parameters), carried by every stream and array
 * so that a program learns what its data is without learning where it lives.
 */
public final class MediaType {
  /** What nothing more is known about. */
  public static final MediaType OCTET_STREAM = new MediaType("application/octet-stream");

  // RFC 6838 restricted names, then RFC 9110 parameters: spaces and tabs only around ';', and a
  // quoted value without control characters, so a type never breaks a header line.
  private static final String NAME = "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}";
  private static final Pattern SYNTAX =
      Pattern.compile(
          NAME
              + "/"
              + NAME
              + "([ \\t]*;[ \\t]*[A-Za-z0-9!#$%&'*+.^_`|~-]+="
              + "([A-Za-z0-9!#$%&'*+.^_`|~-]+|\"[\\t\\x20\\x21\\x23-\\x5b\\x5d-\\x7e\\x80-\\xff]*\"))*");

  private String value; // null until a name's type is looked up, on first use
  private final String fileName;

  private MediaType(String value) {
    this.value = value;
    this.fileName = null;
  }

  private MediaType(String fileName, boolean lazy) {
    this.value = null;
    this.fileName = fileName;
  }

  /**
   * Parses {@code value}, e.g. an HTTP {@code Content-Type}.
   *
   * @throws IllegalArgumentException if it is not {@code type/subtype} with optional parameters
   */
  public static MediaType of(String value) {
    Objects.requireNonNull(value, "value");
    String trimmed = value.trim();
    if (!SYNTAX.matcher(trimmed).matches()) {
      throw new IllegalArgumentException("not a media type (type/subtype[; k=v]): " + value);
    }
    int semicolon = trimmed.indexOf(';');
    String essence = semicolon < 0 ? trimmed : trimmed.substring(0, semicolon);
    String rest = semicolon < 0 ? "" : trimmed.substring(semicolon);
    return new MediaType(essence.toLowerCase(Locale.ROOT) + rest);
  }

  /**
   * The media type a file name's extension suggests (Apache Tika's registry), or {@link
   * #OCTET_STREAM}. Only the name is looked at: no file is opened.
   */
  public static MediaType forName(String fileName) {
    Objects.requireNonNull(fileName, "fileName");
    int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
    if (fileName.indexOf('.', slash + 1) < 0) {
      return OCTET_STREAM; // no extension, nothing to look up: spare the start-up of "-" and pipes
    }
    // Looked up when first used: a program that never asks (cat, wc) never loads the registry.
    return new MediaType(fileName, true);
  }

  private static String lookUp(String fileName) {
    Metadata metadata = new Metadata();
    metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
    try {
      return of(Registry.TYPES.detect(null, metadata).toString()).value;
    } catch (IOException | IllegalArgumentException e) {
      return OCTET_STREAM.value;
    }
  }

  /** The type as a string; a type made from a file name is looked up here, once. */
  private String value() {
    String v = value;
    if (v == null) {
      v = lookUp(fileName);
      value = v; // racy but idempotent: every thread computes the same string
    }
    return v;
  }

  /** {@code type/subtype}, without parameters. */
  public String essence() {
    String v = value();
    int semicolon = v.indexOf(';');
    return semicolon < 0 ? v : v.substring(0, semicolon);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MediaType other && other.value().equals(value());
  }

  @Override
  public int hashCode() {
    return value().hashCode();
  }

  /** The media type as a string, e.g. {@code text/plain; charset=UTF-8}. */
  @Override
  public String toString() {
    return value();
  }

  /** Loaded on first use only: Tika's registry costs start-up time nobody else should pay. */
  private static final class Registry {
    static final MimeTypes TYPES = MimeTypes.getDefaultMimeTypes();
  }
}
