package dev.iotypes.wasm.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@link ModuleCache}'s cap: after an entry is stored, the entries under the cache root (every
 * compiler's subdirectory) used least recently are deleted until the rest fit. Entries are few and
 * stored rarely (once per module compiled), so listing them all each time costs little.
 */
final class Eviction {
  private Eviction() {}

  /**
   * An entry's file, as {@link ModuleCache#file} names it, in a compiler's subdirectory: the root
   * may be a directory the user named ({@code IOTYPES_CACHE}), and no other file is ever deleted.
   */
  private static final Pattern ENTRY = Pattern.compile("\\d+-[0-9a-f]{8}\\.jar");

  private record Entry(Path file, long size, FileTime used) {}

  /** Deletes the least recently used entries under {@code root} until they total {@code max}. */
  static void trim(Path root, long max) {
    List<Entry> entries = new ArrayList<>();
    long total = 0;
    try (Stream<Path> files =
        Files.find(root, 2, (path, attributes) -> attributes.isRegularFile())) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (file.getParent().equals(root)
            || !ENTRY.matcher(file.getFileName().toString()).matches()) {
          continue;
        }
        try {
          BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
          entries.add(new Entry(file, attributes.size(), attributes.lastAccessTime()));
          total += attributes.size();
        } catch (IOException e) {
          // deleted meanwhile, by another process's eviction
        }
      }
    } catch (IOException | RuntimeException e) {
      return; // the next store tries again
    }
    if (total <= max) {
      return;
    }
    entries.sort(Comparator.comparing(Entry::used));
    for (Entry entry : entries) {
      if (total <= max) {
        break;
      }
      try {
        Files.deleteIfExists(entry.file());
        total -= entry.size();
      } catch (IOException | RuntimeException e) {
        // held or gone; counted as still there
      }
    }
  }
}
