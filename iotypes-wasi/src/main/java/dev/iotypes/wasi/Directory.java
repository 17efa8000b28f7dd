package dev.iotypes.wasi;

import java.nio.file.attribute.FileTime;
import java.util.List;

/**
 * A directory a descriptor stands for, and every path operation beneath it. Two kinds: a host
 * directory (a preopen, or a directory argument, resolved by {@link
 * dev.iotypes.wasi.sandbox.Beneath}) and the bound names of I/O-types mode, where only the names
 * given at the boundary exist. Failures are raised as {@link Errno.Raised} or as the sandbox's own
 * exception; {@link Errno#of} maps either.
 */
sealed interface Directory permits HostDirectory, BoundDirectory, EntryDirectory {
  /** How {@code path_open} was asked to open a path (preview1 flags, already decoded). */
  record OpenRequest(
      String path,
      boolean follow,
      boolean create,
      boolean directory,
      boolean exclusive,
      boolean truncate,
      boolean read,
      boolean write,
      int fdflags) {}

  Descriptor open(OpenRequest request);

  Filestat stat(String path, boolean follow);

  /** This directory's own filestat. */
  Filestat statSelf();

  /** Entries in order, {@code .} and {@code ..} first. */
  List<Dirent> list();

  /** {@code null} times are left alone. */
  void setTimes(String path, boolean follow, FileTime atime, FileTime mtime);

  void createDirectory(String path);

  void removeDirectory(String path);

  void unlinkFile(String path);

  void rename(String from, Directory target, String to);

  void symlink(String linkTarget, String path);

  String readlink(String path);

  void link(String from, boolean follow, Directory target, String to);
}
