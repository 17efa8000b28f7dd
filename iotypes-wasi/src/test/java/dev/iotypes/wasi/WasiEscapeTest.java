package dev.iotypes.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.wasi.WasiPrograms.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Escape attempts from a preopen ({@code guests/wasi/src/escape.c}): {@code ..}, absolute paths, a
 * symbolic link out of the preopen, symbolic links the guest makes, hard links in and out, the
 * directory of an open file swapped for a link out before fstat and futimens. Every one must fail,
 * and the host tree outside the preopen must be exactly as before: nothing created, changed, linked
 * or removed.
 *
 * <p>Node is the reference elsewhere, not here: its WASI is not a sandbox (its documentation says
 * so) and follows a symbolic link out of a preopen, reading and even creating files outside, and
 * hard-links a file from outside into the preopen. The test shows that, and asserts iotypes' own
 * behaviour.
 */
class WasiEscapeTest {
  @TempDir Path dir;

  private Path world;
  private Path preopen;

  @BeforeEach
  void makeWorld() throws Exception {
    world = Files.createDirectories(dir.resolve("world"));
    preopen = Files.createDirectories(world.resolve("pre"));
    Files.createDirectories(preopen.resolve("sub"));
    Files.writeString(preopen.resolve("inside.txt"), "inside\n");
    Files.writeString(world.resolve("outside.txt"), "outside\n");
    Files.createDirectories(world.resolve("outdir"));
    Files.writeString(world.resolve("outdir/secret.txt"), "secret\n");
    Files.createSymbolicLink(preopen.resolve("out"), Path.of("../outdir"));
  }

  @Test
  void noAttemptGetsOutAndNothingOutsideChanges() throws Exception {
    Map<String, String> outside = outside(world);
    FileTime secretTime = Files.getLastModifiedTime(world.resolve("outdir/secret.txt"));
    Result ours = WasiPrograms.iotypes("escape", new byte[0], b -> b.preopen(preopen, "."));
    assertThat(ours.stdout()).doesNotContain("ESCAPED").contains("inside.txt still reads: inside");
    assertThat(ours.stdout())
        .containsPattern("fstat after swap \\(swapped -> out\\) +denied")
        .containsPattern("futimens after swap \\(swapped -> out\\) +denied");
    assertThat(ours.stdout()).endsWith("escaped=0\n");
    assertThat(ours.status()).isZero();
    assertThat(outside(world)).isEqualTo(outside);
    // The guest swapped the directory of a file it had open for a link out, then set the open
    // file's times: the file outside under the same name keeps its own.
    assertThat(Files.getLastModifiedTime(world.resolve("outdir/secret.txt"))).isEqualTo(secretTime);
    // Inside, the guest made nothing: its symbolic links all lead out (../outside.txt,
    // sub/../../outside.txt, .. and /etc), and a host program following one would leave the
    // preopen, so each is refused.
    assertThat(WasiPrograms.snapshot(preopen)).containsOnlyKeys("/", "sub/", "inside.txt", "out");
    assertThat(WasiPrograms.snapshot(preopen).get("inside.txt")).isEqualTo("inside\n (links 1)");
  }

  @Test
  void nodeIsNoSandboxButIotypesIs() throws Exception {
    Path copy = dir.resolve("node-world");
    WasiPrograms.copy(world, copy);
    Result node =
        WasiPrograms.node(
            dir, new byte[0], List.of("--dir", copy.resolve("pre") + "::."), "escape");
    // What Node lets through: the pre-existing link out is followed (read, stat, and a file
    // planted outside), and a hard link to a file outside is made inside.
    assertThat(node.stdout())
        .containsPattern("open out/secret.txt \\(symlink out\\) +ESCAPED")
        .containsPattern("create out/planted.txt +ESCAPED");
    assertThat(copy.resolve("outdir/planted.txt")).exists();
    assertThat(node.status()).isPositive();

    Result ours = WasiPrograms.iotypes("escape", new byte[0], b -> b.preopen(preopen, "."));
    assertThat(ours.stdout())
        .containsPattern("open out/secret.txt \\(symlink out\\) +denied")
        .containsPattern("create out/planted.txt +denied");
    assertThat(world.resolve("outdir/planted.txt")).doesNotExist();
    // Where Node refuses, iotypes refuses the same way: the lines of the attempts that do not
    // involve a link out are identical.
    for (String attempt :
        List.of(
            "open ../outside.txt",
            "open sub/../../outside.txt",
            "opendir ..",
            "open /etc/passwd",
            "create ../created.txt",
            "mkdir ../newdir",
            "unlink ../outside.txt",
            "rename inside.txt ../moved.txt",
            "link inside.txt ../hard",
            "link ../outside.txt hard")) {
      assertThat(line(ours.stdout(), attempt)).isEqualTo(line(node.stdout(), attempt));
    }
  }

  @Test
  void aReadOnlyDirectoryArgumentCannotBeLeftEither() throws Exception {
    Map<String, String> outside = outside(world);
    // I/O-types mode: "pre" is a directory argument, bound read-only; the program is told to
    // work inside it.
    Result ours =
        WasiPrograms.iotypes("escape", new byte[0], b -> b.workingDirectory(world), "pre");
    assertThat(ours.stdout()).doesNotContain("ESCAPED").endsWith("escaped=0\n");
    assertThat(outside(world)).isEqualTo(outside);
    assertThat(WasiPrograms.snapshot(preopen)).containsOnlyKeys("/", "sub/", "inside.txt", "out");
  }

  /** The host tree minus the preopen. */
  private static Map<String, String> outside(Path world) throws Exception {
    Map<String, String> tree = WasiPrograms.snapshot(world);
    tree.keySet().removeIf(k -> k.startsWith("pre/"));
    return tree;
  }

  private static String line(String text, String prefix) {
    for (String l : text.split("\n")) {
      if (l.startsWith(prefix + " ")) {
        return l;
      }
    }
    return "(no line for " + prefix + ")";
  }
}
