package dev.iotypes.cli;

import static dev.iotypes.cli.MainTest.guest;
import static dev.iotypes.cli.MainTest.run;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.iotypes.DirectoryEntry;
import dev.iotypes.Input;
import dev.iotypes.InputDirectory;
import dev.iotypes.IoTypes;
import dev.iotypes.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code iotypes run} binding an {@code output-directory} to an archive by its name: the same
 * unpack.wasm that fills a folder writes a zip, a tar or a tar.gz, which the native tools list and
 * the project reads back byte for byte; and an archive is put in place only when main succeeds.
 */
class ArchiveOutputRunTest {
  @TempDir Path dir;
  Path root;
  Map<String, byte[]> tree = new TreeMap<>();

  @BeforeEach
  void tree() throws IOException {
    root = dir.resolve("tree");
    Random random = new Random(14);
    for (String name :
        List.of("README", "src/main.c", "src/lib/a.h", "src/lib/a.c", "doc s/ä.md", "e", "big")) {
      Path file = root.resolve(name);
      Files.createDirectories(file.getParent());
      int size = name.equals("e") ? 0 : name.equals("big") ? 3 << 20 : random.nextInt(70_000);
      byte[] bytes = new byte[size];
      random.nextBytes(bytes);
      Files.write(file, bytes);
      tree.put(name, bytes);
    }
  }

