package dev.iotypes;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An opaque name for where a stream came from: the path, URL or {@code -} the user wrote at the
 * boundary. Code holding one cannot read the name; only an {@link Output} renders it, in the host,
 * with {@link Output#writePseudonym}. That is how a program says "error in that file" without ever
 * learning the file's name.
 *
 * <p>Identity is by object: two pseudonyms of the same text are different pseudonyms. {@link
 * #toString()} shows a serial number, never the name, so logging a pseudonym leaks nothing.
 */
public final class Pseudonym {
  private static final AtomicLong SERIAL = new AtomicLong();

  /** Names nothing; renders as the empty string. */
  public static final Pseudonym NONE = new Pseudonym("");

  private final byte[] utf8;
  private final long serial;

  private Pseudonym(String name) {
    this.utf8 = name.getBytes(StandardCharsets.UTF_8);
    this.serial = SERIAL.incrementAndGet();
  }

  /** A pseudonym for {@code name}, as written at the boundary. Only the host should call this. */
  public static Pseudonym of(String name) {
    Objects.requireNonNull(name, "name");
    return name.isEmpty() ? NONE : new Pseudonym(name);
  }

  /** The rendered name: reachable only from this package, where outputs render it. */
  byte[] utf8() {
    return utf8.clone();
  }

  @Override
  public String toString() {
    return "Pseudonym#" + serial;
  }
}
