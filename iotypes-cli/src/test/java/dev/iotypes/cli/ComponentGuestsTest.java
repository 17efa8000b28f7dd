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
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The C guests written as components ({@code guests/components/src}, their Canonical ABI from
 * {@code guests/include/iotypes-component.h}) run by {@code iotypes run} against GNU cat, wc and
 * sha256sum byte for byte, names included: the names come from the host's pseudonyms, so they are
 * what the user typed although the guest never read them. GNU reads the same files; where iotypes
 * hands the guest something else (a {@code .gz} decompressed, a failing command), GNU reads what
 * the guest sees and its name is swapped.
 */
class ComponentGuestsTest {
  @TempDir Path dir;
  private Path text;
  private Path words;
  private Path empty;
  private Path binary;
  private Path gz;
  private Path readme;

  @BeforeEach
  void files() throws IOException {
    byte[] bytes = new byte[200_000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 7 + i / 256);
    }
    text = Files.writeString(dir.resolve("one.txt"), "pear\napple tree\n\nfig");
    words =
        Files.writeString(
            dir.resolve("two.txt"), "kiwi  lime\n\t banana \r\n\f\u000bx\n\u00e9t\u00e9\n");
    empty = Files.write(dir.resolve("empty"), new byte[0]);
    binary = Files.write(dir.resolve("binary"), bytes);
    readme = TestModules.ROOT.resolve("README.md");
    gz = dir.resolve("readme.md.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(Files.readAllBytes(readme));
    }
  }

  private static String guest(String name) {
    return Path.of("..", "guests", "components", name + ".wasm").toString();
  }

  /** Runs {@code command} in the C locale with {@code stdin} (a file, so GNU sees its size). */
  private static Gnu gnu(Path stdin, List<String> command) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(command.get(0))), command.get(0));
    ProcessBuilder builder = new ProcessBuilder(command).redirectInput(stdin.toFile());
    builder.environment().put("LC_ALL", "C");
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    String err = new String(process.getErrorStream().readAllBytes(), UTF_8);
    return new Gnu(process.waitFor(), out, err);
  }

  private record Gnu(int status, byte[] out, String err) {
    String outText() {
      return new String(out, UTF_8);
    }
  }

  private static List<String> args(String first, Object... rest) {
    List<String> all = new ArrayList<>(List.of(first));
    Stream.of(rest).forEach(a -> all.add(a.toString()));
    return all;
  }

  /** {@code iotypes run GUEST ARGS... -} (the output is standard output) with {@code stdin}. */
  private static Result ours(Path stdin, String guest, Object... inputs) throws IOException {
    List<String> all = args("run", guest(guest));
    Stream.of(inputs).forEach(a -> all.add(a.toString()));
    all.add("-");
    return MainTest.run(Files.readAllBytes(stdin), all.toArray(String[]::new));
  }

  /** Every C guest is built, committed and compared here. */
  @Test
  void everyCGuestIsBuiltAndTested() throws IOException {
    Path sources = TestModules.ROOT.resolve("guests/components/src");
    try (Stream<Path> files = Files.list(sources)) {
      assertThat(files.map(f -> f.getFileName().toString().replaceAll("\\.c$", "")))
          .containsExactlyInAnyOrder("cat", "wc", "sha256sum")
          .allSatisfy(name -> assertThat(Path.of(guest(name))).isRegularFile());
    }
  }

  @Test
  void catIsGnuCatOnTextBinaryEmptyStdinAndAGzipInput() throws Exception {
    Result ours = ours(words, "cat", text, binary, empty, "-", gz, readme, "-");
    Gnu gnu = gnu(words, args("/usr/bin/cat", text, binary, empty, "-", readme, readme, "-"));
    assertThat(ours.status()).as(ours.err()).isZero();
    assertThat(ours.err()).isEmpty();
    assertThat(ours.out()).isEqualTo(gnu.out());
    assertThat(ours(empty, "cat").out()).as("no inputs, nothing").isEmpty();
  }

  @Test
  void wcIsGnuWcWithTheNamesAsTyped() throws Exception {
    List<List<Object>> runs =
        List.of(
            List.of(text, words, empty, binary, readme),
            List.of(text),
            List.of(empty),
            List.of(binary, "-"),
            List.of("-"),
            List.of(words, words));
    for (List<Object> inputs : runs) {
      for (List<String> flags :
          List.of(
              List.<String>of(),
              List.of("--lines"),
              List.of("--words", "--bytes"),
              List.of("--bytes"),
              List.of("--lines", "--words", "--bytes"))) {
        List<Object> all = new ArrayList<>(flags);
        all.addAll(inputs);
        Result ours = ours(readme, "wc", all.toArray());
        assertThat(ours.status()).as(ours.err()).isZero();
        Gnu gnu = gnu(readme, args("/usr/bin/wc", all.toArray()));
        assertThat(ours.outText()).as("wc %s", all).isEqualTo(gnu.outText());
      }
    }
  }

  /**
   * GNU wc 9.2's {@code --total=WHEN}, which the GNU wc here (9.1) lacks, from what it prints: auto
   * is its default, never drops its total line, always adds one for a single input, only prints the
   * total's counts alone, one space apart.
   */
  @Test
  void wcTotalIsGnuWc92s() throws Exception {
    for (List<Object> inputs :
        List.of(List.<Object>of(text, words, binary), List.<Object>of(text))) {
      String gnu = gnu(readme, args("/usr/bin/wc", inputs.toArray())).outText();
      List<String> lines = gnu.lines().toList();
      String last = lines.get(lines.size() - 1);
      String totalLine =
          inputs.size() > 1 ? last : last.substring(0, last.lastIndexOf(' ')) + " total";
      String files = inputs.size() > 1 ? gnu.substring(0, gnu.length() - last.length() - 1) : gnu;
      String alone = String.join(" ", totalLine.strip().split(" +")).replace(" total", "") + "\n";
      for (String[] when :
          new String[][] {
            {"auto", gnu}, {"never", files}, {"always", files + totalLine + "\n"}, {"only", alone}
          }) {
        List<Object> all = new ArrayList<>(List.of("--total", when[0]));
        all.addAll(inputs);
        Result ours = ours(readme, "wc", all.toArray());
        assertThat(ours.status()).as(ours.err()).isZero();
        assertThat(ours.outText()).as("wc %s", all).isEqualTo(when[1]);
      }
    }
    MainTest.assertOneLineError(
        MainTest.run("run", guest("wc"), "--total", "sometimes", "-"),
        64,
        "wc.wasm: Invalid value for option '--total': not a total (auto, always, only, never):"
            + " sometimes");
  }

  @Test
  void wcCountsAGzipInputDecompressedUnderTheNameTyped() throws Exception {
    Result ours = ours(empty, "wc", text, gz);
    Gnu gnu = gnu(empty, args("/usr/bin/wc", text, readme));
    assertThat(ours.status()).as(ours.err()).isZero();
    assertThat(ours.outText()).isEqualTo(gnu.outText().replace(readme.toString(), gz.toString()));
  }

  @Test
  void sha256sumIsGnuSha256sum() throws Exception {
    Result ours = ours(words, "sha256sum", text, words, empty, binary, "-", readme);
    Gnu gnu = gnu(words, args("/usr/bin/sha256sum", text, words, empty, binary, "-", readme));
    assertThat(ours.status()).as(ours.err()).isZero();
    assertThat(ours.outText()).isEqualTo(gnu.outText());
    Result unzipped = ours(empty, "sha256sum", gz);
    assertThat(unzipped.outText())
        .isEqualTo(
            gnu(empty, args("/usr/bin/sha256sum", readme))
                .outText()
                .replace(readme.toString(), gz.toString()));
  }

  /**
   * Each read's bytes go back to cabi_realloc once counted or hashed, so 16 MiB pass through a
   * guest held to 1 MiB of memory; a guest that kept them would run out.
   */
  @Test
  void readsReuseTheirMemory() throws Exception {
    byte[] big = new byte[16 << 20];
    new java.util.Random(15).nextBytes(big);
    Path file = Files.write(dir.resolve("big"), big);
    for (String tool : List.of("wc", "sha256sum")) {
      Result ours =
          MainTest.run(
              big, "run", "--max-memory-size", "1M", guest(tool), "-", file.toString(), "-");
      assertThat(ours.status()).as(ours.err()).isZero();
      assertThat(ours.outText())
          .isEqualTo(gnu(file, args("/usr/bin/" + tool, "-", file)).outText());
    }
  }

  /**
   * An input that fails part way is left out and the others go on, as GNU leaves out a file it
   * cannot read: the same lines and total, and exit status 1.
   */
  @Test
  void aFailingInputIsLeftOutAndTheStatusIsOneAsGnus() throws Exception {
    Path missing = dir.resolve("missing");
    String failing = "$(printf x; exit 3)";
    for (String tool : List.of("cat", "wc", "sha256sum")) {
      Result ours = ours(empty, tool, text, failing, words);
      Gnu gnu = gnu(empty, args("/usr/bin/" + tool, text, missing, words));
      assertThat(gnu.status()).isEqualTo(1);
      assertThat(gnu.err()).contains(missing + ": No such file or directory");
      assertThat(ours.status()).as(tool + ": " + ours.err()).isEqualTo(1);
      assertThat(ours.err()).contains("command exited with status 3");
      if (tool.equals("cat")) { // cat passed on the byte before the failure, which GNU never saw
        assertThat(gnu.outText()).isEqualTo(Files.readString(text) + Files.readString(words));
        assertThat(ours.outText())
            .isEqualTo(Files.readString(text) + "x" + Files.readString(words));
      } else {
        assertThat(ours.outText()).as(tool).isEqualTo(gnu.outText());
      }
    }
  }

  @Test
  void aMissingFileIsRefusedBeforeMainRuns() {
    Path missing = dir.resolve("missing");
    for (String tool : List.of("cat", "wc", "sha256sum")) {
      MainTest.assertOneLineError(
          MainTest.run("run", guest(tool), text.toString(), missing.toString(), "-"),
          66,
          "no such file: " + missing);
    }
  }

  @Test
  void helpAndUsageComeFromTheExportsTypes() {
    Result help = MainTest.run("run", guest("wc"), "--help");
    assertThat(help.status()).isZero();
    assertThat(help.outText())
        .startsWith("Usage: wc.wasm [OPTION]... [INPUTS]... OUTPUT\n")
        .contains("--bytes")
        .contains("--lines")
        .contains("--words")
        .contains(
            "Typed main: main: func(bytes: bool, lines: bool, words: bool, total:"
                + " option<total>, inputs: list<input-stream>, output: output-stream) -> result");
    assertThat(MainTest.run("run", guest("sha256sum"), "-h").outText())
        .startsWith("Usage: sha256sum.wasm [INPUTS]... OUTPUT\n");
    MainTest.assertOneLineError(
        MainTest.run("run", guest("wc"), "--lies", "-"),
        64,
        "wc.wasm: Unknown option: '--lies' (did you mean --lines?)");
  }

  @Test
  void inspectShowsOnlyTheImportsTheCodeCalls() {
    Result wc = MainTest.run("inspect", guest("wc"));
    assertThat(wc.status()).as(wc.err()).isZero();
    assertThat(wc.outText())
        .contains("  wasi:io/streams@0.2.0: instance\n")
        .contains("  iotypes:io/streams@0.2.0: instance\n")
        .doesNotContain("iotypes:io/arrays")
        .doesNotContain("wasi:cli");
  }
}
