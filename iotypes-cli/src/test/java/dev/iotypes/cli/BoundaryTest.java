package dev.iotypes.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.iotypes.Input;
import dev.iotypes.IoArray;
import dev.iotypes.IoTypes;
import dev.iotypes.MediaType;
import dev.iotypes.Outcome;
import dev.iotypes.Output;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundaryTest {
  private static final byte[] TEXT = "one two\nthree\n".getBytes(UTF_8);

  @TempDir Path dir;
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private Boundary boundary =
      new Boundary(Stdio.of(new ByteArrayInputStream("from stdin".getBytes(UTF_8)), stdout));
  private HttpServer server;

  @AfterEach
  void tearDown() throws BoundaryException {
    boundary.close();
    if (server != null) {
      server.stop(0);
    }
  }

  // Paths and file: URLs.

  @Test
  void pathInputReadsTheFileAndIsNamedAsWritten() throws Exception {
    Path file = write("notes.txt", TEXT);
    Input input = boundary.input(file.toString());
    assertThat(readAll(input)).isEqualTo(TEXT);
    assertThat(input.mediaType().essence()).isEqualTo("text/plain");
    assertThat(Boundary.render(input.pseudonym())).isEqualTo(file.toString());
    assertThat(input.pseudonym().toString()).doesNotContain("notes");
  }

  @Test
  void fileUrlInputReadsItsPathAndIsNamedByTheUrl() throws Exception {
    Path file = write("page.html", TEXT);
    String url = file.toUri().toString();
    Input input = boundary.input(url);
    assertThat(readAll(input)).isEqualTo(TEXT);
    assertThat(input.mediaType().essence()).isEqualTo("text/html");
    assertThat(Boundary.render(input.pseudonym())).isEqualTo(url);
  }

  @Test
  void missingFileIsOneLineNamingTheArgument() {
    String missing = dir.resolve("x.txt").toString();
    assertThatThrownBy(() -> boundary.input(missing))
        .isInstanceOf(BoundaryException.class)
        .hasMessage("no such file: " + missing);
  }

  @Test
  void directoryAsInputIsRefused() {
    assertThatThrownBy(() -> boundary.input(dir.toString()))
        .isInstanceOf(BoundaryException.class)
        .hasMessage("is a directory: " + dir);
  }

  @Test
  void pathOutputCreatesOrTruncates() throws Exception {
    Path file = write("out.txt", "previous, longer content".getBytes(UTF_8));
    Output output = boundary.output(file.toString());
    assertThat(output.write(ByteBuffer.wrap(TEXT)).isOpen()).isTrue();
    assertThat(Boundary.render(output.pseudonym())).isEqualTo(file.toString());
    boundary.close();
    assertThat(Files.readAllBytes(file)).isEqualTo(TEXT);

    Path fresh = dir.resolve("fresh.txt");
    boundary = new Boundary(Stdio.of(InputStream.nullInputStream(), stdout));
    boundary.output(fresh.toUri().toString()).write(ByteBuffer.wrap(TEXT));
    boundary.close();
    assertThat(Files.readAllBytes(fresh)).isEqualTo(TEXT);
  }

  @Test
  void outputIntoAMissingDirectoryIsRefused() {
    String arg = dir.resolve("nowhere/out.txt").toString();
    assertThatThrownBy(() -> boundary.output(arg))
        .isInstanceOf(BoundaryException.class)
        .hasMessage("no such directory for " + arg);
  }

  // Standard streams.

  @Test
  void dashInputIsStandardInputNamedDash() throws Exception {
    Input input = boundary.input("-");
    assertThat(new String(readAll(input), UTF_8)).isEqualTo("from stdin");
    assertThat(Boundary.render(input.pseudonym())).isEqualTo("-");
  }

  @Test
  void dashOutputIsStandardOutputAndClosingLeavesItOpen() throws Exception {
    Output output = boundary.output("-");
    output.write(ByteBuffer.wrap(TEXT));
    output.close();
    assertThat(stdout.toByteArray()).isEqualTo(TEXT);
    assertThat(Boundary.render(output.pseudonym())).isEqualTo("-");
  }

  @Test
  void dashArrayReadsStandardInputToItsEndWhenItIsNotAFile() throws Exception {
    IoArray array = boundary.array("-", false);
    assertThat(array.len().count()).isEqualTo("from stdin".length());
    ByteBuffer buffer = ByteBuffer.allocate(5);
    assertThat(array.readAt(buffer, 5).count()).isEqualTo(5);
    assertThat(new String(buffer.array(), UTF_8)).isEqualTo("stdin");
    assertThat(Boundary.render(array.pseudonym())).isEqualTo("-");
  }

  // gzip.

  @Test
  void gzInputIsDecompressedOnTheFlyAndTypedByTheInnerName() throws Exception {
    Path file = write("notes.txt.gz", gzip(TEXT));
    Input input = boundary.input(file.toString());
    assertThat(readAll(input)).isEqualTo(TEXT);
    assertThat(input.mediaType().essence()).isEqualTo("text/plain");
    assertThat(Boundary.render(input.pseudonym())).isEqualTo(file.toString());
  }

  @Test
  void gzInputThatIsNotGzipIsRefused() throws Exception {
    Path file = write("fake.gz", TEXT);
    assertThatThrownBy(() -> boundary.input(file.toString()))
        .isInstanceOf(BoundaryException.class)
        .hasMessage("cannot open " + file + ": not in gzip format");
  }

  @Test
  void gzOutputIsCompressedAndFinishedOnClose() throws Exception {
    Path file = dir.resolve("out.csv.gz");
    byte[] big = new byte[300_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i % 251);
    }
    Output output = boundary.output(file.toString());
    assertThat(output.mediaType().essence()).isEqualTo("text/csv");
    output.write(ByteBuffer.wrap(big));
    output.write(ByteBuffer.wrap(TEXT));
    boundary.close();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      byte[] expected = new byte[big.length + TEXT.length];
      System.arraycopy(big, 0, expected, 0, big.length);
      System.arraycopy(TEXT, 0, expected, big.length, TEXT.length);
      assertThat(in.readAllBytes()).isEqualTo(expected);
    }
  }

  // data: URLs.

  @Test
  void dataUrlInBase64() throws Exception {
    Input input = boundary.input("data:text/csv;base64,YSxiCjEsMgo=");
    assertThat(new String(readAll(input), UTF_8)).isEqualTo("a,b\n1,2\n");
    assertThat(input.mediaType()).isEqualTo(MediaType.of("text/csv"));
    assertThat(Boundary.render(input.pseudonym())).isEqualTo("data:text/csv;base64,YSxiCjEsMgo=");
  }

  @Test
  void dataUrlPercentEncodedWithTheDefaultMediaType() throws Exception {
    Input input = boundary.input("data:,hello%20world%0A1+1");
    assertThat(new String(readAll(input), UTF_8)).isEqualTo("hello world\n1+1");
    assertThat(input.mediaType()).isEqualTo(MediaType.of("text/plain;charset=US-ASCII"));
  }

  @Test
  void dataUrlWithOnlyParametersIsTextPlain() throws Exception {
    Input input = boundary.input("data:;charset=UTF-8,%C3%A9");
    assertThat(new String(readAll(input), UTF_8)).isEqualTo("é");
    assertThat(input.mediaType().essence()).isEqualTo("text/plain");
  }

  @Test
  void malformedDataUrlsAreRefused() {
    assertThatThrownBy(() -> boundary.input("data:text/plain"))
        .isInstanceOf(BoundaryException.class)
        .hasMessage("not a valid data: URL (no ',' before the data): data:text/plain");
    assertThatThrownBy(() -> boundary.input("data:;base64,@@@"))
        .isInstanceOf(BoundaryException.class)
        .hasMessage("not a valid data: URL ('@' is not a base64 character): data:;base64,@@@");
    assertThatThrownBy(() -> boundary.input("data:,%G1"))
        .isInstanceOf(BoundaryException.class)
        .hasMessageStartingWith("not a valid data: URL (bad percent-escape");
  }

  @Test
  void dataUrlAsArrayIsReadOnly() throws Exception {
    IoArray array = boundary.array("data:,abc", false);
    ByteBuffer buffer = ByteBuffer.allocate(8);
    assertThat(array.readAt(buffer, 1).count()).isEqualTo(2);
    assertThat(array.writeAt(ByteBuffer.wrap(TEXT), 0).isFailed()).isTrue();
  }

  // http:

  @Test
  void httpInputStreamsTheBodyTypedByContentType() throws Exception {
    String base = serve();
    Input input = boundary.input(base + "/doc");
    assertThat(readAll(input)).isEqualTo(TEXT);
    assertThat(input.mediaType()).isEqualTo(MediaType.of("text/markdown; charset=utf-8"));
    assertThat(Boundary.render(input.pseudonym())).isEqualTo(base + "/doc");
  }

  @Test
  void httpNotFoundIsOneLine() throws Exception {
    String url = serve() + "/missing";
    assertThatThrownBy(() -> boundary.input(url))
        .isInstanceOf(BoundaryException.class)
        .hasMessage("cannot fetch " + url + ": HTTP status 404");
  }

  @Test
  void httpGzNameIsDecompressed() throws Exception {
    Input input = boundary.input(serve() + "/data.txt.gz");
    assertThat(readAll(input)).isEqualTo(TEXT);
    assertThat(input.mediaType().essence()).isEqualTo("text/plain");
  }

  @Test
  void httpContentEncodingGzipIsDecompressed() throws Exception {
    Input input = boundary.input(serve() + "/encoded");
    assertThat(readAll(input)).isEqualTo(TEXT);
    assertThat(input.mediaType().essence()).isEqualTo("text/csv");
  }

  @Test
  void unreachableHostIsOneLine() throws Exception {
    String url = serve() + "/doc";
    server.stop(0);
    server = null;
    assertThatThrownBy(() -> boundary.input(url))
        .isInstanceOf(BoundaryException.class)
        .hasMessage("cannot reach " + url + ": connection refused");
  }

  @Test
  void urlsCannotBeOutputs() {
    assertThatThrownBy(() -> boundary.output("http://127.0.0.1:1/x"))
        .isInstanceOf(BoundaryException.class)
        .hasMessage("cannot write to a URL: http://127.0.0.1:1/x");
  }

  // $(command)

  @Test
  void commandInputIsTheChildsStandardOutput() throws Exception {
    Input input = boundary.input("$(printf hello)");
    assertThat(new String(readAll(input), UTF_8)).isEqualTo("hello");
    assertThat(Boundary.render(input.pseudonym())).isEqualTo("$(printf hello)");
  }

  @Test
  void commandInputFailsAtTheEndWhenTheChildFails() throws Exception {
    Input input = boundary.input("$(printf partial; exit 3)");
    ByteBuffer buffer = ByteBuffer.allocate(64);
    Outcome outcome;
    do {
      outcome = input.read(buffer);
    } while (outcome.isOpen());
    assertThat(outcome.isFailed()).isTrue();
    assertThat(new String(buffer.array(), 0, buffer.position(), UTF_8)).isEqualTo("partial");
    assertThat(Boundary.render(outcome.failure().detail())).contains("exited with status 3");
    assertThatThrownBy(() -> boundary.close())
        .isInstanceOf(BoundaryException.class)
        .hasMessage("$(printf partial; exit 3): command exited with status 3");
  }

  @Test
  void commandOutputIsTheChildsStandardInputAndCloseWaitsForIt() throws Exception {
    Path file = dir.resolve("from-child.txt");
    Output output = boundary.output("$(cat > '" + file + "')");
    output.write(ByteBuffer.wrap(TEXT));
    boundary.close();
    assertThat(Files.readAllBytes(file)).isEqualTo(TEXT);
  }

  @Test
  void commandOutputThatFailsIsReportedOnClose() throws Exception {
    boundary.output("$(cat > /dev/null; exit 2)").write(ByteBuffer.wrap(TEXT));
    assertThatThrownBy(() -> boundary.close())
        .isInstanceOf(BoundaryException.class)
        .hasMessage("$(cat > /dev/null; exit 2): command exited with status 2");
  }

  // Arrays.

  @Test
  void writableArrayIsCreatedIfMissingAndWritesReachTheFile() throws Exception {
    Path file = dir.resolve("new.bin");
    IoArray array = boundary.array(file.toString(), true);
    assertThat(array.writeAt(ByteBuffer.wrap(TEXT), 4).isOpen()).isTrue();
    assertThat(Boundary.render(array.pseudonym())).isEqualTo(file.toString());
    boundary.close();
    byte[] expected = new byte[4 + TEXT.length];
    System.arraycopy(TEXT, 0, expected, 4, TEXT.length);
    assertThat(Files.readAllBytes(file)).isEqualTo(expected);
  }

  @Test
  void readOnlyArrayReadsAtOffsetsAndRefusesWrites() throws Exception {
    Path file = write("data.json", TEXT);
    IoArray array = boundary.array(file.toString(), false);
    assertThat(array.mediaType().essence()).isEqualTo("application/json");
    ByteBuffer buffer = ByteBuffer.allocate(5);
    assertThat(array.readAt(buffer, 8).count()).isEqualTo(5);
    assertThat(new String(buffer.array(), UTF_8)).isEqualTo("three");
    assertThat(array.writeAt(ByteBuffer.wrap(TEXT), 0).isFailed()).isTrue();
    assertThat(Files.readAllBytes(file)).isEqualTo(TEXT);
  }

  @Test
  void readOnlyArrayOfAMissingFileIsRefused() {
    String missing = dir.resolve("gone.bin").toString();
    assertThatThrownBy(() -> boundary.array(missing, false))
        .isInstanceOf(BoundaryException.class)
        .hasMessage("no such file: " + missing);
  }

  @Test
  void commandsAndUrlsCannotBeWritableArrays() {
    assertThatThrownBy(() -> boundary.array("$(printf x)", Boundary.Access.WRITABLE))
        .isInstanceOf(BoundaryException.class)
        .hasMessage(
            "only a file can be a writable array; $(printf x) is read from a stream, into a copy"
                + " the program may only read");
    assertThatThrownBy(() -> boundary.array("data:,abc", Boundary.Access.CREATE))
        .isInstanceOf(BoundaryException.class)
        .hasMessageStartingWith("only a file can be a writable array; data:,abc");
  }

  @Test
  void longArgumentsAreShortenedInMessages() {
    String arg = "data:" + "x".repeat(500);
    assertThatThrownBy(() -> boundary.input(arg))
        .isInstanceOf(BoundaryException.class)
        .hasMessageEndingWith("...")
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(140));
  }

  // Helpers.

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private static byte[] readAll(Input input) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Output sink = IoTypes.output(bytes);
    Outcome outcome = input.forward(sink, Long.MAX_VALUE);
    assertThat(outcome.isEnded()).as("input ended: %s", outcome).isTrue();
    return bytes.toByteArray();
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  private String serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          byte[] body;
          switch (path) {
            case "/doc" -> {
              exchange.getResponseHeaders().set("Content-Type", "text/markdown; charset=utf-8");
              body = TEXT;
            }
            case "/data.txt.gz" -> {
              exchange.getResponseHeaders().set("Content-Type", "application/gzip");
              body = gzip(TEXT);
            }
            case "/encoded" -> {
              exchange.getResponseHeaders().set("Content-Type", "text/csv");
              exchange.getResponseHeaders().set("Content-Encoding", "gzip");
              body = gzip(TEXT);
            }
            default -> {
              exchange.sendResponseHeaders(404, -1);
              exchange.close();
              return;
            }
          }
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }
}
