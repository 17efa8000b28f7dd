package dev.iotypes.cli;

import static dev.iotypes.cli.MainTest.guest;
import static dev.iotypes.cli.MainTest.run;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Composition from the command line: an argument {@code [MODULE.wasm ARGS...]} is another guest,
 * run as a provider of the outer guest's input or array, checked against the GNU tools on real
 * files ({@code gzip}, {@code wc}, {@code tr}, {@code tac}).
 */
class CompositionTest {
  @TempDir Path dir;
  private Path plain;
  private Path gz;
  private byte[] text;

  /**
   * A file that exercises every kind of deflate block: text (Huffman codes, long matches) and
   * random bytes (stored blocks), compressed by GNU gzip.
   */
  @BeforeEach
  void files() throws Exception {
    StringBuilder lines = new StringBuilder();
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      lines.append("line ").append(i).append(i % 5 == 0 ? "  The Quick Brown fox\n" : "\n");
    }
    byte[] noise = new byte[300_000];
    random.nextBytes(noise);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(lines.toString().getBytes(UTF_8));
    all.writeBytes(noise);
    all.writeBytes("\nlast line without newline".getBytes(UTF_8));
    text = all.toByteArray();
    plain = Files.write(dir.resolve("data.txt"), text);
    gz = gzip(plain);
  }

  @Test
  void wcOfGunzipOnStandardInputCountsAsGnuWcOfTheUncompressedFile() throws Exception {
    MainTest.Result result =
        run(Files.readAllBytes(gz), "run", guest("wc"), "[" + guest("gunzip") + " -]", "-");
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(counts(result.outText())).isEqualTo(counts(gnu(plain, "wc")));
  }

  @Test
  void gunzipDecompressesByteForByteAsGnuGzipDoesEveryMember() throws Exception {
    Path second = Files.writeString(dir.resolve("second.txt"), "a second member\n");
    byte[] twoMembers = concat(Files.readAllBytes(gz), Files.readAllBytes(gzip(second)));
    Path both = Files.write(dir.resolve("both.gzip"), twoMembers);

    MainTest.Result result =
        run("run", guest("cat"), "[" + guest("gunzip") + " '" + both + "']", "-");

    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo(gnuBytes(both, "gzip", "-d", "-c"));
  }

  @Test
  void gunzipDecompressesABinaryAtEveryLevelAsGnuGzipDoes() throws Exception {
    Path binary = Files.copy(Path.of("/usr/bin/ls"), dir.resolve("ls.bin"));
    for (String level : List.of("-1", "-6", "-9")) {
      byte[] compressed = gnuBytes(binary, "gzip", level, "-c");
      MainTest.Result result =
          run(compressed, "run", guest("cat"), "[" + guest("gunzip") + " -]", "-");
      assertThat(result.status()).as(level + ": " + result.err()).isZero();
      assertThat(result.out()).as(level).isEqualTo(Files.readAllBytes(binary));
    }
  }

  @Test
  void theTimeLimitCoversAProviderBlockedOnACommandOfItsOwn() {
    long start = System.nanoTime();
    MainTest.Result result =
        run(
            "run",
            "--timeout",
            "1s",
            guest("cat"),
            "[" + guest("upper-provider") + " '$(sleep 30)']",
            "-");
    assertThat(result.status()).as(result.err()).isEqualTo(ExitStatus.TIMEOUT.code());
    assertThat(result.err()).contains("time limit of 1s reached");
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(java.time.Duration.ofSeconds(15));
  }

  @Test
  void anArgumentNamedGzArrivesDecompressedAndForcePassesItThrough() {
    String composed = "[" + guest("gunzip") + " --force " + gz + "]";
    MainTest.Result result = run("run", guest("cat"), composed, "-");
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo(text);

    MainTest.Result strict = run("run", guest("cat"), "[" + guest("gunzip") + " " + gz + "]", "-");
    assertThat(strict.status()).isEqualTo(ExitStatus.BAD_ARGUMENT.code());
    assertThat(strict.err())
        .contains("[gunzip.wasm] gunzip: " + gz + ": not in gzip format")
        .contains(
            "iotypes: "
                + Boundary.shown("[" + guest("gunzip") + " " + gz + "]")
                + ": gunzip.wasm did not start (status 1)");
  }

  @Test
  void catOfUpperProviderEqualsTrAToZ() throws Exception {
    Path mixed = Files.writeString(dir.resolve("mixed.txt"), "Hello, World! ÿ ümlaut 42\nabc\n");
    MainTest.Result result =
        run("run", guest("cat"), "[" + guest("upper-provider") + " " + mixed + "]", "-");
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo(gnuBytes(mixed, "sh", "-c", "tr a-z A-Z < \"$0\""));
  }

  @Test
  void anOutputProviderWritesIntoItsOwnOutputFlushedBeforeItCloses() throws Exception {
    Path shouted = dir.resolve("shouted.txt");
    MainTest.Result result =
        run("run", guest("cat"), plain.toString(), "[" + guest("upper-sink") + " " + shouted + "]");
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(Files.readAllBytes(shouted))
        .isEqualTo(gnuBytes(plain, "sh", "-c", "tr a-z A-Z < \"$0\""));
  }

  @Test
  void aRunThatFailsLeavesTheFileAnOutputProviderWritesAsItWas() throws Exception {
    Path shouted = Files.writeString(dir.resolve("shouted.txt"), "old\n");
    MainTest.Result result =
        run(
            "run",
            guest("cat"),
            "[" + guest("trap-provider") + " --after 1000 " + plain + "]",
            "[" + guest("upper-sink") + " " + shouted + "]");
    assertThat(result.status()).as(result.err()).isEqualTo(1);
    assertThat(Files.readString(shouted)).isEqualTo("old\n");
  }

  @Test
  void anOutputProviderWhoseSinkFailsFailsTheOuterOutput() {
    String composed = "[" + guest("upper-sink") + " /dev/full]";
    MainTest.Result result = run("run", guest("cat"), plain.toString(), composed);
    assertThat(result.status()).as("cat returns err on a failed output").isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "iotypes: "
                + composed
                + ": write failed: upper-sink.wasm: output-write reported status 2\n");
  }

  @Test
  void compositionsNest() throws Exception {
    String nested =
        "[" + guest("upper-provider") + " [" + guest("gunzip") + " \"$(cat '" + gz + "')\"]]";
    MainTest.Result result = run("run", guest("cat"), nested, "-");
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo(gnuBytes(plain, "sh", "-c", "tr a-z A-Z < \"$0\""));
  }

  @Test
  void tacReadsAGunzipProviderAsAnArray() throws Exception {
    Path lines = Files.writeString(dir.resolve("lines.txt"), "one\ntwo\nthree\n".repeat(5000));
    Path raw = Files.copy(gzip(lines), dir.resolve("lines.gzip"));
    MainTest.Result result = run("run", guest("tac"), "[" + guest("gunzip") + " " + raw + "]", "-");
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo(gnuBytes(lines, "tac"));
  }

  @Test
  void anArrayFromAnInputOnlyProviderIsItsStreamReadToTheEnd() throws Exception {
    Path lines = Files.writeString(dir.resolve("lines.txt"), "one\ntwo\nthree\n".repeat(3000));
    MainTest.Result result =
        run("run", guest("tac"), "[" + guest("upper-provider") + " " + lines + "]", "-");
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo(gnuBytes(lines, "sh", "-c", "tr a-z A-Z < \"$0\" | tac"));
  }

  @Test
  void aMissingInnerModuleIsABadArgumentNamingIt() {
    String composed = "[" + dir.resolve("nope.wasm") + " x]";
    MainTest.Result result = run("run", guest("cat"), composed, "-");
    MainTest.assertOneLineError(
        result,
        ExitStatus.BAD_ARGUMENT.code(),
        Boundary.shown(composed) + ": no such module: " + dir.resolve("nope.wasm"));
  }

  @Test
  void anInnerModuleThatCannotProvideIsRefusedBeforeItRuns() {
    String composed = "[" + guest("cat") + " " + plain + " -]";
    MainTest.Result result = run("run", guest("wc"), composed, "-");
    MainTest.assertOneLineError(
        result,
        ExitStatus.BAD_MODULE.code(),
        Boundary.shown(composed)
            + ": cat.wasm does not export input-read; a provider needs (i32) -> (i32, i32, i32)");
    assertThat(result.out()).as("the inner cat never ran").isEmpty();
  }

  @Test
  void anInnerUsageErrorIsAUsageErrorNamingTheInnerModule() {
    String composed = "[" + guest("trap-provider") + " --aftr 3 " + plain + "]";
    MainTest.Result result = run("run", guest("cat"), composed, "-");
    assertThat(result.status()).isEqualTo(ExitStatus.USAGE.code());
    assertThat(result.err())
        .startsWith(
            "iotypes: "
                + Boundary.shown(composed)
                + ": trap-provider.wasm: Unknown option: '--aftr' (did you mean --after?)")
        .doesNotContain("Exception");
  }

  @Test
  void compositionsNestAtMostSixteenDeep() {
    String upper = guest("upper-provider");
    String composed = plain.toString();
    for (int i = 0; i < Composition.MAX_DEPTH; i++) {
      composed = "[" + upper + " " + composed + "]";
    }
    MainTest.Result deepest = run("run", guest("cat"), composed, "-");
    assertThat(deepest.status()).as(deepest.err()).isZero();
    assertThat(deepest.out()).hasSameSizeAs(text);

    MainTest.Result tooDeep = run("run", guest("cat"), "[" + upper + " " + composed + "]", "-");
    assertThat(tooDeep.status()).isEqualTo(ExitStatus.USAGE.code());
    assertThat(tooDeep.err()).contains(": compositions nest at most 16 deep\n");
  }

  @Test
  void unbalancedBracketsAndQuotesAreUsageErrors() {
    for (String composed : List.of("[" + guest("gunzip") + " 'x]", "[[" + guest("gunzip") + "]")) {
      MainTest.Result result = run("run", guest("cat"), composed, "-");
      assertThat(result.status()).as(composed).isEqualTo(ExitStatus.USAGE.code());
      assertThat(result.err())
          .startsWith("iotypes: " + Boundary.shown(composed) + ": unterminated");
    }
  }

  @Test
  void aProviderThatTrapsMidStreamFailsTheOuterInputNotTheOuterGuest() {
    String composed = "[" + guest("trap-provider") + " --after 70000 " + plain + "]";
    MainTest.Result result = run("run", guest("cat"), composed, "-");
    assertThat(result.status()).as("cat returns err on a failed input").isEqualTo(1);
    assertThat(result.out()).isEqualTo(Arrays.copyOf(text, 70_000));
    assertThat(result.err())
        .isEqualTo(
            "iotypes: "
                + Boundary.shown(composed)
                + ": read failed: trap-provider.wasm trapped in input-read: Trapped on unreachable"
                + " instruction\n");
  }

  @Test
  void aGzipCutShortFailsTheOuterInputAndGunzipSaysWhyTaggedWithItsName() throws Exception {
    byte[] whole = Files.readAllBytes(gz);
    Path cut = Files.write(dir.resolve("cut.gzip"), Arrays.copyOf(whole, whole.length / 2));
    String composed = "[" + guest("gunzip") + " " + cut + "]";
    MainTest.Result result = run("run", guest("cat"), composed, "-");
    assertThat(result.status()).isEqualTo(1);
    byte[] expected = Arrays.copyOf(text, result.out().length);
    assertThat(result.out()).isEqualTo(expected).isNotEmpty();
    assertThat(result.err())
        .contains("[gunzip.wasm] gunzip: " + cut + ": unexpected end of file\n")
        .contains("iotypes: " + Boundary.shown(composed) + ": read failed: ");
  }

  @Test
  void helpSaysThatAnArgumentMayBeAGuest() {
    MainTest.Result result = run("run", guest("cat"), "--help");
    assertThat(result.status()).isZero();
    assertThat(result.outText().replaceAll("\\s+", " "))
        .contains("or [MODULE.wasm ARGS...] (a guest that provides it)");
  }

  // GNU tools, run on the files.

  private Path gzip(Path file) throws Exception {
    gnuBytes(file, "gzip", "-k", "-f");
    return file.resolveSibling(file.getFileName() + ".gz");
  }

  private static byte[] gnuBytes(Path file, String... command) throws Exception {
    List<String> args = new ArrayList<>(List.of(command));
    args.add(file.toString());
    Process process = new ProcessBuilder(args).redirectErrorStream(false).start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor()).as(String.join(" ", args)).isZero();
    return out;
  }

  private static String gnu(Path file, String tool) throws Exception {
    return new String(gnuBytes(file, "env", "LC_ALL=C", tool), UTF_8);
  }

  /** The three counts of a wc line, whatever the alignment and the name. */
  private static List<String> counts(String wcLine) {
    return Arrays.asList(wcLine.trim().split("\\s+")).subList(0, 3);
  }

  private static byte[] concat(byte[] a, byte[] b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(a);
    out.write(b);
    return out.toByteArray();
  }
}
