package dev.iotypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Archives written by someone hostile: a name that could escape refuses the whole archive. */
class HostileArchiveTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"../x", "/abs", "a/../../b", "..\\x", "a\u0000b", "a//b", "ok/../.."})
  void aZipWithAHostileNameIsRefusedWhenOpened(String hostile) throws IOException {
    Path zip = zip("ok.txt", hostile);

    assertThatThrownBy(() -> IoTypes.inputDirectory(zip))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("not a portable name (");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x", "/abs", "a/../../b", "a\\b", "a//b"})
  void aTarWithAHostileNameIsRefusedWhenOpened(String hostile) throws IOException {
    Path tar = dir.resolve("t.tar");
    try (TarArchiveOutputStream out =
        new TarArchiveOutputStream(Files.newOutputStream(tar), "UTF-8")) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (String name : List.of("ok.txt", hostile)) {
        TarArchiveEntry entry = new TarArchiveEntry(name, true); // as written, not normalized
        entry.setSize(1);
        out.putArchiveEntry(entry);
        out.write('x');
        out.closeArchiveEntry();
      }
    }

    assertThatThrownBy(() -> IoTypes.inputDirectory(tar))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("not a portable name (");
  }

  @Test
  void aTarGzThatDecompressesPastTheLimitIsRefusedAndLeavesNothingBehind() throws IOException {
    // 2 MiB of zeros: about 2 KB compressed, a bomb in miniature
    Path tgz = dir.resolve("bomb.tar.gz");
    try (TarArchiveOutputStream out =
        new TarArchiveOutputStream(
            new java.util.zip.GZIPOutputStream(Files.newOutputStream(tgz)), "UTF-8")) {
      TarArchiveEntry entry = new TarArchiveEntry("zeros.bin");
      entry.setSize(2 << 20);
      out.putArchiveEntry(entry);
      out.write(new byte[2 << 20]);
      out.closeArchiveEntry();
    }
    assertThat(Files.size(tgz)).isLessThan(64 << 10);
    long before = tempFiles();

    assertThatThrownBy(() -> ArchiveDirectory.open(tgz, Origin.NONE, 1 << 20))
        .isInstanceOf(IOException.class)
        .hasMessage("holds more than 1048576 bytes decompressed: bomb.tar.gz");
    assertThat(tempFiles()).isEqualTo(before);
    assertThat(names(ArchiveDirectory.open(tgz, Origin.NONE, 4 << 20)))
        .containsExactly("zeros.bin");
  }

  private static long tempFiles() throws IOException {
    try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(f -> f.getFileName().toString().startsWith("iotypes-")).count();
    }
  }

  @Test
  void aBackslashInAZipMadeOnDosIsItsSeparatorThenTheNameIsChecked() throws IOException {
    // java.util.zip marks its entries as made on FAT, where Commons Compress reads a name without
    // '/' as using '\\': the rule then applies to what that makes ("..\\x" above is refused)
    assertThat(names(IoTypes.inputDirectory(zip("ok.txt", "a\\b")))).contains("a", "a/b");
  }

  @Test
  void aNameListedTwiceIsRefused() throws IOException {
    Path zip = zip("a.txt", "./a.txt");

    assertThatThrownBy(() -> IoTypes.inputDirectory(zip)).hasMessageStartingWith("listed twice");
  }

  @Test
  void aFileStandingWhereAParentShouldIsRefused() throws IOException {
    Path zip = zip("a", "a/b");

    assertThatThrownBy(() -> IoTypes.inputDirectory(zip)).hasMessageStartingWith("a file is");
  }

  @Test
  void linksInArchivesAreSkipped() throws IOException {
    Path zip = dir.resolve("links.zip");
    try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
      ZipArchiveEntry link = new ZipArchiveEntry("link");
      link.setUnixMode(0120777);
      out.putArchiveEntry(link);
      out.write("/etc/passwd".getBytes(StandardCharsets.UTF_8));
      out.closeArchiveEntry();
      out.putArchiveEntry(new ZipArchiveEntry("file"));
      out.write('x');
      out.closeArchiveEntry();
    }
    Path tar = dir.resolve("links.tar");
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
      TarArchiveEntry symbolic = new TarArchiveEntry("link", TarArchiveEntry.LF_SYMLINK);
      symbolic.setLinkName("/etc/passwd");
      out.putArchiveEntry(symbolic);
      out.closeArchiveEntry();
      TarArchiveEntry hard = new TarArchiveEntry("hard", TarArchiveEntry.LF_LINK);
      hard.setLinkName("file");
      out.putArchiveEntry(hard);
      out.closeArchiveEntry();
      TarArchiveEntry file = new TarArchiveEntry("file");
      file.setSize(1);
      out.putArchiveEntry(file);
      out.write('x');
      out.closeArchiveEntry();
    }

    assertThat(names(IoTypes.inputDirectory(zip))).containsExactly("file");
    assertThat(names(IoTypes.inputDirectory(tar))).containsExactly("file");
  }

  @Test
  void theMapBackendRefusesHostileNamesToo() {
    assertThatThrownBy(() -> IoTypes.inputDirectory(Map.of("../x", new byte[0])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a portable name (.. segment)");
  }

  @Test
  void anArchiveThatIsNotOneIsRefused() throws IOException {
    Path zip = Files.writeString(dir.resolve("not.zip"), "hello");

    assertThatThrownBy(() -> IoTypes.inputDirectory(zip)).isInstanceOf(IOException.class);
  }

  private Path zip(String... names) throws IOException {
    Path zip = dir.resolve("z" + names.length + names[1].hashCode() + ".zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (String name : names) {
        out.putNextEntry(new ZipEntry(name));
        out.write('x');
        out.closeEntry();
      }
    }
    return zip;
  }

  static List<String> names(InputDirectory directory) {
    List<String> names = new ArrayList<>();
    try (directory) {
      directory.next().ifPresent(e -> names.add(e.name()));
      for (var e = directory.next(); e.isPresent(); e = directory.next()) {
        names.add(e.get().name());
      }
    }
    return names;
  }
}
