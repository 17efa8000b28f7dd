package dev.iotypes.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ./iotypes} launcher, after {@code package}: what users and external checks run.
 * Each run is a fresh JVM, so these are few.
 */
class LauncherIT {
  private static final Path LAUNCHER = TestModules.ROOT.resolve("iotypes");

  @TempDir Path dir;

  record Result(int status, byte[] out, String err) {
    String outText() {
      return new String(out, UTF_8);
    }
  }

  /** Runs {@code command} in the repository root, feeding {@code stdin} through a pipe. */
  static Result run(Map<String, String> env, byte[] stdin, List<String> command)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(TestModules.ROOT.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    CompletableFuture<byte[]> out = readAsync(process.getInputStream());
    CompletableFuture<byte[]> err = readAsync(process.getErrorStream());
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin);
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    return new Result(process.exitValue(), out.join(), new String(err.join(), UTF_8));
  }

  static Result iotypes(String... args) throws IOException, InterruptedException {
    return iotypes(new byte[0], args);
  }

  static Result iotypes(byte[] stdin, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
    command.addAll(List.of(args));
    return run(Map.of(), stdin, command);
  }

  private static CompletableFuture<byte[]> readAsync(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return in.readAllBytes();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  @Test
  void aNonAsciiFileNameIsListedUnderThePosixLocale() throws Exception {
    Path d = Files.createDirectories(dir.resolve("d"));
    Files.writeString(d.resolve("caf\u00e9"), "");
    Files.writeString(d.resolve("plain"), "");

    Result ours =
        run(
            Map.of("LC_ALL", "POSIX"),
            new byte[0],
            List.of(
                LAUNCHER.toString(),
                "run",
                "--dir",
                d + "::/d",
                "guests/wasi/wasm/dirs.wasm",
                "/d"));

    assertThat(ours.err()).isEmpty();
    assertThat(ours.outText()).isEqualTo("/d:\n  caf\u00e9 0 \"\"\n  plain 0 \"\"\n");
    assertThat(ours.status()).isZero();
  }

  @Test
  void aDetachedServerServesTheLaunchersRunsAndStopsWhenIdle() throws Exception {
    Path socket = dir.resolve("sock/s.sock");
    Map<String, String> env =
        Map.of(
            "IOTYPES_SERVER", socket.toString(), "IOTYPES_CACHE", dir.resolve("cache").toString());
    Result started =
        run(
            env,
            new byte[0],
            List.of(LAUNCHER.toString(), "serve", "--detach", "--idle-timeout", "4s"));
    assertThat(started.status()).as(started.err()).isZero();
    assertThat(started.err()).startsWith("iotypes: serving on " + socket + " (process ");
    long pid = Long.parseLong(started.err().replaceAll("(?s).*\\(process (\\d+),.*", "$1"));
    ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
    assertThat(server.info().arguments().map(List::of).orElse(List.of())).contains("serve");

    Result again = run(env, new byte[0], List.of(LAUNCHER.toString(), "serve", "--detach"));
    assertThat(again.err()).startsWith("iotypes: a server already listens on");

    Map<String, String> off = Map.of("IOTYPES_SERVER", "off");
    List<String> wc = List.of(LAUNCHER.toString(), "run", "guests/wasm/wc.wasm", "README.md", "-");
    Result served = run(env, new byte[0], wc);
    assertThat(served.err()).isEmpty();
    assertThat(served.outText()).isEqualTo(run(off, new byte[0], wc).outText());
    Result input =
        run(
            env,
            "a b\n".getBytes(UTF_8),
            List.of(LAUNCHER.toString(), "run", "guests/wasm/wc.wasm", "-", "-"));
    assertThat(input.outText()).matches("\\s*1\\s+2\\s+4 -\\n");

    assertThat(server.onExit().get(60, TimeUnit.SECONDS)).isNotNull(); // idle for 4 s
    assertThat(socket).doesNotExist();
    assertThat(Files.readString(dir.resolve("sock/s.sock.log"))).contains("stopped serving");
  }

  @Test
  void theLauncherIsExecutable() {
    assertThat(Files.isExecutable(LAUNCHER)).isTrue();
  }

  @Test
  void wcOnTheReadmeMatchesGnuWc() throws Exception {
    Result ours = iotypes("run", "guests/wasm/wc.wasm", "README.md", "-");
    Result gnu = run(Map.of(), new byte[0], List.of("wc", "README.md"));
    assertThat(ours.status()).as(ours.err()).isZero();
    assertThat(ours.err()).isEmpty();
    assertThat(ours.outText()).isEqualTo(gnu.outText());
  }

  @Test
  void standardInputAndOutputArePipes() throws Exception {
    byte[] data = "piped\nthrough\ncat\n".repeat(10_000).getBytes(UTF_8);
    Result result = iotypes(data, "run", "guests/wasm/cat.wasm", "-", "-");
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo(data);
  }

  @Test
  void standardInputThatIsAFileCanBeAnArray() throws Exception {
    Path file = Files.writeString(dir.resolve("abc.txt"), "a\nb\nc\n");
    String command = "'" + LAUNCHER + "' run guests/wasm/tac.wasm - - < '" + file + "'";
    Result result = run(Map.of(), new byte[0], List.of("/bin/sh", "-c", command));
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.outText()).isEqualTo("c\nb\na\n");
  }

  @Test
  void aPipeIsAnArrayReadToItsEndAsGnuTacTakesIt() throws Exception {
    Result result = iotypes("a\nb\nc".getBytes(UTF_8), "run", "guests/wasm/tac.wasm", "-", "-");
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(new String(result.out(), UTF_8)).isEqualTo("cb\na\n"); // GNU tac's answer
  }

  @Test
  void badInputIsOneLineAndItsOwnStatus() throws Exception {
    Result result = iotypes("run", "guests/wasm/wc.wasm", "no-such-file.txt", "-");
    assertThat(result.status()).isEqualTo(66);
    assertThat(result.err()).isEqualTo("iotypes: no such file: no-such-file.txt\n");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void theLauncherWorksThroughASymlinkAndPassesJavaOptions() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("iot"), LAUNCHER);
    Result hello =
        run(Map.of(), new byte[0], List.of(link.toString(), "run", "guests/wasm/hello.wasm", "-"));
    assertThat(hello.outText()).isEqualTo("hello, world\n");
    Result version =
        run(Map.of("IOTYPES_JAVA_OPTS", "-version"), new byte[0], List.of(link.toString()));
    assertThat(version.status()).isZero();
    assertThat(version.err()).contains("version");
    Files.delete(link);
  }

  @Test
  void argumentsReachTheProgramUntouched() throws Exception {
    Path out = dir.resolve("spaced name.txt");
    Result result = iotypes("run", "guests/wasm/upper.wasm", "$(printf 'a  b')", out.toString());
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(Files.readString(out)).isEqualTo("A  B");
  }

  /** Problems end as one line on stderr, never a Java stack trace. */
  private static void assertOneCleanLine(String err) {
    assertThat(err).doesNotContain("Exception in thread").doesNotContain("\tat ");
    assertThat(err.strip().lines()).hasSize(1);
  }

  @Test
  void aGuestPastItsTimeoutIsStoppedWithItsOutputFlushed() throws Exception {
    Path module = TestModules.write(dir, "spin.wasm", TestModules.writesThenLoops());
    Path out = dir.resolve("out.txt");
    long start = System.nanoTime();
    Result result =
        iotypes("run", "--no-atomic", "--timeout", "500ms", module.toString(), out.toString());
    assertThat(result.status()).isEqualTo(ExitStatus.TIMEOUT.code()).isEqualTo(124);
    assertThat(result.err()).isEqualTo("iotypes: spin.wasm: time limit of 500ms reached\n");
    assertThat(Files.readString(out)).isEqualTo("partial\n");
    assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(20));
  }

  @Test
  void aGuestPastItsTimeoutLeavesTheOldFileAndNothingBeside() throws Exception {
    Path module = TestModules.write(dir, "spin.wasm", TestModules.writesThenLoops());
    Path out = Files.writeString(dir.resolve("out.txt"), "old\n");
    Result result = iotypes("run", "--timeout", "500ms", module.toString(), out.toString());
    assertThat(result.status()).isEqualTo(124);
    assertThat(Files.readString(out)).isEqualTo("old\n");
    try (var names = Files.list(dir)) {
      assertThat(names.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("spin.wasm", "out.txt");
    }
  }

  @Test
  void aKilledRunLeavesTheOldFileAndRemovesTheStagedOne() throws Exception {
    Path module = TestModules.write(dir, "spin.wasm", TestModules.writesThenLoops());
    Path out = Files.writeString(dir.resolve("out.txt"), "old\n");
    Process process =
        new ProcessBuilder(LAUNCHER.toString(), "run", module.toString(), out.toString())
            .directory(TestModules.ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (staged(dir) == 0 || Files.size(dir.resolve(stagedName(dir))) == 0) {
      assertThat(System.nanoTime()).as("the run stages its output").isLessThan(deadline);
      Thread.sleep(20);
    }
    process.destroy(); // SIGTERM
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(out)).isEqualTo("old\n");
    assertThat(staged(dir)).isZero();
  }

  private static long staged(Path dir) throws IOException {
    try (var names = Files.list(dir)) {
      return names.filter(p -> p.getFileName().toString().startsWith(".out.txt.")).count();
    }
  }

  private static String stagedName(Path dir) throws IOException {
    try (var names = Files.list(dir)) {
      return names
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(".out.txt."))
          .findFirst()
          .orElseThrow();
    }
  }

  @Test
  void aModuleDeclaringMoreMemoryThanAllowedIsRefusedBeforeItRuns() throws Exception {
    Path module = TestModules.write(dir, "big.wasm", TestModules.declaresMemory(32));
    Result refused = iotypes("run", "--max-memory-size", "1M", module.toString());
    assertThat(refused.status()).isEqualTo(ExitStatus.LIMIT_EXCEEDED.code()).isEqualTo(75);
    assertThat(refused.err())
        .isEqualTo(
            "iotypes: big.wasm declares 2097152 bytes of initial memory, more than the limit of"
                + " 1048576\n");
    assertThat(iotypes("run", "--max-memory-size", "2M", module.toString()).status()).isZero();
  }

  @Test
  void aClosedDownstreamPipeEndsTheRunQuietlyWithStatus141LikeGnuCat() throws Exception {
    Path big = dir.resolve("big.txt");
    Files.write(big, "a line of text\n".repeat(1 << 20).getBytes(UTF_8)); // 15 MiB
    String command =
        "./iotypes run guests/wasm/cat.wasm " + big + " - | head -1; echo \"${PIPESTATUS[0]}\" >&2";
    Result result = run(Map.of(), new byte[0], List.of("bash", "-c", command));
    assertThat(result.outText()).isEqualTo("a line of text\n");
    assertThat(result.err()).isEqualTo("141\n"); // as a shell sees cat killed by SIGPIPE
  }

  @Test
  void aGuestThatExplainsAWriteErrorSaysNothingOnceItsReaderWentAwayLikeGnuGrep() throws Exception {
    Path big = dir.resolve("big.txt");
    Files.write(big, "a line of text\n".repeat(1 << 20).getBytes(UTF_8)); // 15 MiB
    String command =
        "./iotypes run guests/libc/wasm/grep.wasm line "
            + big
            + " - | head -1; echo \"${PIPESTATUS[0]}\" >&2";
    Result result = run(Map.of(), new byte[0], List.of("bash", "-c", command));
    assertThat(result.outText()).isEqualTo("a line of text\n");
    assertThat(result.err()).isEqualTo("141\n"); // not "grep: -: write error"
  }

  @Test
  void aFullDiskFailsTheGuestCleanly() throws Exception {
    Result result = iotypes("run", "guests/wasm/cat.wasm", "README.md", "/dev/full");
    assertThat(result.status()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo("iotypes: /dev/full: write failed: no space left on device\n");
    assertOneCleanLine(result.err());
    String toStdout = "./iotypes run guests/wasm/cat.wasm README.md - > /dev/full";
    Result stdout = run(Map.of(), new byte[0], List.of("bash", "-c", toStdout));
    assertThat(stdout.status()).isEqualTo(1);
    assertOneCleanLine(stdout.err());
  }
}
