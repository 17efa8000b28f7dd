package dev.iotypes.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.wasi.WasiPrograms.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Filesystem mode ({@code --dir HOST::GUEST}): the path_* family through wasi-libc — mkdir, rename,
 * unlink, rmdir, symlink, readlink, link, truncate, utimes, O_EXCL — gives what Node gives and
 * leaves the host tree as it should.
 */
class WasiFilesystemTest {
  @TempDir Path dir;

  private static final byte[] NO_INPUT = new byte[0];

  @Test
  void pathOperationsMatchNodeAndLeaveTheTreeClean() throws Exception {
    Path ours = Files.createDirectories(dir.resolve("ours"));
    Path theirs = Files.createDirectories(dir.resolve("node"));
    Result iotypes = WasiPrograms.iotypes("fsops", NO_INPUT, b -> b.preopen(ours, "."));
    Result node = WasiPrograms.node(dir, NO_INPUT, List.of("--dir", theirs + "::."), "fsops");
    assertThat(iotypes.stdout())
        .contains("readlink d/link: e/b.txt\n", "  d/link = \"alpha\"\n", "  nlink=2\n")
        .contains("  d/e/b.txt = \"al\"\n", "  mtime=1234567890\n", "  left: renamed\n")
        .endsWith("failures=0\n");
    assertThat(iotypes.status()).isZero();
    assertThat(iotypes).isEqualTo(node);
    assertThat(WasiPrograms.snapshot(ours)).containsOnlyKeys("/");
  }

  @Test
  void aPreopenCanBeMountedUnderAnotherName() throws Exception {
    Path host = Files.createDirectories(dir.resolve("host"));
    Files.writeString(host.resolve("f.txt"), "mounted\n");
    Result ours =
        WasiPrograms.iotypes("cat", NO_INPUT, b -> b.preopen(host, "/data"), "/data/f.txt");
    Result node =
        WasiPrograms.node(dir, NO_INPUT, List.of("--dir", host + "::/data"), "cat", "/data/f.txt");
    assertThat(ours.stdout()).isEqualTo("mounted\n");
    assertThat(ours).isEqualTo(node);
  }

  @Test
  void listingsInFilesystemModeMatchNode() throws Exception {
    Path host = Files.createDirectories(dir.resolve("tree/a/b"));
    Files.writeString(dir.resolve("tree/one.txt"), "1\n");
    Files.writeString(dir.resolve("tree/a/two.txt"), "two\nlines\n");
    Files.writeString(host.resolve("three"), "");
    Files.createSymbolicLink(dir.resolve("tree/link"), Path.of("a/two.txt"));
    Path tree = dir.resolve("tree");
    Map<String, String> before = WasiPrograms.snapshot(tree);
    Result ours = WasiPrograms.iotypes("dirs", NO_INPUT, b -> b.preopen(tree, "."), ".", "a");
    Result node =
        WasiPrograms.node(dir, NO_INPUT, List.of("--dir", tree + "::."), "dirs", ".", "a");
    assertThat(ours.stdout())
        .isEqualTo(
            ".:\n"
                + "  a/\n"
                + "    b/\n"
                + "      three 0 \"\"\n"
                + "    two.txt 10 \"two\"\n"
                + "  link@\n"
                + "  one.txt 2 \"1\"\n"
                + "a:\n"
                + "  b/\n"
                + "    three 0 \"\"\n"
                + "  two.txt 10 \"two\"\n");
    assertThat(ours).isEqualTo(node);
    assertThat(WasiPrograms.snapshot(tree)).isEqualTo(before);
  }
}
