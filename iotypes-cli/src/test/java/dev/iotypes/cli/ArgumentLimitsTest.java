package dev.iotypes.cli;

import static dev.iotypes.cli.MainTest.assertOneLineError;
import static dev.iotypes.cli.MainTest.guest;
import static dev.iotypes.cli.MainTest.run;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import dev.iotypes.cli.MainTest.Result;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the boundary owes the user beyond binding: commands and URLs held to the time limit, every
 * failed input named, arrays that never appear by a typo, and messages in the user's terms.
 */
class ArgumentLimitsTest {
  private static final Duration HANG = Duration.ofSeconds(20);

  @TempDir Path dir;

  // $(command) and --timeout

  @Test
  void commandStreamsAreStoppedAtTheTimeLimitWithTheirProcessTree() {
    String marker = "iotypes-reaped-" + ProcessHandle.current().pid();
    Result result =
        assertTimeoutPreemptively(
            HANG,
            () ->
                run(
                    "run",
                    "--timeout",
                    "1s",
                    guest("cat"),
                    "$(yes " + marker + " | cat)",
                    "$(cat > /dev/null)"));
    assertThat(result.status()).as(result.err()).isEqualTo(ExitStatus.TIMEOUT.code());
    assertThat(result.err()).startsWith("iotypes: cat.wasm: time limit of 1s reached");
    assertThat(
            ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(marker))
                .filter(ProcessHandle::isAlive)
                .count())
        .isZero();
  }

  // http: arguments

  @Test
  void aServerThatNeverAnswersIsCutAtTheTimeLimit() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> held = new ArrayList<>();
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(server.accept()); // and never answer
                  }
                } catch (IOException closed) {
                  // the test is over
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      String url = "http://127.0.0.1:" + server.getLocalPort() + "/silent.txt";
      Result result =
          assertTimeoutPreemptively(
              HANG, () -> run("run", "--timeout", "1s", guest("wc"), url, "-"));
      assertOneLineError(
          result,
          ExitStatus.TIMEOUT.code(),
          "cannot fetch " + url + ": no answer within 1s (--timeout)");
    }
  }

  @Test
  void aRedirectToAnotherSchemeIsRefusedAndOneWithinItIsFollowed() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    int port = server.getAddress().getPort();
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          String location =
              switch (path) {
                case "/to-https" -> "https://127.0.0.1:" + port + "/fox.txt";
                case "/to-file" -> "file:///etc/passwd";
                case "/to-http" -> "/fox.txt";
                default -> null;
              };
          if (location != null) {
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
            return;
          }
          byte[] body = "one two\n".getBytes(UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    try {
      String base = "http://127.0.0.1:" + port;
      Result https = run("run", guest("wc"), base + "/to-https", "-");
      assertOneLineError(
          https,
          66,
          "cannot fetch "
              + base
              + "/to-https: redirected to another scheme (https://127.0.0.1:"
              + port
              + "/fox.txt), not followed");
      Result file = run("run", guest("wc"), base + "/to-file", "-");
      assertOneLineError(
          file,
          66,
          "cannot fetch "
              + base
              + "/to-file: redirected to another scheme (file:///etc/passwd), not followed");
      Result same = run("run", guest("wc"), base + "/to-http", "-");
      assertThat(same.status()).as(same.err()).isZero();
      assertThat(same.outText()).isEqualTo("1 2 8 " + base + "/to-http\n");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aRedirectFromAPublicHostToALocalAddressIsRefused() {
    assertThat(Boundary.local("127.0.0.1")).isTrue();
    assertThat(Boundary.local("localhost")).isTrue();
    assertThat(Boundary.local("10.1.2.3")).isTrue();
    assertThat(Boundary.local("192.168.0.1")).isTrue();
    assertThat(Boundary.local("169.254.169.254")).isTrue();
    assertThat(Boundary.local("::1")).isTrue();
    assertThat(Boundary.local("fd00::1")).isTrue();
    assertThat(Boundary.local("0.0.0.0")).isTrue();
    assertThat(Boundary.local("93.184.216.34")).isFalse();
    assertThat(Boundary.local("2606:2800:220:1::1")).isFalse();
  }

  // Failed inputs are reported

  @Test
  void aTruncatedGzipInputIsNamedOnStandardError() throws IOException {
    Path whole = dir.resolve("whole.gz");
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(whole))) {
      gz.write("hello world\n".repeat(100).getBytes(UTF_8));
    }
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = Files.write(dir.resolve("cut.txt.gz"), java.util.Arrays.copyOf(bytes, 20));
    Result result = run("run", guest("wc"), cut.toString(), "-");
    assertThat(result.status()).isEqualTo(1);
    assertThat(result.err()).startsWith("iotypes: " + cut + ": read failed: ");
    assertThat(result.err().lines().count()).isEqualTo(1);
    assertThat(result.err()).doesNotContain("Exception");
  }

  @Test
  void aCommandInputThatFailsIsNamedOnStandardError() throws IOException {
    String command = "$(sh -c \"echo x; exit 3\")";
    Result wc = run("run", guest("wc"), command, "-");
    assertThat(wc.status()).isEqualTo(1);
    assertThat(wc.err()).isEqualTo("iotypes: " + command + ": command exited with status 3\n");
    Path out = dir.resolve("out.txt");
    Result cat = run("run", guest("cat"), "$(false)", out.toString());
    assertThat(cat.err()).isEqualTo("iotypes: $(false): command exited with status 1\n");
  }

  // Arrays

  @Test
  void aMissingArrayIsStatus66AndIsNotCreated() throws IOException {
    Path typo = dir.resolve("notez.txt");
    Result result = run("run", guest("tac"), typo.toString(), "-");
    assertOneLineError(result, 66, "no such file: " + typo);
    assertThat(typo).doesNotExist();
    Result writable = run("run", "--writable", typo.toString(), guest("tac"), typo.toString(), "-");
    assertOneLineError(writable, 66, "no such file: " + typo);
    assertThat(typo).doesNotExist();
    Result created = run("run", "--create", typo.toString(), guest("tac"), typo.toString(), "-");
    assertThat(created.status()).as(created.err()).isZero();
    assertThat(typo).exists();
  }

  @Test
  void anArrayIsReadOnlyUnlessNamedWritable() throws Exception {
    Path file = Files.writeString(dir.resolve("abc.txt"), "abc");
    assertThat(Runner.arrayAccess(file.toString(), RunOptions.builder("m.wasm").build()))
        .isEqualTo(Boundary.Access.READ_ONLY);
    assertThat(
            Runner.arrayAccess(
                file.toString(), RunOptions.builder("m.wasm").writable(file.toString()).build()))
        .isEqualTo(Boundary.Access.WRITABLE);
    assertThat(
            Runner.arrayAccess(
                file.toString(), RunOptions.builder("m.wasm").create(file.toString()).build()))
        .isEqualTo(Boundary.Access.CREATE);
  }

  // Messages in the user's terms

  @Test
  void messagesSpeakOfArgumentsNotOfJava() throws IOException {
    Result base64 = run("run", guest("upper"), "data:;base64,@@", "-");
    assertOneLineError(
        base64, 66, "not a valid data: URL ('@' is not a base64 character): data:;base64,@@");
    Path big = Files.write(dir.resolve("big.txt"), new byte[4 << 20]);
    Result closed = run("run", guest("cat"), big.toString(), "$(true)");
    assertThat(closed.status()).isEqualTo(1);
    assertThat(closed.err()).isEqualTo("iotypes: $(true): the command stopped reading its input\n");
  }

  @Test
  void aMissingPreopenIsStatus66() throws IOException {
    Path module = TestModules.write(dir, "cmd.wasm", TestModules.command());
    Result result = run("run", "--dir", "/nonexistent::/x", module.toString());
    assertOneLineError(result, 66, "no such directory: /nonexistent");
  }

  @Test
  void aMemoryLimitBelowOnePageIsAUsageError() {
    Result result = run("run", "--max-memory-size", "1k", guest("wc"), "-", "-");
    assertThat(result.status()).isEqualTo(ExitStatus.USAGE.code());
    assertThat(result.err()).contains("--max-memory-size: not a whole number of 64K pages: 1k");
  }
}
