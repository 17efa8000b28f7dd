package dev.iotypes.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
            "--pattern",
            "apple",
            notes.toString(),
            "-");
    assertThat(found.status()).isZero();
    assertThat(found.outText()).isEqualTo("1:Apple\n3:apple pie\n");
    MainTest.Result none =
        MainTest.run(new byte[0], "run", guest("grep"), "--count", "--pattern", "cherry", "-", "-");
    assertThat(none.status()).isEqualTo(1);
    assertThat(none.outText()).isEqualTo("0\n");
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
