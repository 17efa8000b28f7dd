package dev.iotypes.wasi;

import dev.iotypes.Failure;
import dev.iotypes.Outcome;
import dev.iotypes.wasi.sandbox.SandboxException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;

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

  /** The count of a successful outcome; a failed one raises its errno. */
  static long ok(Outcome o) {
    if (o.isFailed()) {
      throw of(o).raise();
    }
    return o.count();
  }

  /**
   * The errno for anything thrown while serving a call: our own {@link Raised}, the sandbox's
   * failures and host file-system exceptions (by type: their text is the host's {@code strerror},
   * translated under a non-English locale), argument rules broken deeper down (EINVAL),
   * out-of-memory accesses (EFAULT), everything else EIO.
   */
  static Errno of(Throwable e) {
    if (e instanceof Raised raised) {
      return raised.errno;
    }
    if (e instanceof SandboxException s) {
      return of(s.kind());
    }
    if (e instanceof java.io.UncheckedIOException u) {
      return of(u.getCause());
    }
    if (e instanceof NonReadableChannelException || e instanceof NonWritableChannelException) {
      return BADF;
    }
    if (e instanceof ClosedChannelException) {
      return BADF;
    }
    if (e instanceof IOException io) {
      return of(SandboxException.kindOf(io));
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
    return IO;
  }

  /**
   * The errno for a sandbox failure. Leaving the preopen is {@code EPERM}, as wasmtime and the WASI
   * test suite expect.
   */
  static Errno of(SandboxException.Kind kind) {
    return switch (kind) {
      case NOT_FOUND -> NOENT;
      case EXISTS -> EXIST;
      case NOT_DIRECTORY -> NOTDIR;
      case NOT_EMPTY -> NOTEMPTY;
      case LOOP -> LOOP;
      case ESCAPE -> PERM;
      case NAME_TOO_LONG -> NAMETOOLONG;
      case INVALID -> INVAL;
      case ACCESS -> ACCES;
      case CROSS_DEVICE -> XDEV;
      case IO -> IO;
    };
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
