package dev.iotypes;

import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.util.Locale;
import java.util.Objects;

/**
 * Why a stream or array failed, opaque to whoever receives it. Host detail (paths, errno, exception
 * messages) is kept in {@link #detail()}, a {@link Pseudonym} that only an output can render; the
 * {@link Kind} is the only thing code can branch on, and it is coarse on purpose so that it
 * describes no host.
 */
public final class Failure {
  /** Placeholder carried by outcomes that did not fail. */
  public static final Failure NONE = new Failure(Kind.IO, Pseudonym.NONE);

  /** The coarse reason: enough for a libc layer to choose an errno, nothing about the host. */
  public enum Kind {
    /** Any other input/output error. */
    IO,
    /** The storage behind an output or array is full. */
    NO_SPACE,
    /** The reader of an output went away. */
    BROKEN_PIPE,
    /** The host refused the operation on this handle. */
    ACCESS,
    /** A length or offset beyond what this backend can hold. */
    TOO_LARGE,
    /** The backend cannot do this at all. */
    UNSUPPORTED
  }

  private final Kind kind;
  private final Pseudonym detail;

  private Failure(Kind kind, Pseudonym detail) {
    this.kind = kind;
    this.detail = detail;
  }

  /** A failure of {@code kind}, whose host-side description is {@code detail}. */
  public static Failure of(Kind kind, String detail) {
    Objects.requireNonNull(kind, "kind");
    return new Failure(kind, Pseudonym.of(detail));
  }

  /**
   * Translates a host exception, in the one place that does so. The message keeps the exception's
   * text for the host; nothing of it is reachable but through {@link #detail()}.
   */
  public static Failure from(Exception e) {
    if (e instanceof Failed carried) {
      return carried.failure;
    }
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    return new Failure(kindOf(cause), Pseudonym.of(describe(cause)));
  }

  public Kind kind() {
    return kind;
  }

  /** The host detail, renderable only by an {@link Output} (for logs and error messages). */
  public Pseudonym detail() {
    return detail;
  }

  @Override
  public String toString() {
    return this == NONE ? "Failure.NONE" : "Failure(" + kind + ")";
  }

  /**
   * A failure of {@code kind}, described by {@code e}: for a backend that knows from context what
   * the JDK reports only as text (a write to a pipe or socket whose reader is gone is a broken
   * pipe, in any locale).
   */
  static Failure of(Kind kind, Exception e) {
    return new Failure(kind, Pseudonym.of(describe(e)));
  }

  /**
   * The kind of a host exception, by its type. The JDK gives some errors no type of their own (no
   * space, broken pipe, file too large: a plain {@link java.io.IOException} with the C library's
   * message, translated into the process's locale); backends that can tell them by context do so
   * first (see {@code ChannelOutput}), and the English text is read only as a last resort.
   */
  private static Kind kindOf(Throwable e) {
    if (e instanceof AccessDeniedException) {
      return Kind.ACCESS;
    }
    if (e instanceof ClosedChannelException) {
      return Kind.BROKEN_PIPE;
    }
    if (e instanceof MemoryArray.TooLarge) {
      return Kind.TOO_LARGE;
    }
    if (e instanceof UnsupportedOperationException) {
      return Kind.UNSUPPORTED;
    }
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (message.contains("no space left") || message.contains("disk quota")) {
      return Kind.NO_SPACE;
    }
    if (message.contains("broken pipe") || message.contains("connection reset")) {
      return Kind.BROKEN_PIPE;
    }
    if (message.contains("file too large")) {
      return Kind.TOO_LARGE;
    }
    return Kind.IO;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    String type = e.getClass().getSimpleName();
    return message == null ? type : type + ": " + message;
  }
}
