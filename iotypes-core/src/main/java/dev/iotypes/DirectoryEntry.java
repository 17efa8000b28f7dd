package dev.iotypes;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * One entry of an {@link InputDirectory}: what a listing tells without opening anything. The bytes
 * are reached through {@link #open()}, which is the only call that touches them.
 */
public final class DirectoryEntry {
  /** What an entry is; links, devices and the like are never entries. */
  public enum Kind {
    FILE,
    DIRECTORY
  }

  /** How a backend reaches an entry's bytes, when asked and not before. */
  @FunctionalInterface
  interface Opener {
    Input open(Origin origin) throws IOException;
  }

  private final String name;
  private final Kind kind;
  private final long size;
  private final Origin origin;
  private final Opener opener;

  DirectoryEntry(String name, Kind kind, long size, Origin origin, Opener opener) {
    this.name = Objects.requireNonNull(name, "name");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.size = size;
    this.origin = Objects.requireNonNull(origin, "origin");
    this.opener = Objects.requireNonNull(opener, "opener");
  }

  /** The portable relative name: UTF-8, {@code /} between segments, no {@code .} or {@code ..}. */
  public String name() {
    return name;
  }

  public Kind kind() {
    return kind;
  }

  /** The size in bytes when the listing knew it; -1 when not, and for a directory. */
  public long size() {
    return size;
  }

  /** The entry's pseudonym (the directory's, then {@code /} and the name) and media type. */
  public Origin origin() {
    return origin;
  }

  /**
   * Opens the entry's bytes, now. A file that cannot be opened (gone since the listing, unreadable)
   * gives an input that fails on its first call, with the reason: a failure is an outcome, as for
   * any input. A directory's input is empty. Each call opens a new input, which the caller closes.
   */
  public Input open() {
    if (kind == Kind.DIRECTORY) {
      return IoTypes.inputFromArray(new MemoryArray(origin, 0), 0);
    }
    try {
      return opener.open(origin);
    } catch (IOException | RuntimeException e) {
      return new StreamInput(new Refusing(e), origin);
    }
  }

  @Override
  public String toString() {
    return kind + " " + name + (size < 0 ? "" : " (" + size + " bytes)");
  }

  /** A stream whose every read fails as the open did, so the input reports it as its failure. */
  private static final class Refusing extends InputStream {
    private final Exception cause;

    Refusing(Exception cause) {
      this.cause = cause;
    }

    @Override
    public int read() throws IOException {
      throw cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
    }
  }
}
