package dev.iotypes.wasi;

import dev.iotypes.Failure;
import dev.iotypes.Outcome;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.Locale;

/**
 * The preview1 {@code errno} values, in the witx order (so {@link #code()} is the ordinal), and the
 * one place that turns I/O-type failures and host exceptions into them.
 */
enum Errno {
  SUCCESS,
  TOO_BIG,
  ACCES,
  ADDRINUSE,
  ADDRNOTAVAIL,
  AFNOSUPPORT,
  AGAIN,
  ALREADY,
  BADF,
  BADMSG,
  BUSY,
  CANCELED,
  CHILD,
  CONNABORTED,
  CONNREFUSED,
  CONNRESET,
  DEADLK,
  DESTADDRREQ,
  DOM,
  DQUOT,
  EXIST,
  FAULT,
  FBIG,
  HOSTUNREACH,
  IDRM,
  ILSEQ,
  INPROGRESS,
  INTR,
  INVAL,
  IO,
  ISCONN,
  ISDIR,
  LOOP,
  MFILE,
  MLINK,
  MSGSIZE,
  MULTIHOP,
  NAMETOOLONG,
  NETDOWN,
  NETRESET,
  NETUNREACH,
  NFILE,
  NOBUFS,
  NODEV,
  NOENT,
  NOEXEC,
  NOLCK,
  NOLINK,
  NOMEM,
  NOMSG,
  NOPROTOOPT,
  NOSPC,
  NOSYS,
  NOTCONN,
  NOTDIR,
  NOTEMPTY,
  NOTRECOVERABLE,
  NOTSOCK,
  NOTSUP,
  NOTTY,
  NXIO,
  OVERFLOW,
  OWNERDEAD,
  PERM,
  PIPE,
  PROTO,
  PROTONOSUPPORT,
  PROTOTYPE,
  RANGE,
  ROFS,
  SPIPE,
  SRCH,
  STALE,
  TIMEDOUT,
  TXTBSY,
  XDEV,
  NOTCAPABLE;

  int code() {
    return ordinal();
  }

  /** Raised inside the preview1 layer to return this errno; cheap (no stack trace). */
  Raised raise() {
    return new Raised(this);
  }

  /** The errno for an I/O type's failure kind. */
  static Errno of(Failure.Kind kind) {
    return switch (kind) {
      case IO -> IO;
      case NO_SPACE -> NOSPC;
      case BROKEN_PIPE -> PIPE;
      case ACCESS -> ACCES;
      case TOO_LARGE -> FBIG;
      case UNSUPPORTED -> NOTSUP;
    };
  }

  /** The errno for a failed outcome (callers check {@link Outcome#isFailed()} first). */
  static Errno of(Outcome outcome) {
    return outcome.isFailed() ? of(outcome.failure().kind()) : SUCCESS;
  }

  /**
   * The errno for anything thrown while serving a call: our own {@link Raised}, host file-system
   * exceptions (by type, then by the strerror text the JDK puts in their reason), argument rules
   * broken deeper down (EINVAL), out-of-memory accesses (EFAULT), everything else EIO.
   */
  static Errno of(Throwable e) {
    if (e instanceof Raised raised) {
      return raised.errno;
    }
    if (e instanceof java.io.UncheckedIOException u) {
      return of(u.getCause());
    }
    if (e instanceof NoSuchFileException) {
      return NOENT;
    }
    if (e instanceof FileAlreadyExistsException) {
      return EXIST;
    }
    if (e instanceof DirectoryNotEmptyException) {
      return NOTEMPTY;
    }
    if (e instanceof NotDirectoryException) {
      return NOTDIR;
    }
    if (e instanceof NotLinkException) {
      return INVAL;
    }
    if (e instanceof AccessDeniedException) {
      return ACCES;
    }
    if (e instanceof FileSystemLoopException) {
      return LOOP;
    }
    if (e instanceof NonReadableChannelException || e instanceof NonWritableChannelException) {
      return BADF;
    }
    if (e instanceof ClosedChannelException) {
      return BADF;
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return ofReason(fs.getReason());
    }
    if (e instanceof UnsupportedOperationException) {
      return NOTSUP;
    }
    if (e instanceof IllegalArgumentException) {
      return INVAL;
    }
    if (e instanceof IndexOutOfBoundsException
        || e instanceof com.dylibso.chicory.wasm.ChicoryException) {
      return FAULT;
    }
    if (e instanceof java.io.IOException io && io.getMessage() != null) {
      return ofReason(io.getMessage());
    }
    return IO;
  }

  private static Errno ofReason(String reason) {
    String r = reason.toLowerCase(Locale.ROOT);
    if (r.contains("not a directory")) {
      return NOTDIR;
    }
    if (r.contains("is a directory")) {
      return ISDIR;
    }
    if (r.contains("directory not empty")) {
      return NOTEMPTY;
    }
    if (r.contains("too many levels of symbolic links")) {
      return LOOP;
    }
    if (r.contains("file exists")) {
      return EXIST;
    }
    if (r.contains("no such file")) {
      return NOENT;
    }
    if (r.contains("permission denied")) {
      return ACCES;
    }
    if (r.contains("operation not permitted")) {
      return PERM;
    }
    if (r.contains("invalid argument")) {
      return INVAL;
    }
    if (r.contains("cross-device")) {
      return XDEV;
    }
    if (r.contains("name too long")) {
      return NAMETOOLONG;
    }
    if (r.contains("no space left") || r.contains("quota")) {
      return NOSPC;
    }
    if (r.contains("read-only file system")) {
      return ROFS;
    }
    if (r.contains("resource busy")) {
      return BUSY;
    }
    if (r.contains("too many links")) {
      return MLINK;
    }
    if (r.contains("file too large")) {
      return FBIG;
    }
    if (r.contains("broken pipe")) {
      return PIPE;
    }
    if (r.contains("connection reset")) {
      return CONNRESET;
    }
    if (r.contains("not connected")) {
      return NOTCONN;
    }
    if (r.contains("too many open files")) {
      return MFILE;
    }
    return IO;
  }

  /** An errno on its way out of a host function. */
  static final class Raised extends RuntimeException {
    final Errno errno;

    Raised(Errno errno) {
      super(errno.name(), null, false, false);
      this.errno = errno;
    }
  }
}
