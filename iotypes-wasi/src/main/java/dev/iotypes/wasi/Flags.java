package dev.iotypes.wasi;

/** The preview1 flag bits decoded here: fdflags, oflags, lookupflags and fstflags. */
final class Flags {
  static final int APPEND = 1;
  static final int NONBLOCK = 4;
  static final int SYNC_FLAGS = 2 | 8 | 16;
  static final int O_CREAT = 1;
  static final int O_DIRECTORY = 2;
  static final int O_EXCL = 4;
  static final int O_TRUNC = 8;
  static final int SYMLINK_FOLLOW = 1;
  static final int ATIM = 1;
  static final int ATIM_NOW = 2;
  static final int MTIM = 4;
  static final int MTIM_NOW = 8;

  private Flags() {}
}
