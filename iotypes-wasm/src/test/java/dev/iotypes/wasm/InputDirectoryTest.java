package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.InputDirectory;
import dev.iotypes.IoTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code input-directory} parameter kind through the Java API: the example guests on real trees
 * checked against the native tools, a folder and an archive giving the same output, laziness seen
 * from the guest, and the ABI's misuse rules.
 */
class InputDirectoryTest {
  @TempDir Path dir;

  /** A tree with nesting, an empty file and directory, non-ASCII and byte-order-sensitive names. */
  private Path tree() throws IOException {
    Path root = dir.resolve("tree");
    Random random = new Random(5);
    for (String name :
        new String[] {"a.txt", "a/b.bin", "a/c/d", "B", "z z/ü.txt", "a-b", "empty", "big"}) {
      Path file = root.resolve(name);
      Files.createDirectories(file.getParent());
      byte[] bytes =
          new byte[name.equals("empty") ? 0 : name.equals("big") ? 3 << 20 : random.nextInt(5000)];
      random.nextBytes(bytes);
      Files.write(file, bytes);
    }
    Files.createDirectories(root.resolve("nothing/here"));
    return root;
  }

  private Path zip(Path root) throws IOException {
    Path zip = dir.resolve("tree.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
        Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new ZipEntry(root.relativize(path).toString()));
        out.write(Files.readAllBytes(path));
        out.closeEntry();
      }
    }
    return zip;
  }

  private static String run(String tool, Object tree) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = GuestToolsTest.guest(tool).main().bind("tree", tree).bind("output", out).call();
    assertThat(status).as("exit status of " + tool).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String shell(String script, Path cwd) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", script).directory(cwd.toFile());
    builder.environment().put("LC_ALL", "C");
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(script).isZero();
    return out;
  }

  @Test
  void sha256deepPrintsWhatSha256sumPrintsForEveryFileSortedByName() throws Exception {
    Path root = tree();

    assertThat(run("sha256deep", root))
        .isEqualTo(shell("find . -type f | sort | cut -c3- | xargs -d '\\n' sha256sum", root))
        .contains("  z z/ü.txt\n");
  }

  @Test
  void duPrintsTheSizesFindPrintsAndTheirTotal() throws Exception {
    Path root = tree();

    assertThat(run("du", root))
        .isEqualTo(
            shell(
                "find . -type f -printf '%s\\t%P\\n' | sort -t \"$(printf '\\t')\" -k2,2 > ../l;"
                    + " cat ../l; awk -F'\\t' '{s+=$1} END {print s \"\\t.\"}' ../l",
                root));
  }

  @Test
  void theSameGuestGivesTheSameOutputOnAFolderAZipAndAMap() throws Exception {
    Path root = tree();
    Map<String, byte[]> map = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.filter(Files::isRegularFile).toList()) {
        map.put(root.relativize(path).toString(), Files.readAllBytes(path));
      }
    }
    String folder = run("sha256deep", root);

    assertThat(run("sha256deep", zip(root))).isEqualTo(folder);
    assertThat(run("sha256deep", map)).isEqualTo(folder);
    assertThat(run("du", zip(root))).isEqualTo(run("du", root));
  }

  @Test
  void aGuestThatOnlyListsNeedsNoFileAndOneThatOpensReadsThemWhenItAsks() throws Exception {
    Path root = dir.resolve("many");
    Files.createDirectories(root);
    for (int i = 0; i < 2_000; i++) {
      Files.write(root.resolve("f" + i), new byte[i % 10]);
    }
    String sizes = run("du", root);
    InputDirectory listed = IoTypes.inputDirectory(root);
    InputDirectory listedAgain = IoTypes.inputDirectory(root);
    try (Stream<Path> files = Files.list(root)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }

    // du lists sizes only: the files being gone changes nothing
    assertThat(run("du", listed)).isEqualTo(sizes);
    // sha256deep opens each when it asks, finds it gone, says so and fails
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int status =
        GuestToolsTest.guest("sha256deep")
            .main()
            .bind("tree", listedAgain)
            .bind("output", OutputStream.nullOutputStream())
            .diagnostics(dev.iotypes.IoTypes.output(diagnostics))
            .call();
    assertThat(status).isEqualTo(1);
    assertThat(diagnostics.toString(StandardCharsets.UTF_8))
        .contains("sha256deep: " + root + "/f0: read error:")
        .contains(root + "/f1999: read error:");
  }

  private static final String MAIN =
      "main: func(tree: input-directory, output: output-stream, how: u32)";

  private static final String MISUSE =
      """
      (module
        (import "iotypes" "directory-next"
          (func $next (param i32 i32 i32) (result i32 i32 i64 i32)))
        (import "iotypes" "directory-name" (func $name (param i32 i32 i32) (result i32)))
        (import "iotypes" "directory-open" (func $open (param i32) (result i32)))
        (import "iotypes" "input-read" (func $read (param i32 i32 i32) (result i32 i32)))
        (import "iotypes" "output-write" (func $write (param i32 i32 i32) (result i32 i32)))
        (memory (export "memory") 1)
        (func (export "main") (param $dir i32) (param $out i32) (param $how i32)
          (local $full i32) (local $st i32)
          (if (i32.eqz (local.get $how)) (then (drop (call $open (local.get $dir)))))
          (if (i32.eq (local.get $how) (i32.const 1))
            (then (call $next (local.get $dir) (i32.const 65530) (i32.const 10))
                  (drop) (drop) (drop) (drop)))
          (if (i32.eq (local.get $how) (i32.const 2))
            (then (drop (drop (call $read (local.get $dir) (i32.const 0) (i32.const 1))))))
          (if (i32.eq (local.get $how) (i32.const 3))
            (then
              (loop $each
                (call $next (local.get $dir) (i32.const 0) (i32.const 0))
                (local.set $st) (drop) (drop) (drop)
                (br_if $each (i32.eqz (local.get $st))))
              (drop (call $name (local.get $dir) (i32.const 0) (i32.const 10)))))
          (if (i32.eq (local.get $how) (i32.const 4))
            (then
              ;; a two-byte buffer takes "ab" of "abcdef"; directory-name gives it all
              (call $next (local.get $dir) (i32.const 0) (i32.const 2))
              (drop) (drop) (drop)
              (local.set $full)
              (drop (drop (call $write (local.get $out) (i32.const 0) (i32.const 2))))
              (drop (call $name (local.get $dir) (i32.const 100) (local.get $full)))
              (drop (drop (call $write (local.get $out) (i32.const 100) (local.get $full))))))))
      """;

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 2, 3})
  void misuseOfADirectoryTrapsNamingTheImport(long how) throws Exception {
    Guest guest = Wat.guest(MAIN, MISUSE);
    Map<String, byte[]> files = Map.of("abcdef", new byte[] {1});

    assertThatThrownBy(
            () ->
                guest
                    .main()
                    .bind("tree", files)
                    .bind("output", OutputStream.nullOutputStream())
                    .bind("how", how)
                    .call())
        .isInstanceOf(GuestTrap.class)
        .hasMessageContaining(
            new String[] {"directory-open", "directory-next", "input-read", "directory-name"}
                [(int) how]);
  }

  @Test
  void aNameTooLongForTheBufferIsCutAndItsFullLengthToldThenFetchedWhole() throws Exception {
    Guest guest = Wat.guest(MAIN, MISUSE);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int status =
        guest
            .main()
            .bind("tree", Map.of("abcdef", new byte[] {1}))
            .bind("output", out)
            .bind("how", 4L)
            .call();

    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("ababcdef");
  }

  private static final String CREATE =
      """
      (module
        (import "iotypes" "output-directory-create"
          (func $create (param i32 i32 i32) (result i32)))
        (import "iotypes" "output-write" (func $write (param i32 i32 i32) (result i32 i32)))
        (memory (export "memory") 1)
        (data (i32.const 0) "../x")
        (data (i32.const 16) "a/b.txt")
        (data (i32.const 32) "\\ff")
        (func (export "main") (param $dir i32) (param $how i32)
          (if (i32.eqz (local.get $how))
            (then (drop (drop (call $write
              (call $create (local.get $dir) (i32.const 16) (i32.const 7))
              (i32.const 16) (i32.const 7))))))
          (if (i32.eq (local.get $how) (i32.const 1))
            (then (drop (call $create (local.get $dir) (i32.const 0) (i32.const 4)))))
          (if (i32.eq (local.get $how) (i32.const 2))
            (then (drop (call $create (local.get $dir) (i32.const 32) (i32.const 1)))))
          (if (i32.eq (local.get $how) (i32.const 3))
            (then (drop (call $create (local.get $dir) (i32.const 65530) (i32.const 7)))))))
      """;

  @Test
  void anOutputDirectoryCreatesWhatTheGuestNamesBeneathIt() throws Exception {
    Guest guest = Wat.guest("main: func(dest: output-directory, how: u32)", CREATE);
    Path dest = dir.resolve("dest");

    assertThat(guest.main().bind("dest", dest).bind("how", 0L).call()).isZero();

    assertThat(dest.resolve("a/b.txt")).hasContent("a/b.txt");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void aNameThatIsNotPortableUtf8InMemoryTrapsAndCreatesNothing(long how) throws Exception {
    Guest guest = Wat.guest("main: func(dest: output-directory, how: u32)", CREATE);
    Path dest = dir.resolve("dest");

    assertThatThrownBy(() -> guest.main().bind("dest", dest).bind("how", how).call())
        .isInstanceOf(GuestTrap.class)
        .hasMessageContaining("output-directory-create");
    try (Stream<Path> left = Files.list(dest)) {
      assertThat(left).isEmpty();
    }
    assertThat(dir.resolve("x")).doesNotExist();
  }
}
