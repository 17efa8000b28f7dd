package dev.iotypes.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.iotypes.cli.MainTest.Result;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code iotypes run} on components that export a typed main ({@code guests/components/wat}):
 * arguments bound from the export's parameter types as a core typed main's, checked against GNU cat
 * and wc.
 */
class ComponentMainRunTest {
  @TempDir Path dir;

  static final String JS_WC = Path.of("..", "guests", "components", "js", "wc.wasm").toString();

  static String guest(String name) {
    return Path.of("..", "guests", "components", "wat", name + ".wasm").toString();
  }

  static String fixture(String name) {
    return Path.of("..", "iotypes-component", "src", "test", "resources", "components")
        .resolve(name + ".wasm")
        .toString();
  }

  private List<Path> files() throws IOException {
    byte[] binary = new byte[200_000];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (i * 7 + i / 256);
    }
    return List.of(
        Files.writeString(dir.resolve("one.txt"), "pear\napple tree\n\nfig"),
        Files.writeString(dir.resolve("two.txt"), "kiwi  lime\n\t banana \r\n\f\u000bx\n"),
        Files.write(dir.resolve("empty"), new byte[0]),
        Files.write(dir.resolve("binary"), binary),
        TestModules.ROOT.resolve("README.md"));
  }

  private static byte[] gnu(List<String> command, byte[] stdin) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(command.get(0))), command.get(0));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("LC_ALL", "C");
    Process process = builder.start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin);
    }
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor()).isZero();
    return out;
  }

  private static List<String> with(String first, List<Path> files, String... more) {
    List<String> all = new ArrayList<>(List.of(first));
    files.forEach(f -> all.add(f.toString()));
    all.addAll(List.of(more));
    return all;
  }

  @Test
  void catIsGnuCatOnFilesStdinAndAGzipInput() throws Exception {
    List<Path> files = files();
    byte[] stdin = "from stdin\n".getBytes(UTF_8);
    Path gz = dir.resolve("readme.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(Files.readAllBytes(files.get(4)));
    }
    List<String> args = with("run", List.of(), guest("cat"));
    files.forEach(f -> args.add(f.toString()));
    args.addAll(List.of("-", gz.toString(), "-"));
    Result ours = MainTest.run(stdin, args.toArray(String[]::new));
    List<String> gnuArgs = with("/usr/bin/cat", files, "-", files.get(4).toString());
    assertThat(ours.status()).as(ours.err()).isZero();
    assertThat(ours.out()).isEqualTo(gnu(gnuArgs, stdin));
  }

  @Test
  void catWritesItsOutputFileOnlyIfAllWentWell() throws IOException {
    Path in = Files.writeString(dir.resolve("in.txt"), "kept\n");
    Path out = Files.writeString(dir.resolve("out.txt"), "before\n");
    Result ok = MainTest.run("run", guest("cat"), in.toString(), in.toString(), out.toString());
    assertThat(ok.status()).as(ok.err()).isZero();
    assertThat(out).hasContent("kept\nkept");
    Result failed =
        MainTest.run("run", guest("cat"), in.toString(), "$(printf x; exit 3)", out.toString());
    assertThat(failed.status()).isEqualTo(1);
    assertThat(failed.err()).contains("command exited with status 3");
    assertThat(out).as("left as it was").hasContent("kept\nkept");
    MainTest.assertOneLineError(
        MainTest.run("run", guest("cat"), dir.resolve("missing").toString(), "-"),
        66,
        "no such file: " + dir.resolve("missing"));
  }

  @Test
  void wcCountsAsGnuWcOnFiles() throws Exception {
    List<Path> files = files();
    for (List<Path> some : List.of(files, files.subList(0, 1), files.subList(3, 4))) {
      Result ours = MainTest.run(withGuest("wc", some, "-"));
      assertThat(ours.status()).as(ours.err()).isZero();
      String expected = new String(gnu(with("/usr/bin/wc", some), new byte[0]), UTF_8);
      assertThat(ours.outText()).isEqualTo(withoutNames(expected, some));
    }
  }

  /**
   * {@code guests/components/js/wc.wasm} is wc written in JavaScript and built with componentize-js
   * (StarlingMonkey): its world's {@code use} of the streams are type imports, bound to the types
   * they equal.
   */
  @Test
  void aJavaScriptWcCountsAsGnuWc() throws Exception {
    List<Path> files = files();
    List<String> args = new ArrayList<>(List.of("run", JS_WC));
    files.forEach(f -> args.add(f.toString()));
    args.add("-");
    Result ours = MainTest.run(args.toArray(String[]::new));
    assertThat(ours.status()).as(ours.err()).isZero();
    String expected = new String(gnu(with("/usr/bin/wc", files), new byte[0]), UTF_8);
    assertThat(ours.outText()).isEqualTo(withoutNames(expected, files));
  }

  @Test
  void wcCountsStdinAndAGzipInputAsGnuWcDoes() throws Exception {
    Path readme = files().get(4);
    byte[] text = Files.readAllBytes(readme);
    Path gz = dir.resolve("readme.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(text);
    }
    Result ours = MainTest.run(text, "run", guest("wc"), "-", gz.toString(), "-");
    assertThat(ours.status()).as(ours.err()).isZero();
    String one = new String(gnu(List.of("/usr/bin/wc"), text), UTF_8).strip();
    // GNU pads counts of a pipe to 7; without sizes to go by, the guest pads to the total's width
    assertThat(ours.outText().lines().map(l -> l.strip().split(" +")).toList())
        .extracting(fields -> String.join(" ", fields))
        .containsExactly(
            one.replaceAll(" +", " "), one.replaceAll(" +", " "), total(one) + " total");
  }

  private static String total(String line) {
    StringBuilder out = new StringBuilder();
    for (String field : line.split(" +")) {
      out.append(out.length() == 0 ? "" : " ").append(2 * Long.parseLong(field));
    }
    return out.toString();
  }

  private static String[] withGuest(String name, List<Path> files, String... more) {
    List<String> all = new ArrayList<>(List.of("run", guest(name)));
    files.forEach(f -> all.add(f.toString()));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  /** GNU wc's lines without the file names, which a wasi:io stream does not carry. */
  private static String withoutNames(String gnu, List<Path> files) {
    StringBuilder out = new StringBuilder();
    List<String> lines = gnu.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String name = i < files.size() ? files.get(i).toString() : "total";
      assertThat(lines.get(i)).endsWith(" " + name);
      String counts = lines.get(i).substring(0, lines.get(i).length() - name.length() - 1);
      out.append(counts).append(i < files.size() ? "" : " total").append('\n');
    }
    return out.toString();
  }

  @Test
  void plainValuesAreOptionsAndTheResultIsTheStatus() {
    Result result =
        MainTest.run(
            "run",
            fixture("main-values"),
            "--count=3",
            "--mode",
            "best",
            "--name",
            "hey",
            "--limit",
            "-7",
            "--verbose",
            "--ratio",
            "2.7",
            "-");
    assertThat(result.err()).isEmpty();
    assertThat(result.outText()).isEqualTo("hey");
    assertThat(result.status()).isEqualTo(3 + 100 + 10 + 3 + 50 + 2);
    Result defaults =
        MainTest.run(
            "run", fixture("main-values"), "--count=1", "--mode=fast", "--name=", "--ratio=0", "-");
    assertThat(defaults.status()).as(defaults.err()).isEqualTo(1);
  }

  @Test
  void helpComesFromTheExportsTypes() {
    Result help = MainTest.run("run", fixture("main-values"), "--help");
    assertThat(help.status()).isZero();
    assertThat(help.outText())
        .startsWith(
            "Usage: main-values.wasm --count N --mode MODE --name TEXT --ratio X [OPTION]..."
                + " OUTPUT\n")
        .contains("--count=N         N is an integer from 0 to 255 (required)")
        .contains("--mode=MODE       MODE is one of: fast, best, auto (required)")
        .contains(
            "Typed main: main: func(count: u8, verbose: bool, mode: mode, name: string, limit:"
                + " option<s64>, ratio: f64, output: output-stream) -> u32");
    Result cat = MainTest.run("run", guest("cat"), "-h");
    assertThat(cat.outText()).startsWith("Usage: cat.wasm [INPUTS]... OUTPUT\n");
  }

  /**
   * {@code head.wasm} carries main's WIT doc comment in {@code package-docs}: the help's text, the
   * short flag {@code -n} and the default 10 come from it, by a core typed main's conventions.
   */
  @Test
  void helpShortFlagsAndDefaultsComeFromTheWitDocComment() throws Exception {
    Result help = MainTest.run("run", guest("head"), "--help");
    assertThat(help.status()).as(help.err()).isZero();
    assertThat(help.outText())
        .startsWith(
            "Usage: head.wasm [OPTION]... [INPUTS]... OUTPUT\n"
                + "Print the first lines of each INPUT, one input after another.\n")
        .contains("  -n, --lines=N         how many lines of each input to print; N is an integer")
        .contains("(default: 10)")
        .contains("  INPUTS...             the files to read (- for stdin)")
        .contains("  OUTPUT                where the lines go (output-stream)");
    StringBuilder lines = new StringBuilder();
    for (int i = 1; i <= 30; i++) {
      lines.append("line ").append(i).append(i % 7 == 0 ? "\r\n" : "\n");
    }
    Path text = Files.writeString(dir.resolve("lines.txt"), lines);
    Result three = MainTest.run("run", guest("head"), "-n", "3", text.toString(), "-");
    assertThat(three.status()).as(three.err()).isZero();
    assertThat(three.out())
        .isEqualTo(gnu(List.of("/usr/bin/head", "-n", "3", text.toString()), new byte[0]));
    Result ten = MainTest.run("run", guest("head"), text.toString(), "-");
    assertThat(ten.status()).as(ten.err()).isZero();
    assertThat(ten.out()).isEqualTo(gnu(List.of("/usr/bin/head", text.toString()), new byte[0]));
    Result long_ = MainTest.run("run", guest("head"), "--lines=0", text.toString(), "-");
    assertThat(long_.out()).isEmpty();
  }

  @Test
  void aBorrowKeptPastMainIsATrapAndTheOutputIsNotPutInPlace() throws IOException {
    Path out = Files.writeString(dir.resolve("out.txt"), "before\n");
    Result result = MainTest.run("run", fixture("main-keeps"), out.toString());
    MainTest.assertOneLineError(
        result,
        70,
        "main-keeps.wasm (core module 0) trapped: borrow handles still remain at the end of the"
            + " call");
    assertThat(out).hasContent("before");
    assertThat(Files.list(dir)).as("no staged file left").containsExactly(out);
  }

  @Test
  void theTimeLimitStopsATypedMainAndItsOutputIsNotPutInPlace() {
    Path out = dir.resolve("out.txt");
    MainTest.assertOneLineError(
        MainTest.run("run", "--timeout", "1s", fixture("main-spin"), out.toString()),
        124,
        "main-spin.wasm (core module 0): time limit of 1s reached");
    assertThat(out).doesNotExist();
  }

  @Test
  void wasiExitEndsATypedMainWithItsCode() {
    Result result = MainTest.run("run", fixture("main-exit"), "--code", "42");
    assertThat(result.status()).as(result.err()).isEqualTo(42);
    assertThat(result.err()).isEmpty();
  }

  @Test
  void anArrayArgumentIsReadOnlyUnlessNamedWritable() throws IOException {
    Path file = Files.writeString(dir.resolve("data.txt"), "0123456789abcdefXYZ");
    Result readOnly = MainTest.run("run", fixture("main-array"), file.toString(), "-");
    assertThat(readOnly.outText()).isEqualTo("3456789abcdefXYZ");
    assertThat(readOnly.status()).as("its write-at failed").isEqualTo(1);
    assertThat(file).hasContent("0123456789abcdefXYZ");
    Result writable =
        MainTest.run(
            "run", "--writable", file.toString(), fixture("main-array"), file.toString(), "-");
    assertThat(writable.status()).as(writable.err()).isZero();
    assertThat(file).hasContent("0123456789abcdefXYZ!");
    Result help = MainTest.run("run", fixture("main-array"), "--help");
    assertThat(help.outText()).startsWith("Usage: main-array.wasm FILE OUTPUT\n");
  }

  @Test
  void inspectShowsTheTypedMainOrWhyThereIsNone() {
    Result wc = MainTest.run("inspect", guest("wc"));
    assertThat(wc.status()).as(wc.err()).isZero();
    assertThat(wc.outText())
        .startsWith(
            "component: wc.wasm\n"
                + "typed main: main: func(inputs: list<input-stream>, output: output-stream) ->"
                + " result\n")
        .contains("  wasi:io/streams@0.2.0: instance\n")
        .endsWith("exports:\n  main: func\n");
    assertThat(MainTest.run("inspect", fixture("main-f32")).outText())
        .contains(
            "typed main: none (main-f32.wasm: main: parameter scale: f32 cannot be bound from"
                + " arguments)\n");
  }

  @Test
  void usageErrorsAre64AndUnbindableExportsAre65() {
    MainTest.assertOneLineError(
        MainTest.run("run", fixture("main-values"), "--count", "300", "-"),
        64,
        "main-values.wasm: Invalid value for option '--count': not a u8 (0 to 255): 300");
    MainTest.assertOneLineError(
        MainTest.run("run", fixture("main-values"), "--cont", "3", "-"),
        64,
        "main-values.wasm: Unknown option: '--cont' (did you mean --count?)");
    MainTest.assertOneLineError(
        MainTest.run("run", fixture("main-own"), "-"),
        65,
        "main-own.wasm: main: parameter input: own<input-stream> cannot be bound from arguments"
            + " (take the stream as borrow<input-stream>: it stays the host's)");
    MainTest.assertOneLineError(
        MainTest.run("run", fixture("main-f32"), "--help"),
        65,
        "main-f32.wasm: main: parameter scale: f32 cannot be bound from arguments");
  }

  /** A tree with a nested file, a text file and an empty directory, as a folder. */
  private Path tree() throws IOException {
    Path tree = Files.createDirectories(dir.resolve("tree"));
    Files.createDirectories(tree.resolve("a"));
    Files.createDirectories(tree.resolve("e"));
    byte[] big = new byte[70_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 7);
    }
    Files.write(tree.resolve("a/x.bin"), big);
    Files.writeString(tree.resolve("b.txt"), "hello");
    return tree;
  }

  private Path zip(Path tree, String name) throws IOException {
    Path zip = dir.resolve(name);
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (String entry : List.of("a/", "a/x.bin", "b.txt", "e/")) {
        z.putNextEntry(new ZipEntry(entry));
        if (!entry.endsWith("/")) {
          z.write(Files.readAllBytes(tree.resolve(entry)));
        }
        z.closeEntry();
      }
    }
    return zip;
  }

  private Path tarGz(Path tree) throws IOException, InterruptedException {
    Path tgz = dir.resolve("tree.tar.gz");
    Process tar =
        new ProcessBuilder("tar", "czf", tgz.toString(), "-C", tree.toString(), ".")
            .redirectErrorStream(true)
            .start();
    tar.getInputStream().readAllBytes();
    assumeTrue(tar.waitFor() == 0, "tar");
    return tgz;
  }

  /**
   * A {@code borrow<input-directory>} binds a folder, a .zip and a .tar.gz as a core typed main's
   * {@code input-directory} does: the same entries in the same order, each file's bytes read
   * through the stream its entry opened.
   */
  @Test
  void anInputDirectoryIsAFolderAZipOrATarGz() throws Exception {
    Path tree = tree();
    Result folder = MainTest.run("run", guest("ls"), tree.toString(), "-");
    assertThat(folder.status()).as(folder.err()).isZero();
    assertThat(folder.outText()).isEqualTo("a/\na/x.bin 70000 70000\nb.txt 5 5\ne/\n");
    for (Path archive : List.of(zip(tree, "tree.zip"), tarGz(tree))) {
      Result listed = MainTest.run("run", guest("ls"), archive.toString(), "-");
      assertThat(listed.status()).as(listed.err()).isZero();
      assertThat(listed.outText()).as(archive.toString()).isEqualTo(folder.outText());
    }
    Result help = MainTest.run("run", guest("ls"), "--help");
    assertThat(help.outText()).startsWith("Usage: ls.wasm DIR OUTPUT\n");
    Result missing = MainTest.run("run", guest("ls"), dir.resolve("none").toString(), "-");
    assertThat(missing.status()).as(missing.err()).isEqualTo(66);
  }

  /**
   * A {@code borrow<output-directory>} binds a folder (made if missing) or a .zip, written only if
   * main succeeds: a name the guest makes that leaves the directory traps (70), nothing is created
   * outside it and the old archive stays byte for byte.
   */
  @Test
  void anOutputDirectoryIsAFolderOrAZipReplacedOnlyIfMainSucceeds() throws Exception {
    Path tree = tree();
    Path copy = dir.resolve("copy");
    Result toFolder = MainTest.run("run", guest("cptree"), tree.toString(), copy.toString());
    assertThat(toFolder.status()).as(toFolder.err()).isZero();
    assertThat(copy.resolve("a/x.bin")).hasSameBinaryContentAs(tree.resolve("a/x.bin"));
    assertThat(copy.resolve("b.txt")).hasContent("hello");
    assertThat(copy.resolve("e")).as("an empty directory is no file to copy").doesNotExist();

    Path zip = dir.resolve("out.zip");
    Result toZip =
        MainTest.run("run", guest("cptree"), tree.toString(), zip.toString(), "--prefix", "p/");
    assertThat(toZip.status()).as(toZip.err()).isZero();
    byte[] written = Files.readAllBytes(zip);
    try (ZipFile z = new ZipFile(zip.toFile())) {
      assertThat(z.stream().map(ZipEntry::getName))
          .containsExactly("p/", "p/a/", "p/a/x.bin", "p/b.txt");
      assertThat(z.getInputStream(z.getEntry("p/b.txt")).readAllBytes())
          .isEqualTo("hello".getBytes(UTF_8));
    }

    for (String hostile : List.of("../", "/tmp/", "a\\")) {
      Result refused =
          MainTest.run(
              "run", guest("cptree"), tree.toString(), zip.toString(), "--prefix", hostile);
      assertThat(refused.status()).as(hostile + ": " + refused.err()).isEqualTo(70);
      assertThat(refused.err()).as(hostile).contains("not a portable name");
      assertThat(Files.readAllBytes(zip)).as("the old archive is left").isEqualTo(written);
      Path fresh = dir.resolve("fresh");
      Result inFolder =
          MainTest.run(
              "run", guest("cptree"), tree.toString(), fresh.toString(), "--prefix", hostile);
      assertThat(inFolder.status()).as(hostile).isEqualTo(70);
    }
    assertThat(dir.resolve("b.txt")).as("nothing beside the output").doesNotExist();
    assertThat(dir.resolve("a")).doesNotExist();
    try (var listing = Files.list(dir)) {
      assertThat(listing.map(p -> p.getFileName().toString()))
          .as("no staged archive left")
          .containsExactlyInAnyOrder("tree", "copy", "out.zip", "fresh");
    }
  }

  /**
   * {@code borrow<clock>} and {@code borrow<random>} are the run's {@code --clock} and {@code
   * --seed}, never arguments: one clock and seed give the same output, another seed other bytes.
   */
  @Test
  void theClockAndRandomAreTheRunsClockAndSeed() {
    String[] fixed = {
      "run", "--clock", "fixed:2024-01-01T00:00:00Z", "--seed", "42", guest("now"), "-"
    };
    Result first = MainTest.run(fixed);
    assertThat(first.status()).as(first.err()).isZero();
    assertThat(first.outText())
        .startsWith("wall 1704067200 0\nmonotonic 0\nresolution 1\nslept-until 1000000000\n");
    assertThat(MainTest.run(fixed).outText()).as("reproducible").isEqualTo(first.outText());
    Result other =
        MainTest.run(
            "run", "--clock", "fixed:2024-01-01T00:00:00Z", "--seed", "43", guest("now"), "-");
    assertThat(other.outText().lines().skip(4).findFirst())
        .isNotEqualTo(first.outText().lines().skip(4).findFirst());
    Result system = MainTest.run("run", guest("now"), "-");
    assertThat(system.status()).as(system.err()).isZero();
    assertThat(system.outText()).doesNotStartWith("wall 1704067200 ");
    assertThat(MainTest.run("run", guest("now"), "--help").outText())
        .startsWith("Usage: now.wasm OUTPUT\n");
  }

  @Test
  void aMainInsideAnExportedInterfaceRunsAsATypedMain() {
    Result result = MainTest.run("run", fixture("main-interface"), "--code", "7");
    assertThat(result.status()).as(result.err()).isEqualTo(7);
    assertThat(MainTest.run("run", fixture("main-interface"), "--help").outText())
        .startsWith("Usage: main-interface.wasm --code N\n");
  }
}
