package dev.iotypes.cli;

import static dev.iotypes.cli.MainTest.assertOneLineError;
import static dev.iotypes.cli.MainTest.guest;
import static dev.iotypes.cli.MainTest.run;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code iotypes run} binding an {@code input-directory} from a folder or an archive: the example
 * guests checked against the native tools, and one guest giving one output whatever holds the tree.
 */
class InputDirectoryRunTest {
  @TempDir Path dir;
  Path root;

  @BeforeEach
  void tree() throws IOException {
    root = dir.resolve("tree");
    Random random = new Random(11);
    for (String name :
        List.of("README", "src/main.c", "src/lib/a.h", "src/lib/a.c", "doc s/ä.md", "e", "x.y")) {
      Path file = root.resolve(name);
      Files.createDirectories(file.getParent());
      byte[] bytes = new byte[name.equals("e") ? 0 : random.nextInt(70_000)];
      random.nextBytes(bytes);
      Files.write(file, bytes);
    }
    Files.createDirectories(root.resolve("empty"));
  }

  private String shell(String script) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", script).directory(root.toFile());
    builder.environment().put("LC_ALL", "C");
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), UTF_8);
    assertThat(process.waitFor()).as(script).isZero();
    return out;
  }

  private Path zip() throws Exception {
    Path zip = dir.resolve("tree.zip");
    shell("zip -qr " + zip + " .");
    return zip;
  }

  private Path tarGz() throws IOException {
    Path tgz = dir.resolve("tree.tar.gz");
    try (OutputStream file = Files.newOutputStream(tgz);
        TarArchiveOutputStream tar =
            new TarArchiveOutputStream(new GZIPOutputStream(file), "UTF-8");
        var walk = Files.walk(root)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Path path : walk.filter(p -> !p.equals(root)).toList()) {
        tar.putArchiveEntry(tar.createArchiveEntry(path, "./" + root.relativize(path)));
        if (Files.isRegularFile(path)) {
          Files.copy(path, tar);
        }
        tar.closeArchiveEntry();
      }
    }
    return tgz;
  }

  @Test
  void sha256deepOnAFolderPrintsWhatSha256sumPrints() throws Exception {
    MainTest.Result result = run("run", guest("sha256deep"), root.toString(), "-");

    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.outText())
        .isEqualTo(shell("find . -type f | sort | cut -c3- | xargs -d '\\n' sha256sum"))
        .contains("  doc s/ä.md\n");
  }

  @Test
  void sha256deepGivesTheSameOutputOnAZipAndATarGzOfTheTree() throws Exception {
    String folder = run("run", guest("sha256deep"), root.toString(), "-").outText();

    assertThat(run("run", guest("sha256deep"), zip().toString(), "-").outText()).isEqualTo(folder);
    assertThat(run("run", guest("sha256deep"), tarGz().toString(), "-").outText())
        .isEqualTo(folder);
  }

  @Test
  void duOnAFolderAndAZipPrintsTheSizesFindPrints() throws Exception {
    String expected =
        shell(
            "find . -type f -printf '%s\\t%P\\n' | sort -t \"$(printf '\\t')\" -k2,2 > ../l;"
                + " cat ../l; awk -F'\\t' '{s+=$1} END {print s \"\\t.\"}' ../l");

    assertThat(run("run", guest("du"), root.toString(), "-").outText()).isEqualTo(expected);
    assertThat(run("run", guest("du"), zip().toString(), "-").outText()).isEqualTo(expected);
  }

  @Test
  void unpackOfAZipMakesTheFilesUnzipMakesAndTouchesNothingThere() throws Exception {
    Path zip = zip();
    Path unpacked = dir.resolve("new/unpacked");
    Path unzipped = Files.createDirectories(dir.resolve("unzipped"));
    shell("cd " + unzipped + " && unzip -q " + zip + " && find . -type d -empty -delete");

    MainTest.Result result = run("run", guest("unpack"), zip.toString(), unpacked.toString());
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(shell("diff -r " + unpacked + " " + unzipped + " && echo same")).isEqualTo("same\n");

    Files.writeString(unpacked.resolve("README"), "mine");
    MainTest.Result again = run("run", guest("unpack"), zip.toString(), unpacked.toString());
    assertThat(again.status()).isEqualTo(1);
    assertThat(again.err()).contains("unpack: " + zip + "/README: not copied");
    assertThat(Files.readString(unpacked.resolve("README"))).isEqualTo("mine");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../escape", "/etc/passwd", "a/../../b"})
  void anArchiveWithAHostileNameIsNotBound(String hostile) throws Exception {
    Path zip = dir.resolve("evil.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("fine.txt"));
      out.closeEntry();
      out.putNextEntry(new ZipEntry(hostile));
      out.write('x');
      out.closeEntry();
    }

    MainTest.Result result = run("run", guest("sha256deep"), zip.toString(), "-");
    assertThat(result.status()).isEqualTo(66);
    assertThat(result.err())
        .startsWith("iotypes: cannot open " + zip + ": not a portable name (")
        .endsWith(": \"" + hostile + "\"\n")
        .hasLineCount(1);
    assertThat(result.out()).isEmpty();
  }

  @Test
  void aTarWithALinkOutOfTheTreeListsItsFilesOnly() throws Exception {
    Path tar = dir.resolve("links.tar");
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
      TarArchiveEntry link = new TarArchiveEntry("passwd", TarArchiveEntry.LF_SYMLINK);
      link.setLinkName("/etc/passwd");
      out.putArchiveEntry(link);
      out.closeArchiveEntry();
      TarArchiveEntry file = new TarArchiveEntry("file");
      file.setSize(2);
      out.putArchiveEntry(file);
      out.write(new byte[] {'h', 'i'});
      out.closeArchiveEntry();
    }

    assertThat(run("run", guest("du"), tar.toString(), "-").outText()).isEqualTo("2\tfile\n2\t.\n");
  }

  @Test
  void aFileThatIsNeitherAFolderNorAnArchiveIsAUsageOfTheWrongKind() throws Exception {
    Path file = Files.writeString(dir.resolve("notes.txt"), "x");

    assertOneLineError(
        run("run", guest("du"), file.toString(), "-"),
        66,
        "not a directory, .zip, .tar, .tar.gz or .tgz: " + file);
  }
}
