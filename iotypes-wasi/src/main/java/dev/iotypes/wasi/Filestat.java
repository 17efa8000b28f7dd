package dev.iotypes.wasi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The preview1 {@code filestat} (64 bytes in guest memory) and the filetype values. */
record Filestat(
    long dev, long ino, int filetype, long nlink, long size, long atim, long mtim, long ctim) {
  static final int UNKNOWN = 0;
  static final int BLOCK_DEVICE = 1;
  static final int CHARACTER_DEVICE = 2;
  static final int DIRECTORY = 3;
  static final int REGULAR_FILE = 4;
  static final int SOCKET_DGRAM = 5;
  static final int SOCKET_STREAM = 6;
  static final int SYMBOLIC_LINK = 7;

  static final int SIZE = 64;

  /** A file known only by its type and size (a stream, an in-memory array). */
  static Filestat of(int filetype, long size) {
    return new Filestat(0, 0, filetype, 1, size, 0, 0, 0);
  }

  /** The host's {@code lstat} of {@code path} (which the caller has confined). */
  static Filestat ofHost(Path path) throws IOException {
    return ofHost(path, false);
  }

  /** The host's {@code stat} (or {@code lstat}) of {@code path}. */
  static Filestat ofHost(Path path, boolean follow) throws IOException {
    Map<String, Object> a =
        follow
            ? Files.readAttributes(path, "unix:*")
            : Files.readAttributes(path, "unix:*", LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) a.get("mode");
    return new Filestat(
        (Long) a.get("dev"),
        (Long) a.get("ino"),
        typeOfMode(mode),
        ((Integer) a.get("nlink")).longValue(),
        (Long) a.get("size"),
        nanos((FileTime) a.get("lastAccessTime")),
        nanos((FileTime) a.get("lastModifiedTime")),
        nanos((FileTime) a.get("ctime")));
  }

  Filestat withSize(long newSize) {
    return new Filestat(dev, ino, filetype, nlink, newSize, atim, mtim, ctim);
  }

  static int typeOfMode(int mode) {
    return switch (mode & 0xF000) {
      case 0x4000 -> DIRECTORY;
      case 0x8000 -> REGULAR_FILE;
      case 0xA000 -> SYMBOLIC_LINK;
      case 0x2000 -> CHARACTER_DEVICE;
      case 0x6000 -> BLOCK_DEVICE;
      case 0xC000 -> SOCKET_STREAM;
      default -> UNKNOWN;
    };
  }

  static long nanos(FileTime time) {
    return time == null ? 0 : Math.max(0, time.to(TimeUnit.NANOSECONDS));
  }
}
