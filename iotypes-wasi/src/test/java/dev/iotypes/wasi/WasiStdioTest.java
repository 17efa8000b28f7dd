package dev.iotypes.wasi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.wasi.WasiPrograms.Result;
import dev.iotypes.wasm.Guest;
import dev.iotypes.wasm.GuestException;
import dev.iotypes.wasm.GuestOptions;
import dev.iotypes.wasm.GuestTrap;
import dev.iotypes.wasm.LimitExceeded;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stdio, argv, environ and exit codes of unchanged wasi-libc programs, and Node agrees. */
class WasiStdioTest {
  @TempDir Path dir;

  @Test
  void argumentsEnvironmentAndExitStatusMatchNode() throws Exception {
    Result ours =
        WasiPrograms.iotypes(
            "args", new byte[0], b -> b.env("GREETING", "hello world"), "a", "b c", "", "exit=3");
    Result node =
        WasiPrograms.node(
            dir,
            new byte[0],
            List.of("--env", "GREETING=hello world"),
            "args",
            "a",
            "b c",
            "",
            "exit=3");
    assertThat(ours.status()).isEqualTo(3);
    assertThat(ours.stdout())
        .contains("argc=5\n", "argv[2]=b c\n", "argv[3]=\n", "env[0]=GREETING=hello world\n")
        .contains("envc=1\n", "HOME=(unset)\n", "PATH=(unset)\n");
    assertThat(ours).isEqualTo(node);
  }

  @Test
  void theHostEnvironmentIsNotPassedByDefault() throws Exception {
    Result ours = WasiPrograms.iotypes("args", new byte[0], b -> {});
    assertThat(ours.stdout()).contains("envc=0\n", "GREETING=(unset)\n");
    assertThat(ours.status()).isZero();
  }

  @Test
  void catCopiesStdinToStdoutLikeNode() throws Exception {
    byte[] input = "line one\nline two\n\u00e9\n".repeat(5000).getBytes(StandardCharsets.UTF_8);
    Result ours = WasiPrograms.iotypes("cat", input, b -> {});
    Result node = WasiPrograms.node(dir, input, List.of(), "cat");
    assertThat(ours.stdout()).isEqualTo(new String(input, StandardCharsets.UTF_8));
    assertThat(ours).isEqualTo(node);
  }

  @Test
  void catOpensBoundArgumentsByTheirSpellingAndDashIsStdin() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "AAA\n");
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/b.txt"), "BBB\n");
    byte[] stdin = "from stdin\n".getBytes(StandardCharsets.UTF_8);
    Result ours =
        WasiPrograms.iotypes(
            "cat", stdin, b -> b.workingDirectory(dir), "a.txt", "-", "./sub/b.txt", "nope.txt");
    assertThat(ours.stdout()).isEqualTo("AAA\nfrom stdin\nBBB\n");
    assertThat(ours.stderr()).isEqualTo("cat: nope.txt: No such file or directory\ncat: done\n");
    assertThat(ours.status()).isEqualTo(1);
  }

  @Test
  void aSpellingThatClimbsIsBoundAsWritten() throws Exception {
    Files.writeString(dir.resolve("up.txt"), "from above\n");
    Path work = Files.createDirectories(dir.resolve("work"));
    Result ours =
        WasiPrograms.iotypes("cat", new byte[0], b -> b.workingDirectory(work), "../up.txt");
    assertThat(ours.stdout()).isEqualTo("from above\n");
    assertThat(ours.status()).isZero();
  }

  @Test
  void aReaderThatWentAwayIsEpipeNotAnException() throws Exception {
    dev.iotypes.Pipe pipe = dev.iotypes.IoTypes.pipe();
    pipe.input().close();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int status =
        WasiCommand.run(
            WasiPrograms.guest("cat"),
            WasiOptions.builder()
                .args("cat")
                .stdin(dev.iotypes.IoTypes.input("lost\n".getBytes(StandardCharsets.UTF_8)))
                .stdout(pipe.output())
                .stderr(dev.iotypes.IoTypes.output(err))
                .build());
    assertThat(status).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty(); // no stack trace, no message
  }

  @Test
  void absoluteArgumentsAreBoundToo() throws Exception {
    Path file = Files.writeString(dir.resolve("abs.txt"), "absolute\n");
    Result ours = WasiPrograms.iotypes("cat", new byte[0], b -> {}, file.toString());
    assertThat(ours.stdout()).isEqualTo("absolute\n");
    assertThat(ours.status()).isZero();
  }

  @Test
  void aCommandBusyWithEndlessIoEndsAtTheTimeoutBetweenCallsKeepingItsOutput() throws Exception {
    byte[] line = "0123456789abcdef\n".getBytes(StandardCharsets.UTF_8);
    java.io.InputStream endless =
        new java.io.InputStream() {
          long served;

          @Override
          public int read() {
            return line[(int) (served++ % line.length)];
          }

          @Override
          public int read(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
              b[off + i] = (byte) read();
            }
            return len;
          }
        };
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    Guest cat =
        Guest.load(
            Path.of("..", "guests", "wasi", "wasm", "cat.wasm"),
            GuestOptions.DEFAULTS.withTimeout(java.time.Duration.ofMillis(1500)));
    assertThatThrownBy(
            () ->
                WasiCommand.run(
                    cat,
                    WasiOptions.builder()
                        .args("cat", "-")
                        .stdin(dev.iotypes.IoTypes.input(endless))
                        .stdout(dev.iotypes.IoTypes.output(out))
                        .build()))
        .isInstanceOf(LimitExceeded.class)
        .hasMessageContaining("time limit");
    byte[] copied = out.toByteArray();
    assertThat(copied.length).isPositive();
    for (int i = 0; i < copied.length; i++) { // every byte copied is whole and in order
      assertThat(copied[i]).isEqualTo(line[i % line.length]);
    }
  }

  @Test
  void aTrapIsAGuestTrapAndWhatWasWrittenIsKept() throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    assertThatThrownBy(
            () ->
                WasiCommand.run(
                    WasiPrograms.guest("args"),
                    WasiOptions.builder()
                        .args("args", "exit=99")
                        .stdout(dev.iotypes.IoTypes.output(out))
                        .build()))
        .isInstanceOf(GuestTrap.class)
        .hasMessageContaining("args.wasm trapped");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("argv[1]=exit=99\n");
  }

  @Test
  void aModuleWithoutStartIsRefused() throws Exception {
    Guest typed = Guest.load(Path.of("..", "guests", "wasm", "hello.wasm"));
    assertThatThrownBy(() -> WasiCommand.run(typed, WasiOptions.builder().build()))
        .isInstanceOf(GuestException.class)
        .hasMessageContaining("_start");
    assertThat(WasiCommand.isCommand(typed)).isFalse();
  }
}
