package dev.iotypes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An {@link InputDirectory} over a listing made when it was opened: names checked, parents that an
 * archive left implicit added as directories, and everything in UTF-8 byte order. Every backend
 * lists into one of these, so that the order, the name rule and the tree's shape are decided in one
 * place and a folder and an archive of one tree cannot differ.
 */
final class ListedDirectory implements InputDirectory {
  /** UTF-8 byte order, which is {@code LC_ALL=C sort}'s and not quite {@link String}'s. */
  static final Comparator<String> ORDER =
      Comparator.comparing(
          (String s) -> s.getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned);

  private final Pseudonym pseudonym;
  private final String prefix;
  private final TreeMap<String, DirectoryEntry> entries = new TreeMap<>(ORDER);
  private final Closer closer;
  private Iterator<DirectoryEntry> next;
  private boolean closed;

  ListedDirectory(Pseudonym pseudonym, Closer closer) {
    this.pseudonym = pseudonym;
    String root = new String(pseudonym.utf8(), StandardCharsets.UTF_8);
    this.prefix = root.isEmpty() || root.endsWith("/") ? root : root + "/";
    this.closer = closer;
  }

  /**
   * Adds an entry, and its parents as directories if they are missing.
   *
   * @throws IOException if the name is not portable or already listed, or a file stands where a
   *     parent should
   */
  void add(String name, DirectoryEntry.Kind kind, long size, DirectoryEntry.Opener opener)
      throws IOException {
    try {
      PortableName.check(name);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage());
    }
    DirectoryEntry old = entries.get(name);
    if (old != null) {
      if (kind == DirectoryEntry.Kind.DIRECTORY && old.kind() == kind) {
        return; // a parent added first, or an archive naming a directory twice
      }
      throw new IOException("listed twice: " + PortableName.quote(name));
    }
    for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
      String parent = name.substring(0, slash);
      DirectoryEntry above = entries.get(parent);
      if (above == null) {
        entries.put(parent, entry(parent, DirectoryEntry.Kind.DIRECTORY, -1, opener));
      } else if (above.kind() != DirectoryEntry.Kind.DIRECTORY) {
        throw new IOException("a file is the parent of " + PortableName.quote(name));
      }
    }
    entries.put(name, entry(name, kind, kind == DirectoryEntry.Kind.DIRECTORY ? -1 : size, opener));
  }

  private DirectoryEntry entry(
      String name, DirectoryEntry.Kind kind, long size, DirectoryEntry.Opener opener) {
    Origin origin = new Origin(Pseudonym.of(prefix + name), MediaType.forName(name));
    return new DirectoryEntry(name, kind, size, origin, opener);
  }

  @Override
  public Optional<DirectoryEntry> next() {
    Checks.open(closed, "input directory");
    if (next == null) {
      next = entries.values().iterator();
    }
    return next.hasNext() ? Optional.of(next.next()) : Optional.empty();
  }

  @Override
  public Pseudonym pseudonym() {
    return pseudonym;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        closer.close();
      } catch (IOException e) {
        // nothing was written through a directory: a failed release loses nothing
      }
    }
  }
}
