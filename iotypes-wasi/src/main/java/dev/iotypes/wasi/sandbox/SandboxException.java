package dev.iotypes.wasi.sandbox;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/**
 * A sandbox operation refused or failed, as a {@link Kind}: what went wrong in file-system terms,
 * so the layer above (preview1's errno) maps it in one place and the sandbox knows nothing of it.
 *
 * <p>Kinds come from exception types and from looking at the file system again, never from message
 * text: the JDK fills a {@link java.nio.file.FileSystemException}'s reason with the host's {@code
 * strerror}, which is translated under a non-English locale.
 */
public final class SandboxException extends RuntimeException {
  /** What went wrong. */
  public enum Kind {
    NOT_FOUND,
    EXISTS,
    NOT_DIRECTORY,
    NOT_EMPTY,
    /** Too many symbolic links, or a link where none may be followed. */
    LOOP,
    /** The path would leave the directory the walk is confined to. */
    ESCAPE,
    NAME_TOO_LONG,
    INVALID,
    ACCESS,
    CROSS_DEVICE,
    /** Anything the types do not tell apart. */
    IO
  }

  private final Kind kind;

  public SandboxException(Kind kind) {
    super(kind.name(), null, false, false);
    this.kind = kind;
  }

  public SandboxException(Kind kind, IOException cause) {
    super(kind.name(), cause, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** A host failure, by its type. */
  public static SandboxException of(IOException e) {
    return new SandboxException(kindOf(e), e);
  }

  /**
   * The kind a host exception's type says; {@link Kind#IO} for a plain {@link
   * java.nio.file.FileSystemException}, whose only detail is translated text.
   */
  public static Kind kindOf(IOException e) {
    if (e instanceof NoSuchFileException) {
      return Kind.NOT_FOUND;
    }
    if (e instanceof FileAlreadyExistsException) {
      return Kind.EXISTS;
    }
    if (e instanceof DirectoryNotEmptyException) {
      return Kind.NOT_EMPTY;
    }
    if (e instanceof NotDirectoryException) {
      return Kind.NOT_DIRECTORY;
    }
    if (e instanceof NotLinkException) {
      return Kind.INVALID;
    }
    if (e instanceof AccessDeniedException) {
      return Kind.ACCESS;
    }
    if (e instanceof FileSystemLoopException) {
      return Kind.LOOP;
    }
    if (e instanceof AtomicMoveNotSupportedException) {
      return Kind.CROSS_DEVICE; // what SecureDirectoryStream.move throws for EXDEV
    }
    return Kind.IO;
  }
}
