package dev.iotypes.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.cli.MainTest.Result;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A typed main linked with wasi-libc walks the input directory it was handed with {@code opendir},
 * {@code readdir}, {@code stat} and {@code fopen} ({@code guests/libc/src/find.c}): the same lines
 * from a folder, a zip and a tar.gz of one tree, and nothing outside the tree opens.
 */
class LibcDirectoryTest {
  @TempDir Path dir;

  private static final Map<String, byte[]> TREE = tree();

  private static Map<String, byte[]> tree() {
    byte[] big = new byte[100_000];
    new Random(3).nextBytes(big);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("a.txt", "alpha\n".getBytes(UTF_8));
    files.put("a/b.bin", big);
    files.put("a/c/empty", new byte[0]);
    files.put("z/é.txt", "ü\n".getBytes(UTF_8));
    return files;
  }

  /** What find.wasm prints for {@link #TREE}: a depth-first walk, children in byte order. */
  private static String expected() {
    StringBuilder lines = new StringBuilder();
    for (String name : List.of("a", "a/b.bin", "a/c", "a/c/empty", "a.txt", "z", "z/é.txt")) {
      byte[] bytes = TREE.get(name);
      lines.append(
          bytes == null
              ? name + "/\n"
              : String.format("%s %d %08x%n", name, bytes.length, fnv(bytes)));
    }
    for (String outside : List.of("tree/..", "tree/../tree", "/etc/passwd", "tree/x/../../y")) {
      lines.append("outside ").append(outside).append(": refused\n");
    }
    return lines.toString();
  }

  private static int fnv(byte[] bytes) {
    int h = 0x811c9dc5;
    for (byte b : bytes) {
      h = (h ^ (b & 0xff)) * 16777619;
    }
    return h;
  }

  private static String find() {
    Path path = TestModules.ROOT.resolve("guests/libc/wasm/find.wasm");
    assertThat(path).as("run guests/build.sh").isRegularFile();
    return path.toString();
  }

  private Path folder() throws IOException {
    Path root = dir.resolve("tree");
    for (Map.Entry<String, byte[]> file : TREE.entrySet()) {
      Path path = root.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.write(path, file.getValue());
    }
    return root;
  }

  private Path zip() throws IOException {
    Path path = dir.resolve("tree.zip");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(path))) {
      for (Map.Entry<String, byte[]> file : TREE.entrySet()) {
        zip.putNextEntry(new ZipEntry(file.getKey()));
        zip.write(file.getValue());
        zip.closeEntry();
      }
    }
    return path;
  }

  private Path tarGz() throws IOException {
    Path path = dir.resolve("tree.tar.gz");
    OutputStream out = new GZIPOutputStream(Files.newOutputStream(path));
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8")) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> file : TREE.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry("./" + file.getKey());
        entry.setSize(file.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(file.getValue());
        tar.closeArchiveEntry();
      }
    }
    return path;
  }

  @Test
  void libcWalksAFolderAZipAndATarGzOfOneTreeAlike() throws IOException {
    for (Path tree : List.of(folder(), zip(), tarGz())) {
      Result result = MainTest.run("run", find(), tree.toString(), "-");

      assertThat(result.status()).as(tree + ": " + result.err() + result.outText()).isZero();
      assertThat(result.outText()).as(tree.toString()).isEqualTo(expected());
    }
  }

  @Test
  void aLinkBesideTheTreeIsNoEntryAndNothingOutsideOpens() throws IOException {
    Path root = folder();
    Path secret = Files.writeString(dir.resolve("secret"), "secret");
    Files.createSymbolicLink(root.resolve("link"), secret);
    Files.createSymbolicLink(root.resolve("a/up"), dir);

    Result result = MainTest.run("run", find(), root.toString(), "-");

    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.outText()).isEqualTo(expected()).doesNotContain("link", "up", "secret");
  }
}
