package dev.iotypes.wasi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preview1 mode's files as another ABI sees them ({@link FileSystem}). */
class FileSystemTest {
  @TempDir Path dir;

  @Test
  void aFileOpenedAndNeverReleasedIsClosedWithTheFileSystem() throws Exception {
    Files.writeString(dir.resolve("data.txt"), "data\n");
    FileSystem fs = FileSystem.open(WasiOptions.builder().args("t").preopen(dir, ".").build(), 16);
    FileSystem.Node root = fs.preopens().get(0).node();
    fs.openAt(root, "data.txt", false, false, false, false, false, true, false, 0);
    assertThat(descriptorsInto(dir)).anyMatch(p -> p.endsWith("data.txt"));
    fs.close();
    assertThat(descriptorsInto(dir)).isEmpty();
  }

  @Test
  void theWalkIsTheSandboxs() throws Exception {
    Files.writeString(dir.resolve("outside.txt"), "outside\n");
    Path pre = Files.createDirectories(dir.resolve("pre"));
    try (FileSystem fs =
        FileSystem.open(WasiOptions.builder().args("t").preopen(pre, ".").build(), 16)) {
      FileSystem.Node root = fs.preopens().get(0).node();
      assertThatThrownBy(
              () ->
                  fs.openAt(
                      root, "../outside.txt", true, false, false, false, false, true, false, 0))
          .isInstanceOfSatisfying(
              FileSystem.Failed.class, e -> assertThat(e.errno()).isEqualTo("perm"));
      assertThatThrownBy(() -> fs.linkAt(root, "a", true, root, "b"))
          .isInstanceOfSatisfying(
              FileSystem.Failed.class, e -> assertThat(e.errno()).isEqualTo("inval"));
    }
  }

  private static List<Path> descriptorsInto(Path dir) throws IOException {
    Path real = dir.toRealPath();
    List<Path> open = new ArrayList<>();
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          Path target = Files.readSymbolicLink(fd);
          if (target.startsWith(real) || target.startsWith(dir)) {
            open.add(target);
          }
        } catch (IOException closedMeanwhile) {
          // the listing's own descriptor, or one closed since
        }
      }
    }
    return open;
  }
}
