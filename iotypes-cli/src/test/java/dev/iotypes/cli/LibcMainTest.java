package dev.iotypes.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Typed mains linked with wasi-libc ({@code guests/libc/wasm}) from the command line: libc's
 * imports are supplied because the module imports them, its {@code stderr} and its error lines go
 * to standard error, naming inputs as the user wrote them.
 */
class LibcMainTest {
  @TempDir Path dir;

  private static String guest(String name) {
    Path path = TestModules.ROOT.resolve("guests/libc/wasm/" + name + ".wasm");
    assertThat(path).as("run guests/build.sh").isRegularFile();
    return path.toString();
  }

  @Test
  void grepPrintsMatchingLinesWithNumbersAndExitsAsGnuGrep() throws Exception {
    Path notes = Files.writeString(dir.resolve("notes.txt"), "Apple\nbanana\napple pie\n");
    MainTest.Result found =
        MainTest.run(
            new byte[0],
            "run",
            guest("grep"),
            "--ignore-case",
            "--line-number",
            "apple",
            notes.toString(),
            "-");
    assertThat(found.status()).isZero();
    assertThat(found.outText()).isEqualTo("1:Apple\n3:apple pie\n");
    MainTest.Result none =
        MainTest.run(new byte[0], "run", guest("grep"), "--count", "cherry", "-", "-");
    assertThat(none.status()).isEqualTo(1);
    assertThat(none.outText()).isEqualTo("0\n");
  }

  @Test
  void grepOfSeveralInputsNamesEachAsGnuGrepDoesWithShortFlags() throws Exception {
    Path one = Files.writeString(dir.resolve("one.txt"), "Apple\nbanana\napple pie\n");
    Path two = Files.writeString(dir.resolve("two.txt"), "cherry\nAPPLE\n");
    Path none = Files.writeString(dir.resolve("none.txt"), "kiwi\n");
    for (String flags : new String[] {"-i", "-in", "-ic", "-c", "-n"}) {
      MainTest.Result ours =
          MainTest.run(
              new byte[0],
              "run",
              guest("grep"),
              flags,
              "apple",
              one.toString(),
              two.toString(),
              none.toString(),
              "-");
      Process gnu =
          new ProcessBuilder(
                  "/usr/bin/grep",
                  "-F",
                  flags,
                  "apple",
                  one.toString(),
                  two.toString(),
                  none.toString())
              .redirectErrorStream(true)
              .start();
      String expected = new String(gnu.getInputStream().readAllBytes(), UTF_8);
      assertThat(ours.outText()).as(flags).isEqualTo(expected).contains(one + ":");
      assertThat(ours.status()).as(flags).isEqualTo(gnu.waitFor());
    }
  }

  @Test
  void grepsHelpReadsLikeAGnuToolsAndNoInputIsTrouble() {
    MainTest.Result help = MainTest.run(new byte[0], "run", guest("grep"), "--help");
    assertThat(help.status()).isZero();
    assertThat(help.outText())
        .contains("Search for PATTERN, a fixed string, in each INPUT")
        .startsWith("Usage: grep.wasm [OPTION]... PATTERN [INPUTS]... OUTPUT\n")
        .contains("-i, --ignore-case")
        .contains("  PATTERN               the fixed string to look for\n")
        .doesNotContain("--pattern");
    MainTest.Result noInput = MainTest.run(new byte[0], "run", guest("grep"), "x", "-");
    assertThat(noInput.status()).isEqualTo(2);
    assertThat(noInput.err()).isEqualTo("grep: no INPUT to search (give - for standard input)\n");
  }

  @Test
  void grepsPatternIsItsFirstArgumentAsGnuGrepsIsAndMayStartWithADashAfterDoubleDash()
      throws Exception {
    Path notes = Files.writeString(dir.resolve("notes.txt"), "a -x b\nplain\n-x\n");
    MainTest.Result dashed =
        MainTest.run(new byte[0], "run", guest("grep"), "-n", "--", "-x", notes.toString(), "-");
    assertThat(dashed.status()).as(dashed.err()).isZero();
    assertThat(dashed.outText()).isEqualTo(gnu("/usr/bin/grep", "-F", "-n", "--", "-x", notes));
    MainTest.Result asFlag =
        MainTest.run(new byte[0], "run", guest("grep"), "-x", notes.toString(), "-");
    MainTest.assertOneLineError(asFlag, 64, "grep.wasm: Unknown option: '-x'");
    MainTest.Result missing = MainTest.run(new byte[0], "run", guest("grep"), "-c");
    MainTest.assertOneLineError(missing, 64, "grep.wasm: missing argument PATTERN (string)");
  }

  private static String gnu(String tool, Object... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(tool));
    for (Object arg : args) {
      command.add(arg.toString());
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), UTF_8);
    process.waitFor();
    return out;
  }

  @Test
  void wcSortAndTacOfSeveralInputsWriteWhatGnuToolsWrite() throws Exception {
    Path one = Files.writeString(dir.resolve("one.txt"), "pear\napple tree\n\nfig");
    Path two = Files.writeString(dir.resolve("two.txt"), "kiwi  lime\nbanana\n");
    Path three = TestModules.ROOT.resolve("README.md");
    String[] files = {one.toString(), two.toString(), three.toString()};
    for (String[] tool : new String[][] {{"wc"}, {"wc", "-lc"}, {"wc", "-w"}, {"sort"}, {"tac"}}) {
      List<String> ours = new ArrayList<>(List.of("run", guest(tool[0])));
      ours.addAll(List.of(tool).subList(1, tool.length));
      ours.addAll(List.of(files));
      ours.add("-");
      MainTest.Result result = MainTest.run(new byte[0], ours.toArray(String[]::new));
      List<String> gnu = new ArrayList<>(List.of("/usr/bin/" + tool[0]));
      gnu.addAll(List.of(tool).subList(1, tool.length));
      gnu.addAll(List.of(files));
      ProcessBuilder builder = new ProcessBuilder(gnu);
      builder.environment().put("LC_ALL", "C");
      Process process = builder.start();
      String expected = new String(process.getInputStream().readAllBytes(), UTF_8);
      assertThat(process.waitFor()).isZero();
      assertThat(result.outText()).as(String.join(" ", tool)).isEqualTo(expected);
      assertThat(result.status()).as(result.err()).isZero();
    }
  }

  @Test
  void tacAndSortReadAPipeOnStandardInput() {
    byte[] text = "b\nc\na".getBytes(UTF_8);
    assertThat(MainTest.run(text, "run", guest("tac"), "-", "-").outText()).isEqualTo("ac\nb\n");
    assertThat(MainTest.run(text, "run", guest("sort"), "-", "-").outText()).isEqualTo("a\nb\nc\n");
  }

  @Test
  void libcStderrAndErrorLinesGoToStandardErrorNamingTheArgumentAsWritten() throws Exception {
    Files.writeString(dir.resolve("secret.txt"), "secret\n");
    Path notes = Files.writeString(dir.resolve("notes.txt"), "notes\n");
    MainTest.Result result =
        MainTest.run(
            new byte[0],
            "run",
            "--env",
            "GREETING=hi",
            guest("confined"),
            "--name",
            dir.resolve("secret.txt").toString(),
            "--status",
            "7",
            notes.toString());
    assertThat(result.status()).isEqualTo(7);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .contains("fopen " + dir.resolve("secret.txt") + ": Capabilities insufficient\n")
        .contains("stdout: Bad file descriptor\n")
        .contains("GREETING=hi\n")
        .endsWith("confined: " + notes + ": cannot use this input\n");
  }
}
