package dev.iotypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.testing.Fixture;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Archives written as output directories, read back entry by entry with Commons Compress's
 * streaming readers, which see the entries in the order they lie in the file.
 */
class ArchiveOutputDirectoryTest {
  @TempDir Path dir;

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static Outcome write(Output output, byte[] bytes) {
    return output.write(ByteBuffer.wrap(bytes));
  }

  /** Every entry in the order it lies in the archive: a directory's name ends in {@code /}. */
  private static Map<String, byte[]> entries(Path archive) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ArchiveInputStream<?> in = reader(archive)) {
      for (ArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
        entries.put(entry.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  private static ArchiveInputStream<?> reader(Path archive) throws IOException {
    String name = archive.getFileName().toString();
    InputStream file = new BufferedInputStream(Files.newInputStream(archive));
    if (name.endsWith(".zip")) {
      return new ZipArchiveInputStream(file, "UTF-8", true, true);
    }
    return new TarArchiveInputStream(
        name.endsWith(".tar") ? file : new GZIPInputStream(file), "UTF-8");
  }

  private static long spooledFiles() throws IOException {
    try (Stream<Path> temp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return temp.filter(p -> p.getFileName().toString().endsWith(".entry")).count();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"out.zip", "out.tar", "out.tar.gz", "out.tgz"})
  void entriesLieInCreationOrderEachAfterTheParentsItWasFirstToNeed(String name)
      throws IOException {
    Path archive = dir.resolve(name);
    OutputDirectory out = IoTypes.outputDirectory(archive);

    Output first = out.create("b/x");
    Output second = out.create("a");
    assertThat(write(second, utf8("second, closed first")).isOpen()).isTrue();
    second.close();
    assertThat(write(first, utf8("first, open the while")).isOpen()).isTrue();
    Output third = out.create("b/c/y");
    assertThat(write(third, utf8("third")).isOpen()).isTrue();
    third.close();
    first.close();
    out.close();

    Map<String, byte[]> entries = entries(archive);
    assertThat(entries.keySet()).containsExactly("b/", "b/x", "a", "b/c/", "b/c/y");
    assertThat(entries.get("b/x")).isEqualTo(utf8("first, open the while"));
    assertThat(entries.get("a")).isEqualTo(utf8("second, closed first"));
    assertThat(entries.get("b/c/y")).isEqualTo(utf8("third"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"out.zip", "out.tar.gz"})
  void filesBiggerThanMemoryWaitInTemporaryFilesDeletedAsSoonAsMade(String name)
      throws IOException {
    Path archive = dir.resolve(name);
    OutputDirectory out = IoTypes.outputDirectory(archive);
    long spooledBefore = spooledFiles();
    Output head = out.create("head"); // a zip streams this one; every other one waits
    byte[] big = Fixture.randomBytes(3 * EntrySpool.IN_MEMORY_PER_ENTRY, 1);
    List<Output> waiting = new ArrayList<>();
    List<byte[]> contents = new ArrayList<>();
    // Together past the archive's allowance, each under its own limit.
    int count = (int) (ArchiveOutputDirectory.IN_MEMORY / EntrySpool.IN_MEMORY_PER_ENTRY) + 2;
    for (int i = 0; i < count; i++) {
      waiting.add(out.create("w/" + i));
      contents.add(Fixture.randomBytes(EntrySpool.IN_MEMORY_PER_ENTRY - i, 10 + i));
    }
    Output huge = out.create("huge");
    for (int i = 0; i < count; i++) {
      assertThat(write(waiting.get(i), contents.get(i)).isOpen()).isTrue();
    }
    assertThat(write(huge, big).isOpen()).isTrue();
    assertThat(write(head, utf8("head")).isOpen()).isTrue();

    assertThat(spooledFiles()).isEqualTo(spooledBefore); // none has a name any more
    for (int i = count - 1; i >= 0; i--) {
      waiting.get(i).close();
    }
    huge.close();
    head.close();
    out.close();

    Map<String, byte[]> entries = entries(archive);
    assertThat(entries.get("head")).isEqualTo(utf8("head"));
    assertThat(entries.get("huge")).isEqualTo(big);
    for (int i = 0; i < count; i++) {
      assertThat(entries.get("w/" + i)).as("w/" + i).isEqualTo(contents.get(i));
    }
    assertThat(List.copyOf(entries.keySet()).subList(0, 3)).containsExactly("head", "w/", "w/0");
    assertThat(spooledFiles()).isEqualTo(spooledBefore);
  }

  @ParameterizedTest
  @ValueSource(strings = {"out.tar", "out.tar.gz"})
  void aTarSaysNothingOfWhoWroteItAndKeepsLongAndNonAsciiNames(String name) throws IOException {
    Path archive = dir.resolve(name);
    OutputDirectory out = IoTypes.outputDirectory(archive);
    String longName = "d/" + "n".repeat(150) + "/é ü 漢字.txt";
    try (Output file = out.create(longName)) {
      write(file, utf8("deep"));
    }
    out.close();

    try (ArchiveInputStream<?> in = reader(archive)) {
      List<String> names = new ArrayList<>();
      for (TarArchiveEntry entry; (entry = (TarArchiveEntry) in.getNextEntry()) != null; ) {
        names.add(entry.getName());
        assertThat(entry.getUserName()).isEmpty();
        assertThat(entry.getGroupName()).isEmpty();
        assertThat(entry.getLongUserId()).isZero();
        assertThat(entry.getLongGroupId()).isZero();
        assertThat(entry.getMode() & 07777).isEqualTo(entry.isDirectory() ? 0755 : 0644);
      }
      assertThat(names).containsExactly("d/", "d/" + "n".repeat(150) + "/", longName);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"out.zip", "out.tar"})
  void aFailureOfTheArchiveFailsEveryOutputAndItsClose(String name) throws IOException {
    OutputStream full =
        new OutputStream() {
          long written;

          @Override
          public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            written += len;
            if (written > 100_000) {
              throw new IOException("No space left on device");
            }
          }
        };
    OutputDirectory out = IoTypes.outputDirectory(full, name, Origin.named(name));
    Output big = out.create("big");
    Output other = out.create("other");
    byte[] random = Fixture.randomBytes(1 << 20, 2); // deflates to no less than it is
    Outcome written = write(big, random);
    big.close(); // a tar writes it here; a zip already failed on it
    Outcome after = write(other, utf8("x"));

    assertThat(written.isFailed() || name.endsWith(".tar")).isTrue();
    assertThat(after.isFailed()).isTrue();
    assertThat(after.failure().kind()).isEqualTo(Failure.Kind.NO_SPACE);
    other.close();
    assertThatThrownBy(out::close)
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("No space left on device");
    assertThatThrownBy(out::close).isInstanceOf(UncheckedIOException.class); // and again
    assertThatThrownBy(() -> out.create("late")).isInstanceOf(IllegalStateException.class);
  }
}
