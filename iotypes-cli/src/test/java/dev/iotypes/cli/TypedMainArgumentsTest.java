package dev.iotypes.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.cli.MainTest.Result;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parameter kinds from the command line, end to end: variadic {@code wc} against GNU wc on real
 * files, and {@code echo-params}, which writes back the core arguments it received.
 */
class TypedMainArgumentsTest {
  @TempDir Path dir;
  private final List<String> files = new ArrayList<>();
  private Path stdin;

  @BeforeEach
  void realFiles() throws IOException {
    files.add(TestModules.ROOT.resolve("README.md").toString());
    files.add(Files.copy(Path.of("/usr/bin/wc"), dir.resolve("wc-binary")).toString());
    files.add(Files.createFile(dir.resolve("empty")).toString());
    files.add(Files.writeString(dir.resolve("no-newline"), "last line  without end").toString());
    byte[] random = new byte[300_000];
    new Random(13).nextBytes(random);
    files.add(Files.write(dir.resolve("random"), random).toString());
    stdin = Files.writeString(dir.resolve("stdin.txt"), "from\tstandard input\n\n  x\n");
  }

  private static String gnu(Path stdin, List<String> command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectInput(stdin.toFile());
    builder.environment().put("LC_ALL", "C");
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), UTF_8);
    assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
    return out;
  }

  @ParameterizedTest(name = "wc {0} FILES... - prints what GNU wc prints")
  @ValueSource(strings = {"", "-l", "-w", "-c", "-lw", "-wc", "--lines --bytes"})
  void variadicWcPrintsWhatGnuWcPrints(String flags) throws Exception {
    List<String> options = flags.isEmpty() ? List.of() : Arrays.asList(flags.split(" "));
    List<String> ours = new ArrayList<>(List.of("run", MainTest.guest("wc")));
    ours.addAll(options);
    ours.addAll(files);
    ours.add("-"); // standard input, a regular file here as for GNU wc
    ours.add("-"); // the output
    Result result = MainTest.run(Files.readAllBytes(stdin), ours.toArray(String[]::new));
    assertThat(result.status()).as(result.err()).isZero();

    List<String> theirs = new ArrayList<>(List.of("/usr/bin/wc"));
    theirs.addAll(options);
    theirs.addAll(files);
    theirs.add("-");
    String expected = gnu(stdin, theirs);
    assertThat(result.outText()).isEqualTo(expected);
    assertThat(expected.lines()).hasSize(files.size() + 2); // one per input, and the total
  }

  @Test
  void wcOfOneInputPrintsNoTotalAndOneCountUnpadded() throws Exception {
    String file = files.get(0);
    assertThat(MainTest.run("run", MainTest.guest("wc"), file, "-").outText())
        .isEqualTo(gnu(stdin, List.of("/usr/bin/wc", file)));
    assertThat(MainTest.run("run", MainTest.guest("wc"), "-l", file, "-").outText())
        .isEqualTo(gnu(stdin, List.of("/usr/bin/wc", "-l", file)));
  }

  @Test
  void wcTotalTakesAnEnumWithItsChoicesChecked() throws Exception {
    String a = files.get(0);
    String both = gnu(stdin, List.of("/usr/bin/wc", "-l", a, a));
    String total = both.lines().toList().get(2);
    assertThat(
            MainTest.run("run", MainTest.guest("wc"), "-l", "--total=never", a, a, "-").outText())
        .isEqualTo(both.substring(0, both.length() - total.length() - 1));
    assertThat(
            MainTest.run("run", MainTest.guest("wc"), "-l", "--total", "always", a, "-").outText())
        .endsWith(" total\n")
        .hasLineCount(2);
    assertThat(MainTest.run("run", MainTest.guest("wc"), "-l", "--total=only", a, a, "-").outText())
        .isEqualTo(total.replace(" total", "") + "\n");
    Result wrong = MainTest.run("run", MainTest.guest("wc"), "--total=some", a, "-");
    MainTest.assertOneLineError(
        wrong,
        ExitStatus.USAGE.code(),
        "wc.wasm: Invalid value for option '--total': not a when (auto, always, only, never):"
            + " some");
  }

  @Test
  void wcOfNoInputPrintsNothingAndIsOk() {
    Result result = MainTest.run("run", MainTest.guest("wc"), "-");
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.outText()).isEmpty();
  }

  private static List<String> echo(String... args) {
    Result result = echoRun(args);
    assertThat(result.status()).as(result.err()).isZero();
    return result.outText().lines().toList();
  }

  /** echo-params with its required options, then {@code args}. */
  private static Result echoRun(String... args) {
    List<String> command = new ArrayList<>(List.of("run", MainTest.guest("echo-params")));
    command.addAll(
        List.of("--tiny=1", "--small=-2", "--word=3", "--half=-4", "--delta=5", "--big=6"));
    command.addAll(List.of("--offset=-7", "--ratio=0.25"));
    command.addAll(List.of(args));
    return MainTest.run(new byte[0], command.toArray(String[]::new));
  }

  @Test
  void theCommandLineLowersEveryKindAsTheJavaApiDoes() {
    List<String> lines = echo("-f", "--mode", "best", "--label=hi", "--limit", "9", "-");
    assertThat(lines.subList(0, 11))
        .containsExactly(
            "1",
            "1",
            Integer.toUnsignedString(-2),
            "3",
            Integer.toUnsignedString(-4),
            "10", // -n's default
            "5",
            "6",
            Long.toUnsignedString(-7),
            Long.toUnsignedString(Double.doubleToRawLongBits(0.25)),
            "1"); // best
    assertThat(lines.get(11)).isEqualTo("1");
    assertThat(lines.subList(13, 17)).containsExactly("1", "9", "0", "0");
    assertThat(lines.get(17)).isEqualTo("hi");
  }

  @Test
  void omittedOptionsAreNoneAndDefaultsApply() {
    List<String> lines = echo("-");
    assertThat(lines.get(0)).as("flag").isEqualTo("0");
    assertThat(lines.get(5)).as("count").isEqualTo("10");
    assertThat(lines.get(10)).as("mode").isEqualTo("0");
    assertThat(lines.subList(11, 17)).containsExactly("0", "0", "0", "0", "0", "0");
  }

  @Test
  void aListTakesEveryPositionalBeforeTheOutputInOrderAndDoubleDashEndsOptions()
      throws IOException {
    Path dash = Files.writeString(dir.resolve("-n"), "dash");
    Path plain = Files.writeString(dir.resolve("plain"), "plain");
    List<String> lines = echo("-n", "3", plain.toString(), "--", dash.toString(), "-");
    assertThat(lines.get(5)).isEqualTo("3");
    assertThat(lines.get(16)).isEqualTo("2");
    assertThat(lines.subList(17, 19)).containsExactly("plain", "dash");
    Result relative = echoRun("--", "-n", "-");
    assertThat(relative.status()).isEqualTo(ExitStatus.BAD_ARGUMENT.code());
    assertThat(relative.err()).as("-n after -- is a file").contains("no such file: -n");
  }

  @Test
  void integersOutOfRangeAreUsageErrorsNamingTheRange() {
    Result result = MainTest.run("run", MainTest.guest("echo-params"), "--tiny=256", "-");
    MainTest.assertOneLineError(
        result,
        ExitStatus.USAGE.code(),
        "echo-params.wasm: Invalid value for option '--tiny': not a u8 (0 to 255): 256");
  }
}
