package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory swapped for a symbolic link between the walk and the use: the operations that must go
 * through a host path check, just before use, that it still names the directory the walk opened.
 */
class BeneathTest {
  @TempDir Path tmp;

  @Test
  void aDirectorySwappedForALinkOutAfterTheWalkIsRefused() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("box"));
    Path inside = Files.createDirectories(root.resolve("dir"));
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Beneath.Root confined = Beneath.Root.open(root, false);
    try (Beneath walk = Beneath.walk(confined, List.of(), "dir/planted", false)) {
      assertThat(walk.checkedHost()).isEqualTo(inside.resolve("planted"));

      Files.move(inside, root.resolve("dir.old"));
      Files.createSymbolicLink(inside, outside);

      assertThatThrownBy(walk::checkedHost)
          .isInstanceOf(Errno.Raised.class)
          .extracting(e -> ((Errno.Raised) e).errno)
          .isEqualTo(Beneath.ESCAPE);
    } finally {
      confined.stream().close();
    }
    try (var listing = Files.list(outside)) {
      assertThat(listing).isEmpty();
    }
  }

  @Test
  void aSwappedAncestorIsRefusedToo() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("box"));
    Files.createDirectories(root.resolve("a/b"));
    Path outside = Files.createDirectories(tmp.resolve("elsewhere/b"));
    Beneath.Root confined = Beneath.Root.open(root, false);
    try (Beneath walk = Beneath.walk(confined, List.of(), "a/b/new", false)) {
      Files.move(root.resolve("a"), root.resolve("a.old"));
      Files.createSymbolicLink(root.resolve("a"), outside.getParent());
      assertThatThrownBy(walk::checkedHost).isInstanceOf(Errno.Raised.class);
    } finally {
      confined.stream().close();
    }
  }
}
