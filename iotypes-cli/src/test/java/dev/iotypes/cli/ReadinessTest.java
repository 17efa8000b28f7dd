package dev.iotypes.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.iotypes.cli.MainTest.Result;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Readiness of the inputs that can keep a reader waiting, from the command line: {@code
 * $(command)}, {@code http:} and {@code -} tell {@code poll} the truth, so {@code merge.wasm} takes
 * lines as they come and {@code timeout.wasm} cuts off a silent command; and nothing reads on after
 * the run. Each order asserted here (but the symmetric one) is one that a program reading its
 * inputs in turn, blocking, would get wrong. A line that could be misordered comes at least half a
 * second after the inputs are bound, so that a guest slow to start on a busy machine polls before
 * it.
 */
class ReadinessTest {
  @Test
  void mergeInterleavesTwoSlowCommandsLineByLineAsTheyArrive() {
    Result result =
        MainTest.run(
            "run",
            MainTest.guest("merge"),
            "$(sh -c 'sleep 1; echo b; sleep 1; echo d')",
            "$(sh -c 'sleep 0.5; echo a; sleep 1; echo c')",
            "-");

    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.outText()).isEqualTo("a\nb\nc\nd\n");
  }

  @Test
  void mergeOfTwoCommandsThatSleepInTurn() {
    Result result =
        MainTest.run(
            "run",
            MainTest.guest("merge"),
            "$(sh -c 'echo a; sleep 1; echo c')",
            "$(sh -c 'sleep 0.5; echo b; sleep 1; echo d; printf tail')",
            "-");

    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.outText()).isEqualTo("a\nb\nc\nd\ntail");
  }

  @Test
  void mergeTakesACommandsLinesWhileStandardInputIsSilent() {
    InputStream slowStdin = new Slow("x\n", 1500);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status =
        Main.run(
            new String[] {
              "run", MainTest.guest("merge"), "-", "$(sh -c 'echo a; sleep 0.3; echo b')", "-"
            },
            slowStdin,
            new PrintStream(out, true, UTF_8),
            new PrintStream(err, true, UTF_8));

    assertThat(status).as(err.toString(UTF_8)).isZero();
    assertThat(out.toString(UTF_8)).isEqualTo("a\nb\nx\n");
  }

  @Test
  void mergeTakesACommandsLinesWhileADownloadIsSlow() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/slow",
        exchange -> {
          exchange.sendResponseHeaders(200, 0); // headers now, the body later
          try (OutputStream body = exchange.getResponseBody()) {
            body.flush();
            Thread.sleep(1000);
            body.write("b\n".getBytes(UTF_8));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/slow";
      Result result =
          MainTest.run(
              "run", MainTest.guest("merge"), url, "$(sh -c 'echo a; sleep 1.5; echo c')", "-");

      assertThat(result.status()).as(result.err()).isZero();
      assertThat(result.outText()).isEqualTo("a\nb\nc\n");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void timeoutCutsOffACommandThatFallsSilentAndLeavesNoReaderBehind() throws Exception {
    long start = System.nanoTime();
    Result result =
        MainTest.run(
            "run", MainTest.guest("timeout"), "-s", "1", "$(sh -c 'echo first; sleep 20')", "-");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(result.status()).as(result.err()).isEqualTo(124);
    assertThat(result.outText()).isEqualTo("first\n");
    assertThat(took).isLessThan(Duration.ofSeconds(10));
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (readers() > 0 && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(readers()).isZero();
  }

  private static long readers() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("iotypes-read-ahead") && t.isAlive())
        .count();
  }

  /** A standard input that says nothing for a while, then {@code text}, then ends. */
  private static final class Slow extends InputStream {
    private final byte[] text;
    private final long millis;
    private int at;

    Slow(String text, long millis) {
      this.text = text.getBytes(UTF_8);
      this.millis = millis;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (at == 0) {
        try {
          Thread.sleep(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted");
        }
      }
      if (at == text.length) {
        return -1;
      }
      int n = Math.min(len, text.length - at);
      System.arraycopy(text, at, b, off, n);
      at += n;
      return n;
    }
  }
}
