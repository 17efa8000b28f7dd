package dev.iotypes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A host folder, on any {@code java.nio.file.FileSystem} (the default one, a zip file system,
 * jimfs), as an input directory. The walk follows no link: a symbolic link, even one pointing
 * inside the tree, is skipped along with devices, FIFOs and sockets, so the listing is exactly the
 * regular files and directories beneath the root and nothing a link could make appear twice or
 * escape to. Each file is opened when asked, by its name beneath the root, one directory at a time
 * and no link followed ({@link FolderWalk}), so a directory swapped for a link since the listing
 * cannot lead out.
 */
final class FolderDirectory {
  private FolderDirectory() {}

  static InputDirectory open(Path root, Origin origin) throws IOException {
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("not a directory: " + root);
    }
    ListedDirectory listed = new ListedDirectory(origin.pseudonym(), Closer.NONE);
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(root)) {
      paths = walk.collect(Collectors.toList());
    } catch (UncheckedIOException e) {
      throw e.getCause(); // a subdirectory that cannot be read: the listing would be a lie
    }
    for (Path path : paths) {
      if (path.equals(root)) {
        continue;
      }
      BasicFileAttributes attributes =
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      String name = nameOf(root.relativize(path));
      if (attributes.isDirectory()) {
        listed.add(name, DirectoryEntry.Kind.DIRECTORY, -1, o -> null);
      } else if (attributes.isRegularFile()) {
        listed.add(name, DirectoryEntry.Kind.FILE, attributes.size(), o -> read(root, name, o));
      }
    }
    return listed;
  }

  /** Segments joined with {@code /} whatever the file system's separator. */
  private static String nameOf(Path relative) {
    StringBuilder name = new StringBuilder();
    for (Path segment : relative) {
      if (name.length() > 0) {
        name.append('/');
      }
      name.append(segment.toString());
    }
    return name.toString();
  }

  private static Input read(Path root, String name, Origin origin) throws IOException {
    SeekableByteChannel channel = FolderWalk.open(root, name);
    return new ChannelInput(channel, channel::close, origin);
  }
}
