package dev.iotypes.wasi;

import dev.iotypes.wasi.Descriptor.ArrayFd;
import dev.iotypes.wasi.Descriptor.DirectoryFd;
import dev.iotypes.wasi.Descriptor.StreamFd;

/**
 * The preview1 rights bits, and the rights each kind of descriptor starts with: they follow from
 * the kind and how it was opened, and {@code fd_fdstat_set_rights} only ever takes some away.
 */
final class Rights {
  static final long FD_DATASYNC = 1L;
  static final long FD_READ = 1L << 1;
  static final long FD_SEEK = 1L << 2;
  static final long FD_FDSTAT_SET_FLAGS = 1L << 3;
  static final long FD_SYNC = 1L << 4;
  static final long FD_TELL = 1L << 5;
  static final long FD_WRITE = 1L << 6;
  static final long FD_ADVISE = 1L << 7;
  static final long FD_ALLOCATE = 1L << 8;
  static final long PATH_CREATE_DIRECTORY = 1L << 9;
  static final long PATH_CREATE_FILE = 1L << 10;
  static final long PATH_LINK_SOURCE = 1L << 11;
  static final long PATH_LINK_TARGET = 1L << 12;
  static final long PATH_OPEN = 1L << 13;
  static final long FD_READDIR = 1L << 14;
  static final long PATH_READLINK = 1L << 15;
  static final long PATH_RENAME_SOURCE = 1L << 16;
  static final long PATH_RENAME_TARGET = 1L << 17;
  static final long PATH_FILESTAT_GET = 1L << 18;
  static final long PATH_FILESTAT_SET_SIZE = 1L << 19;
  static final long PATH_FILESTAT_SET_TIMES = 1L << 20;
  static final long FD_FILESTAT_GET = 1L << 21;
  static final long FD_FILESTAT_SET_SIZE = 1L << 22;
  static final long FD_FILESTAT_SET_TIMES = 1L << 23;
  static final long PATH_SYMLINK = 1L << 24;
  static final long PATH_REMOVE_DIRECTORY = 1L << 25;
  static final long PATH_UNLINK_FILE = 1L << 26;
  static final long POLL_FD_READWRITE = 1L << 27;
  static final long SOCK_SHUTDOWN = 1L << 28;
  static final long SOCK_ACCEPT = 1L << 29;
  static final long ALL_RIGHTS = (1L << 30) - 1;
  static final long FILE_RIGHTS =
      FD_DATASYNC
          | FD_SEEK
          | FD_FDSTAT_SET_FLAGS
          | FD_SYNC
          | FD_TELL
          | FD_ADVISE
          | FD_FILESTAT_GET
          | FD_FILESTAT_SET_TIMES
          | POLL_FD_READWRITE;
  static final long DIRECTORY_RIGHTS =
      ALL_RIGHTS
          & ~(FD_READ
              | FD_WRITE
              | FD_SEEK
              | FD_TELL
              | FD_ALLOCATE
              | FD_FILESTAT_SET_SIZE
              | FD_ADVISE
              | PATH_FILESTAT_SET_SIZE // path_open with O_TRUNC is how sizes are set by path
              | SOCK_SHUTDOWN
              | SOCK_ACCEPT);

  private Rights() {}

  /** The rights a descriptor's kind has, before any were dropped. */
  static long of(Descriptor d) {
    if (d instanceof StreamFd s) {
      long r = FD_FDSTAT_SET_FLAGS | FD_FILESTAT_GET | POLL_FD_READWRITE;
      r |= s.input().isPresent() ? FD_READ : 0;
      r |= s.output().isPresent() ? FD_WRITE : 0;
      return r | (Fds.isSocket(d) ? SOCK_SHUTDOWN : 0);
    }
    if (d instanceof ArrayFd f) {
      return FILE_RIGHTS
          | (f.readable() ? FD_READ : 0)
          | (f.writable() ? FD_WRITE | FD_ALLOCATE | FD_FILESTAT_SET_SIZE : 0);
    }
    if (d instanceof DirectoryFd) {
      return DIRECTORY_RIGHTS;
    }
    return SOCK_ACCEPT | FD_FDSTAT_SET_FLAGS | FD_FILESTAT_GET | POLL_FD_READWRITE;
  }
}
