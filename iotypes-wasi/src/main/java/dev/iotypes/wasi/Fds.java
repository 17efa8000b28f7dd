package dev.iotypes.wasi;

import static dev.iotypes.wasi.Rights.FD_READ;
import static dev.iotypes.wasi.Rights.FD_WRITE;

import dev.iotypes.wasi.Descriptor.ArrayFd;
import dev.iotypes.wasi.Descriptor.DirectoryFd;
import dev.iotypes.wasi.Descriptor.StreamFd;
import java.util.TreeMap;

/**
 * The guest's descriptor table, and the checks every call makes on a number it is given: a number
 * not open is {@code EBADF}; a right the descriptor has lost is {@code ENOTCAPABLE}; a descriptor
 * of the wrong kind gets the errno wasi-libc and wasmtime give for it.
 */
final class Fds {
  private final int max;
  private final TreeMap<Integer, Descriptor> open = new TreeMap<>();

  Fds(int max) {
    this.max = max;
  }

  /** Installs a descriptor at the lowest free number. */
  int add(Descriptor d) {
    int fd = 0;
    for (Integer used : open.keySet()) {
      if (used != fd) {
        break;
      }
      fd++;
    }
    if (open.size() >= max) {
      d.close();
      throw Errno.MFILE.raise();
    }
    open.put(fd, d);
    return fd;
  }

  /** The descriptor open as {@code fd}, or null (poll reports it per subscription). */
  Descriptor find(int fd) {
    return open.get(fd);
  }

  Descriptor get(int fd) {
    Descriptor d = open.get(fd);
    if (d == null) {
      throw Errno.BADF.raise();
    }
    return d;
  }

  /**
   * The descriptor, if it still has {@code right}: one that {@code fd_fdstat_set_rights} took away
   * is {@code ENOTCAPABLE}, or {@code EBADF} for reading and writing as POSIX has it for a
   * descriptor not open for them (the rights a descriptor starts with follow from its kind and how
   * it was opened, and are enforced by the kind itself).
   */
  Descriptor get(int fd, long right) {
    Descriptor d = get(fd);
    if ((Rights.of(d) & ~d.state().rightsBase & right)
        != 0) { // the kind had it, and it was dropped
      throw ((right & (FD_READ | FD_WRITE)) != 0 ? Errno.BADF : Errno.NOTCAPABLE).raise();
    }
    return d;
  }

  Directory dir(int fd, long right) {
    if (get(fd) instanceof DirectoryFd d) {
      get(fd, right);
      return d.directory();
    }
    throw Errno.NOTDIR.raise();
  }

  /** {@code to} closed and replaced by {@code from}, which leaves its own number. */
  void renumber(int from, int to) {
    Descriptor d = get(from);
    Descriptor old = get(to);
    if (d != old) {
      old.close();
      open.put(to, d);
      open.remove(from);
    }
  }

  void close(int fd) {
    Descriptor d = get(fd);
    open.remove(fd);
    d.close();
  }

  /** Flushes and releases every descriptor still open. Never throws. */
  void closeAll() {
    for (Descriptor d : open.values()) {
      try {
        d.close();
      } catch (RuntimeException e) {
        // released as far as possible
      }
    }
    open.clear();
  }

  static ArrayFd array(Descriptor d) {
    if (d instanceof ArrayFd f) {
      return f;
    }
    throw (d instanceof StreamFd ? Errno.SPIPE : Errno.BADF).raise();
  }

  static ArrayFd writableArray(Descriptor d) {
    if (!(d instanceof ArrayFd f)) {
      throw (d instanceof StreamFd ? Errno.INVAL : Errno.BADF).raise();
    }
    if (!f.writable()) {
      throw Errno.BADF.raise();
    }
    return f;
  }

  /** Operations on a file's data are {@code EBADF} on a directory, as wasmtime has them. */
  static Descriptor notDirectory(Descriptor d) {
    if (d instanceof DirectoryFd) {
      throw Errno.BADF.raise();
    }
    return d;
  }

  static String preopen(Descriptor d) {
    if (d instanceof DirectoryFd dir && dir.preopen().isPresent()) {
      return dir.preopen().get();
    }
    throw Errno.BADF.raise();
  }

  static boolean isSocket(Descriptor d) {
    return d.filetype() == Filestat.SOCKET_STREAM;
  }
}
