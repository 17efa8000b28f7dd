package dev.iotypes.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.IoArray;
import dev.iotypes.IoTypes;
import dev.iotypes.MediaType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Array arguments that are streams: read to their end before the program runs. */
class FromStreamTest {
  @TempDir Path dir;
  private final Boundary boundary =
      new Boundary(Stdio.of(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream()));

  @AfterEach
  void tearDown() throws BoundaryException {
    boundary.close();
  }

  @Test
  void gzArrayIsTheDecompressedBytesTypedByTheInnerName() throws Exception {
    Path file = dir.resolve("notes.txt.gz");
    try (GZIPOutputStream gz = new GZIPOutputStream(Files.newOutputStream(file))) {
      gz.write("a\nb\n".getBytes(UTF_8));
    }
    IoArray array = boundary.array(file.toString(), Boundary.Access.READ_ONLY);
    assertThat(new String(read(array), UTF_8)).isEqualTo("a\nb\n");
    assertThat(array.mediaType().essence()).isEqualTo("text/plain");
    assertThat(Boundary.render(array.pseudonym())).isEqualTo(file.toString());
  }

  @Test
  void commandArrayHoldsItsOutputAndAFailedCommandIsRefusedAtBinding() throws Exception {
    IoArray array = boundary.array("$(printf 'x\\ny\\n')", Boundary.Access.READ_ONLY);
    assertThat(new String(read(array), UTF_8)).isEqualTo("x\ny\n");
    assertThat(array.mediaType()).isEqualTo(MediaType.OCTET_STREAM);
    assertThatThrownBy(() -> boundary.array("$(printf partial; exit 3)", Boundary.Access.READ_ONLY))
        .isInstanceOf(BoundaryException.class)
        .hasMessage("cannot read $(printf partial; exit 3): command exited with status 3");
  }

  @Test
  void corruptGzArrayIsRefusedAtBinding() throws Exception {
    Path file = dir.resolve("cut.gz");
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(whole)) {
      gz.write(new byte[10_000]);
    }
    byte[] bytes = whole.toByteArray();
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 12));
    assertThatThrownBy(() -> boundary.array(file.toString(), Boundary.Access.READ_ONLY))
        .isInstanceOf(BoundaryException.class)
        .hasMessage("cannot read " + file + ": the gzip data is cut short");
  }

  @Test
  void arrayLargerThanTheMaximumIsRefusedAtBinding() {
    Boundary small =
        new Boundary(
            Stdio.of(new ByteArrayInputStream(new byte[100]), new ByteArrayOutputStream()),
            null,
            99,
            true);
    assertThatThrownBy(() -> small.array("-", Boundary.Access.READ_ONLY))
        .isInstanceOf(BoundaryException.class)
        .hasMessage("cannot read -: larger than 99 bytes (--max-array-size)");
  }

  // From the command line: tac takes what GNU tac takes.

  private static final String LINES = "first\nsecond\n\nfourth, no newline";

  @Test
  void tacOverAPipeMatchesGnuTac() throws Exception {
    byte[] text = LINES.getBytes(UTF_8);
    MainTest.Result result = MainTest.run(text, "run", MainTest.guest("tac"), "-", "-");
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo(gnuTac(text));
  }

  @Test
  void tacOverADataUrlAGzFileAndACommandMatchesGnuTac() throws Exception {
    byte[] text = LINES.getBytes(UTF_8);
    Path gz = dir.resolve("lines.txt.gz");
    try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(text);
    }
    Path plain = Files.write(dir.resolve("lines.txt"), text);
    String dataUrl = "data:text/plain;base64," + java.util.Base64.getEncoder().encodeToString(text);
    for (String arg : new String[] {dataUrl, gz.toString(), "$(cat " + plain + ")"}) {
      MainTest.Result result = MainTest.run("run", MainTest.guest("tac"), arg, "-");
      assertThat(result.status()).as(arg + ": " + result.err()).isZero();
      assertThat(result.out()).as(arg).isEqualTo(gnuTac(text));
    }
  }

  @Test
  void tacOverABigPipeSpooledToAFileMatchesGnuTac() throws Exception {
    StringBuilder lines = new StringBuilder();
    Random random = new Random(3);
    while (lines.length() < IoTypes.FROM_STREAM_IN_MEMORY + 100_000) {
      lines.append("line ").append(random.nextInt()).append('\n');
    }
    byte[] text = lines.toString().getBytes(UTF_8);
    MainTest.Result result = MainTest.run(text, "run", MainTest.guest("tac"), "-", "-");
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo(gnuTac(text));
  }

  @Test
  void aWritableArrayFromAPipeIsRefusedWithStatus66() {
    MainTest.Result result =
        MainTest.run(
            "a\n".getBytes(UTF_8), "run", "--writable", "-", MainTest.guest("tac"), "-", "-");
    MainTest.assertOneLineError(
        result,
        66,
        "only a file can be a writable array; - is read from a stream, into a copy the program"
            + " may only read");
  }

  @Test
  void aSilentCommandAsAnArrayIsCutAtTheTimeout() {
    long start = System.nanoTime();
    MainTest.Result result =
        MainTest.run("run", "--timeout", "500ms", MainTest.guest("tac"), "$(sleep 30)", "-");
    assertThat(result.status()).as(result.err()).isEqualTo(124);
    assertThat(result.err()).startsWith("iotypes: cannot read $(sleep 30): not read to its end");
    assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
  }

  private byte[] gnuTac(byte[] text) throws Exception {
    Path in = Files.write(dir.resolve("gnu-tac-input"), text);
    Process tac = new ProcessBuilder("tac", in.toString()).start();
    byte[] out = tac.getInputStream().readAllBytes();
    assertThat(tac.waitFor()).isZero();
    return out;
  }

  private static byte[] read(IoArray array) {
    ByteBuffer buffer = ByteBuffer.allocate((int) array.len().count());
    while (buffer.hasRemaining()) {
      if (!array.readAt(buffer, buffer.position()).isOpen()) {
        break;
      }
    }
    return buffer.array();
  }
}