  /** Every file of the archive, read through the project's own input directory. */
  private static Map<String, byte[]> files(Path archive) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (InputDirectory read = IoTypes.inputDirectory(archive)) {
      for (DirectoryEntry entry; (entry = read.next().orElse(null)) != null; ) {
        if (entry.kind() == DirectoryEntry.Kind.FILE) {
          try (Input input = entry.open()) {
            files.put(entry.name(), drain(input));
          }
        }
      }
    }
    return files;
  }

  private static byte[] drain(Input input) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    for (Outcome read; ; ) {
      buffer.clear();
      read = input.read(buffer);
      all.write(buffer.array(), 0, buffer.position());
      assertThat(read.isFailed()).as("read of the archive").isFalse();
      if (read.isEnded()) {
        return all.toByteArray();
      }
    }
  }

  /** What a native tool lists, one name a line, sorted; null when the tool is not installed. */
  private static List<String> nativeList(Path archive) throws Exception {
    String name = archive.getFileName().toString();
    List<String> command =
        name.endsWith(".zip")
            ? List.of("unzip", "-Z1", archive.toString())
            : List.of("tar", name.endsWith(".tar") ? "tf" : "tzf", archive.toString());
    Process process;
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().put("LC_ALL", "C.UTF-8");
      process = builder.start();
    } catch (IOException notInstalled) {
      return null;
    }
    String out = new String(process.getInputStream().readAllBytes(), UTF_8);
    assertThat(process.waitFor()).as(command + ": " + out).isZero();
    if (name.endsWith(".zip")) { // and every file's CRC checked: a tar's are read through above
      Process test = new ProcessBuilder("unzip", "-tq", archive.toString()).start();
      String said = new String(test.getInputStream().readAllBytes(), UTF_8);
      assertThat(test.waitFor()).as("unzip -tq: " + said).isZero();
    }
    return out.lines().sorted().toList();
  }

  /** Whatever is in {@code dir} besides the tree: the archive, or anything left beside it. */
  private List<String> besideTheTree() throws IOException {
    try (Stream<Path> listed = Files.list(dir)) {
      return listed.filter(p -> !p.equals(root)).map(p -> p.getFileName().toString()).toList();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"out.zip", "out.tar", "out.tar.gz", "out.tgz"})
  void unpackOfAFolderIntoAnArchiveHoldsEveryFileByteForByte(String name) throws Exception {
    Path archive = dir.resolve(name);

    MainTest.Result result = run("run", guest("unpack"), root.toString(), archive.toString());

    assertThat(result.status()).as(result.err()).isZero();
    assertThat(besideTheTree()).containsExactly(name);
    Map<String, byte[]> files = files(archive);
    assertThat(files.keySet()).containsExactlyElementsOf(tree.keySet());
    tree.forEach((file, bytes) -> assertThat(files.get(file)).as(file).isEqualTo(bytes));

    List<String> listed = nativeList(archive);
    assumeTrue(listed != null, "no native tool to list " + name);
    List<String> expected = new ArrayList<>(tree.keySet());
    expected.addAll(List.of("doc s/", "src/", "src/lib/"));
    assertThat(listed).containsExactlyElementsOf(expected.stream().sorted().toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {"out.zip", "out.tar.gz"})
  void aFailingUnpackLeavesTheOldArchiveAsItWasAndNothingBesideIt(String name) throws Exception {
    Path zip = corruptZip();
    Path archive = dir.resolve(name);
    byte[] old = "an archive of before".getBytes(UTF_8);
    Files.write(archive, old);

    MainTest.Result result = run("run", guest("unpack"), zip.toString(), archive.toString());

    assertThat(result.status()).as(result.err()).isEqualTo(1);
    assertThat(result.err()).contains("unpack: " + zip + "/broken: not copied");
    assertThat(Files.readAllBytes(archive)).isEqualTo(old);
    assertThat(besideTheTree()).containsExactlyInAnyOrder(name, zip.getFileName().toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"out.zip", "out.tar"})
  void aFailingUnpackMakesNoArchive(String name) throws Exception {
    Path zip = corruptZip();

    MainTest.Result result =
        run("run", guest("unpack"), zip.toString(), dir.resolve(name).toString());

    assertThat(result.status()).as(result.err()).isEqualTo(1);
    assertThat(besideTheTree()).containsExactly(zip.getFileName().toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"out.zip", "out.tar"})
  void withNoAtomicTheArchiveIsWrittenInPlaceAndEndedEvenOnErr(String name) throws Exception {
    Path zip = corruptZip();
    Path archive = dir.resolve(name);

    MainTest.Result result =
        run("run", "--no-atomic", guest("unpack"), zip.toString(), archive.toString());

    assertThat(result.status()).as(result.err()).isEqualTo(1);
    assertThat(files(archive)).containsOnlyKeys("fine", "broken");
    assertThat(files(archive).get("fine")).isEqualTo("fine".getBytes(UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"out.zip", "out.tar.gz"})
  void anArchiveThatExistsIsReplacedWhole(String name) throws Exception {
    Path archive = dir.resolve(name);
    Files.write(archive, new byte[1 << 20]);

    MainTest.Result result = run("run", guest("unpack"), root.toString(), archive.toString());

    assertThat(result.status()).as(result.err()).isZero();
    assertThat(files(archive).keySet()).containsExactlyElementsOf(tree.keySet());
    assertThat(besideTheTree()).containsExactly(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"out.zip", "out.tar.gz"})
  void anArchiveRewrittenFromItselfIsReadWholeBeforeItIsReplaced(String name) throws Exception {
    Path archive = dir.resolve(name);
    assertThat(run("run", guest("unpack"), root.toString(), archive.toString()).status()).isZero();

    MainTest.Result again = run("run", guest("unpack"), archive.toString(), archive.toString());

    assertThat(again.status()).as(again.err()).isZero();
    Map<String, byte[]> files = files(archive);
    assertThat(files.keySet()).containsExactlyElementsOf(tree.keySet());
    tree.forEach((file, bytes) -> assertThat(files.get(file)).as(file).isEqualTo(bytes));
    assertThat(besideTheTree()).containsExactly(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"out.zip", "out.tar"})
  void aFolderNamedLikeAnArchiveStaysAFolder(String name) throws Exception {
    Path folder = Files.createDirectories(dir.resolve(name));

    MainTest.Result result = run("run", guest("unpack"), root.toString(), folder.toString());

    assertThat(result.status()).as(result.err()).isZero();
    assertThat(folder.resolve("src/lib/a.c")).hasBinaryContent(tree.get("src/lib/a.c"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"full.zip", "full.tar"})
  void anArchiveThatCannotBeWrittenFailsTheRunNamingIt(String name) throws Exception {
    Path full = Path.of("/dev/full"); // every write: no space left on device
    assumeTrue(Files.isWritable(full), "no /dev/full");
    Path archive = Files.createSymbolicLink(dir.resolve(name), full); // a device: written in place

    MainTest.Result result = run("run", guest("unpack"), root.toString(), archive.toString());

    assertThat(result.status()).isNotZero();
    assertThat(result.err())
        .contains("iotypes: " + archive + ": the archive was not written: No space left on device")
        .doesNotContain("Exception");
  }

  /**
   * A zip whose second file's deflated bytes start with an invalid block, so that reading it fails
   * after the first was copied: unpack.wasm then returns err.
   */
  private Path corruptZip() throws IOException {
    Path zip = dir.resolve("in.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("fine"));
      out.write("fine".getBytes(UTF_8));
      out.closeEntry();
      out.putNextEntry(new ZipEntry("broken"));
      out.write(new byte[100_000]);
      out.closeEntry();
    }
    long offset;
    try (ZipFile read = ZipFile.builder().setPath(zip).get()) {
      ZipArchiveEntry broken = read.getEntry("broken");
      offset = broken.getDataOffset();
    }
    try (FileChannel file = FileChannel.open(zip, StandardOpenOption.WRITE)) {
      file.write(ByteBuffer.wrap(new byte[] {(byte) 0xff}), offset); // final block, type 3: none
    }
    return zip;
  }
}
