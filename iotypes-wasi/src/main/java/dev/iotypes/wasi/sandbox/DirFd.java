package dev.iotypes.wasi.sandbox;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An entry of an open directory named through the directory's descriptor, for the system calls
 * {@link SecureDirectoryStream} has no {@code *at} form of (mkdir, symlink, link, readlink, stat
 * with inode numbers, setting times).
 *
 * <p>Why: a host path is walked again by the kernel when used, so a directory in it swapped for a
 * symbolic link after {@link Beneath} checked it would redirect the call out of the preopen. On
 * Linux, {@code /proc/self/fd/N/NAME} names {@code NAME} inside exactly the directory open as
 * descriptor {@code N}: the kernel resolves the magic link {@code /proc/self/fd/N} to the open file
 * itself, not by walking a path, so no swap can redirect it. {@code NAME} is one component, and
 * callers use it without following a link in it, so the call lands in that directory.
 *
 * <p>Java keeps the descriptor number private ({@code sun.nio.fs.UnixSecureDirectoryStream.dfd}):
 * reading it needs {@code --add-opens java.base/sun.nio.fs=ALL-UNNAMED}, which the launcher and the
 * builds pass. Without it (or without {@code /proc}), {@link #available()} is false and {@link
 * Beneath} falls back to a host path whose directory it checks just before use, which leaves the
 * window of one system call ({@code docs/security.md}).
 *
 * <p>The path is valid only while the stream is open: the number is reused once it is closed.
 */
public final class DirFd {
  private static final Path FDS = Path.of("/proc/self/fd");
  private static final Field DFD = find();

  private DirFd() {}

  /** Whether directories can be named through their descriptor in this JVM. */
  public static boolean available() {
    return DFD != null;
  }

  /**
   * {@code /proc/self/fd/N/name} for the stream's descriptor {@code N}, or empty if not {@link
   * #available()}. {@code name} is one component, or {@code "."} for the directory itself.
   */
  public static Optional<Path> path(SecureDirectoryStream<Path> dir, String name) {
    if (name.isEmpty() || name.equals("..") || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("not one component: " + name);
    }
    if (DFD == null || !DFD.getDeclaringClass().isInstance(dir)) {
      return Optional.empty();
    }
    try {
      return Optional.of(FDS.resolve(Integer.toString(DFD.getInt(dir))).resolve(name));
    } catch (IllegalAccessException e) {
      return Optional.empty();
    }
  }

  /** The stream's descriptor number, or empty if not {@link #available()}. */
  public static OptionalInt descriptor(SecureDirectoryStream<Path> dir) {
    if (DFD == null || !DFD.getDeclaringClass().isInstance(dir)) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(DFD.getInt(dir));
    } catch (IllegalAccessException e) {
      return OptionalInt.empty();
    }
  }

  /** The field, if readable and {@code /proc/self/fd/N} names the very directory open as N. */
  private static Field find() {
    try {
      Field dfd = Class.forName("sun.nio.fs.UnixSecureDirectoryStream").getDeclaredField("dfd");
      dfd.setAccessible(true); // InaccessibleObjectException without --add-opens
      try (DirectoryStream<Path> s = Files.newDirectoryStream(Path.of("/"))) {
        if (!(s instanceof SecureDirectoryStream<Path> dir)
            || !dfd.getDeclaringClass().isInstance(s)) {
          return null;
        }
        Object opened =
            dir.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey();
        Path named = FDS.resolve(Integer.toString(dfd.getInt(dir))).resolve(".");
        Object seen =
            Files.readAttributes(named, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .fileKey();
        return opened != null && Objects.equals(opened, seen) ? dfd : null;
      }
    } catch (ReflectiveOperationException | RuntimeException | IOException e) {
      return null;
    }
  }
}
