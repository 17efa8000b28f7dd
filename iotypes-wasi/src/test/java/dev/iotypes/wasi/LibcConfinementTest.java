package dev.iotypes.wasi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.IoTypes;
import dev.iotypes.Origin;
import dev.iotypes.wasm.GuestException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A typed main linked with wasi-libc ({@code guests/libc/src/confined.c}) has libc but no files:
 * every name fails to open with an errno, stdin and stdout are closed, and what libc writes to
 * {@code stderr} reaches the diagnostic output the embedder chose, beside the lines the SDK writes
 * there naming inputs by their pseudonyms.
 */
class LibcConfinementTest {
  @TempDir Path dir;

  private LibcPrograms.Result confined(Path input, String name, int status) throws Exception {
    return LibcPrograms.run("confined", input, Map.of("name", name, "status", status));
  }

  @Test
  void openingAnyNameFailsWithAnErrnoAndReachesNoHostFile() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "secret\n");
    Path input = Files.writeString(dir.resolve("notes.txt"), "notes\n");
    for (String name :
        new String[] {"secret.txt", secret.toString(), "notes.txt", ".", "/", "../x", "new.txt"}) {
      LibcPrograms.Result result = confined(input, name, 0);
      assertThat(result.diagnostics())
          .as(name)
          .contains("fopen " + name + ": Capabilities insufficient\n")
          .contains("create " + name + ": Capabilities insufficient\n")
          .doesNotContain("opened");
      assertThat(result.status()).isEqualTo(1); // returned err, did not trap
    }
    assertThat(Files.readString(secret)).isEqualTo("secret\n");
    assertThat(dir.resolve("new.txt")).doesNotExist();
  }

  @Test
  void stdinAndStdoutAreClosed() throws Exception {
    Path input = Files.writeString(dir.resolve("notes.txt"), "notes\n");
    LibcPrograms.Result result = confined(input, "x", 0);
    assertThat(result.diagnostics())
        .contains("stdout: Bad file descriptor\n")
        .contains("stdin: Bad file descriptor\n");
    assertThat(result.output()).isEmpty();
  }

  @Test
  void libcStderrAndErrorLinesReachTheDiagnosticOutputChosenFromJava() throws Exception {
    Path input = Files.writeString(dir.resolve("notes.txt"), "notes\n");
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int status =
        LibcPrograms.call("confined", diagnostics)
            .bind("name", "x")
            .bind("status", 0)
            .bind("input", IoTypes.fileInput(input, Origin.named("the notes")))
            .call();
    assertThat(status).isEqualTo(1);
    assertThat(diagnostics.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "fopen x: Capabilities insufficient\n"
                + "create x: Capabilities insufficient\n"
                + "stdout: Bad file descriptor\n"
                + "stdin: Bad file descriptor\n"
                + "GREETING=(unset)\n"
                + "confined: the notes: cannot use this input\n");
  }

  @Test
  void anErrorLineNamesTheInputByItsPseudonymAndTheProgramByItsName() throws Exception {
    Path input = Files.writeString(dir.resolve("report.csv"), "a,b\n");
    assertThat(confined(input, "x", 0).diagnostics())
        .endsWith("confined: report.csv: cannot use this input\n");
  }

  @Test
  void exitEndsMainWithItsStatusAfterFlushing() throws Exception {
    Path input = Files.writeString(dir.resolve("notes.txt"), "notes\n");
    LibcPrograms.Result result = confined(input, "x", 42);
    assertThat(result.status()).isEqualTo(42);
    assertThat(result.diagnostics()).endsWith("confined: notes.txt: cannot use this input\n");
  }

  @Test
  void theEnvironmentIsOnlyWhatTheOptionsGive() throws Exception {
    Path input = Files.writeString(dir.resolve("notes.txt"), "notes\n");
    assertThat(confined(input, "x", 0).diagnostics()).contains("GREETING=(unset)\n");
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    LibcPrograms.call("confined", diagnostics)
        .imports(
            LibcImports.of(WasiOptions.builder().args("confined").env("GREETING", "hello").build()))
        .bind("name", "x")
        .bind("status", 0)
        .bind("input", input)
        .call();
    assertThat(diagnostics.toString(StandardCharsets.UTF_8)).contains("GREETING=hello\n");
  }

  @Test
  void withoutLibcImportsTheGuestFailsToLinkNamingTheImport() throws Exception {
    Path input = Files.writeString(dir.resolve("notes.txt"), "notes\n");
    assertThatThrownBy(
            () ->
                LibcPrograms.guest("confined")
                    .main()
                    .bind("name", "x")
                    .bind("status", 0)
                    .bind("input", input)
                    .call())
        .isInstanceOf(GuestException.class)
        .hasMessageContaining("wasi_snapshot_preview1");
  }

  @Test
  void optionsThatNameFilesOrSocketsAreRefused() {
    assertThatThrownBy(() -> LibcImports.of(WasiOptions.builder().preopen(dir, "/").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no preopens");
    assertThatThrownBy(() -> LibcImports.of(WasiOptions.builder().bind("x").build()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
