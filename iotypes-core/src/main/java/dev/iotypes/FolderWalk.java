package dev.iotypes;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * Opens or creates a file by its portable name beneath a folder so that nothing swapped in since
 * the listing can lead outside it. A listing names {@code a/b/f}; by the time a program opens it,
 * another process may have replaced {@code a} with a symbolic link to {@code /etc}. Resolving the
 * string would follow it; this walk does not.
 *
 * <p>Where the file system offers {@link SecureDirectoryStream} (Linux and the other Unixes of the
 * JDK), each directory is entered relative to the one before it with {@code openat(…, O_NOFOLLOW)},
 * and the file opened relative to the last with {@code O_NOFOLLOW}: a link anywhere on the way is
 * an error, never followed, whenever it was made. Elsewhere (Windows, jimfs, a zip file system) the
 * fallback checks each parent, by path and without following links, to be a directory just before
 * the open: a swap within that window of a few system calls is still possible there.
 */
final class FolderWalk {
  private FolderWalk() {}

  /** Opens {@code name} ({@link PortableName portable}) beneath {@code root} to read. */
  static SeekableByteChannel open(Path root, String name) throws IOException {
    String[] segments = PortableName.check(name).split("/");
    try (DirectoryStream<Path> top = Files.newDirectoryStream(root)) {
      if (top instanceof SecureDirectoryStream<Path> secure) {
        return openBeneath(secure, root, segments, 0);
      }
    }
    return openChecked(root, segments);
  }

  /**
   * Creates {@code name} new beneath {@code root} to write, making missing parents. With {@link
   * SecureDirectoryStream}, existing parents are entered and the file created ({@code
   * O_CREAT|O_EXCL|O_NOFOLLOW}) relative to the directory the walk holds; only a missing parent is
   * made by path (the JDK has no {@code mkdirat}), then entered from its held parent, so a swap in
   * that window can at worst leave an empty directory outside, never a file or a byte.
   */
  static SeekableByteChannel create(Path root, String name) throws IOException {
    String[] segments = PortableName.check(name).split("/");
    try (DirectoryStream<Path> top = Files.newDirectoryStream(root)) {
      if (top instanceof SecureDirectoryStream<Path> secure) {
        return createBeneath(secure, root, root, segments, 0);
      }
    }
    return createChecked(root, segments);
  }

  private static SeekableByteChannel createBeneath(
      SecureDirectoryStream<Path> directory, Path root, Path at, String[] segments, int i)
      throws IOException {
    Path segment = root.getFileSystem().getPath(segments[i]);
    if (i == segments.length - 1) {
      return directory.newByteChannel(
          segment,
          Set.of(
              StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
    }
    Path below = at.resolve(segments[i]);
    try (SecureDirectoryStream<Path> entered = enterOrMake(directory, segment, below)) {
      return createBeneath(entered, root, below, segments, i + 1);
    }
  }

  private static SecureDirectoryStream<Path> enterOrMake(
      SecureDirectoryStream<Path> directory, Path segment, Path path) throws IOException {
    try {
      return directory.newDirectoryStream(segment, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException missing) {
      try {
        Files.createDirectory(path);
      } catch (FileAlreadyExistsException raced) {
        // made meanwhile: entered below like any parent
      }
      return directory.newDirectoryStream(segment, LinkOption.NOFOLLOW_LINKS);
    }
  }

  /** The fallback: missing parents made, every parent checked, just before the creation. */
  private static SeekableByteChannel createChecked(Path root, String[] segments)
      throws IOException {
    Path path = root;
    for (int i = 0; i < segments.length - 1; i++) {
      path = path.resolve(segments[i]);
      if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        try {
          Files.createDirectory(path);
        } catch (FileAlreadyExistsException raced) {
          // made meanwhile: checked below like any parent
        }
      }
      if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        throw new NotDirectoryException(path + " (or a link)");
      }
    }
    return Files.newByteChannel(
        path.resolve(segments[segments.length - 1]),
        StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS);
  }

  /** Enters {@code segments[at]} relative to {@code directory}, or opens the file it names. */
  private static SeekableByteChannel openBeneath(
      SecureDirectoryStream<Path> directory, Path root, String[] segments, int at)
      throws IOException {
    Path segment = root.getFileSystem().getPath(segments[at]);
    if (at == segments.length - 1) {
      return directory.newByteChannel(
          segment, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
    }
    try (SecureDirectoryStream<Path> below =
        directory.newDirectoryStream(segment, LinkOption.NOFOLLOW_LINKS)) {
      return openBeneath(below, root, segments, at + 1);
    }
  }

  /** The fallback: every parent checked to be a directory, not a link, just before the open. */
  static SeekableByteChannel openChecked(Path root, String name) throws IOException {
    return openChecked(root, PortableName.check(name).split("/"));
  }

  private static SeekableByteChannel openChecked(Path root, String[] segments) throws IOException {
    Path path = root;
    for (int i = 0; i < segments.length - 1; i++) {
      path = path.resolve(segments[i]);
      BasicFileAttributes attributes =
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isDirectory()) {
        throw new NotDirectoryException(path.toString());
      }
    }
    return Files.newByteChannel(
        path.resolve(segments[segments.length - 1]),
        StandardOpenOption.READ,
        LinkOption.NOFOLLOW_LINKS);
  }
}
