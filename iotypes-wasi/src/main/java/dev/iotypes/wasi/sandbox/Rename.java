package dev.iotypes.wasi.sandbox;

import dev.iotypes.wasi.sandbox.SandboxException.Kind;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** {@code renameat} between two confined walks. */
public final class Rename {
  private Rename() {}

  /**
   * Renames {@code from}'s target to {@code to}'s ({@code renameat}), both entries of directories
   * the walks opened. What the JDK reports by translated text only ({@code ENOTEMPTY} for a
   * non-empty directory in the way, {@code EINVAL} for a directory moved beneath itself) is told
   * from what the two targets are.
   */
  public static void move(Beneath from, Beneath to) {
    try {
      from.dir().move(Path.of(from.last()), to.dir(), Path.of(to.last()));
    } catch (IOException e) {
      throw new SandboxException(notMoved(from, to, e), e);
    }
  }

  private static Kind notMoved(Beneath from, Beneath to, IOException e) {
    Kind kind = SandboxException.kindOf(e);
    if (kind != Kind.IO) {
      return kind;
    }
    try {
      BasicFileAttributes a = from.attributes();
      BasicFileAttributes b = to.attributes();
      if (a != null && a.isDirectory() && beneath(to, from)) {
        return Kind.INVALID;
      }
      if (b != null && b.isDirectory() && !isEmpty(to)) {
        return Kind.NOT_EMPTY;
      }
    } catch (IOException | SandboxException again) {
      return kind;
    }
    return kind;
  }

  /** Whether {@code walk}'s target lies strictly inside {@code dir}'s target. */
  private static boolean beneath(Beneath walk, Beneath dir) {
    List<String> inside = new ArrayList<>(dir.names());
    inside.add(dir.last());
    List<String> mine = new ArrayList<>(walk.names());
    mine.add(walk.last());
    return walk.root() == dir.root()
        && mine.size() > inside.size()
        && mine.subList(0, inside.size()).equals(inside);
  }

  private static boolean isEmpty(Beneath walk) throws IOException {
    try (DirectoryStream<Path> s =
        walk.dir().newDirectoryStream(Path.of(walk.last()), LinkOption.NOFOLLOW_LINKS)) {
      return !s.iterator().hasNext();
    }
  }
}
