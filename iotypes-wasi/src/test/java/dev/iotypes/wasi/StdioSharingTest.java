package dev.iotypes.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.IoTypes;
import dev.iotypes.Pipe;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Standard streams reached twice, as descriptor 0/1 and through the bound name {@code -}: one
 * read-ahead per stream, and a stream is a terminal only if whoever supplied it says so.
 */
class StdioSharingTest extends Probe {
  private static final int CHARACTER_DEVICE = 2;
  private static final int READ = 1 << 1;
  private static final int WRITE = 1 << 6;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @Test
  void stdinPolledAsDescriptorZeroAndReadThroughDashKeepsItsOrder() throws Exception {
    Pipe pipe = IoTypes.pipe();
    start(b -> b.stdin(pipe.input()).args("probe", "-"));
    int dash = open("-", READ);
    write(pipe, "first");
    assertThat(pollRead(0)).isEqualTo(5); // fd 0 now reads ahead, and holds "first"
    write(pipe, "second");
    assertThat(read(dash)).isEqualTo("first");
    assertThat(read(0)).isEqualTo("second");
  }

  @Test
  void dashSetNonBlockingSharesTheReadAheadOfDescriptorZero() throws Exception {
    Pipe pipe = IoTypes.pipe();
    start(b -> b.stdin(pipe.input()).args("probe", "-"));
    int dash = open("-", READ);
    assertThat(call("fd_fdstat_set_flags", dash, 4)).isZero(); // NONBLOCK
    write(pipe, "one");
    assertThat(pollRead(0)).isEqualTo(3);
    assertThat(read(dash)).isEqualTo("one");
    write(pipe, "two");
    assertThat(read(0)).isEqualTo("two");
  }

  @Test
  void anEmbeddersStreamsAreNoTerminalNotEvenThroughDash() throws Exception {
    start(b -> b.args("probe", "-"));
    assertThat(filetype(0)).isNotEqualTo(CHARACTER_DEVICE);
    assertThat(filetype(1)).isNotEqualTo(CHARACTER_DEVICE);
    assertThat(filetype(2)).isNotEqualTo(CHARACTER_DEVICE);
    assertThat(filetype(open("-", READ))).isNotEqualTo(CHARACTER_DEVICE);
    assertThat(filetype(open("-", WRITE))).isNotEqualTo(CHARACTER_DEVICE);
    int len = put(300, "-");
    assertThat(call("path_filestat_get", 3, 0, 300, len, 400)).isZero();
    assertThat(memory().read(416)).isNotEqualTo((byte) CHARACTER_DEVICE);
  }

  @Test
  void aStreamTheEmbedderDeclaresATerminalIsACharacterDevice() throws Exception {
    start(b -> b.args("probe", "-").terminal(1));
    assertThat(filetype(0)).isNotEqualTo(CHARACTER_DEVICE);
    assertThat(filetype(1)).isEqualTo(CHARACTER_DEVICE);
    assertThat(filetype(2)).isNotEqualTo(CHARACTER_DEVICE);
    assertThat(filetype(open("-", READ))).isNotEqualTo(CHARACTER_DEVICE);
    assertThat(filetype(open("-", WRITE))).isEqualTo(CHARACTER_DEVICE);
  }

  private void start(Consumer<WasiOptions.Builder> configure) throws Exception {
    WasiOptions.Builder b =
        WasiOptions.builder()
            .stdin(IoTypes.input(new byte[0]))
            .stdout(IoTypes.output(out))
            .stderr(IoTypes.output(new ByteArrayOutputStream()));
    configure.accept(b);
    start(b.build());
  }

  private static void write(Pipe pipe, String text) {
    pipe.output().write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Opens a bound name under the preopen {@code .} (descriptor 3) and returns the descriptor. */
  private int open(String name, long rights) {
    int len = put(300, name);
    assertThat(call("path_open", 3, 0, 300, len, 0, rights, 0, 0, 200)).isZero();
    return memory().readInt(200);
  }

  private int filetype(int fd) {
    assertThat(call("fd_fdstat_get", fd, 500)).isZero();
    return memory().read(500);
  }

  /** Polls for {@code fd} to be readable (no clock) and returns the bytes it reports ready. */
  private long pollRead(int fd) {
    memory().write(1000, new byte[48]);
    memory().writeLong(1000, 11);
    memory().writeByte(1008, (byte) 1); // FD_READ
    memory().writeI32(1016, fd);
    assertThat(call("poll_oneoff", 1000, 2000, 1, 3000)).isZero();
    assertThat(memory().readInt(3000)).isEqualTo(1);
    assertThat(memory().readShort(2008)).isZero();
    return memory().readLong(2016);
  }

  private String read(int fd) {
    memory().writeI32(4000, 4100);
    memory().writeI32(4004, 64);
    assertThat(call("fd_read", fd, 4000, 1, 4008)).isZero();
    return new String(memory().readBytes(4100, memory().readInt(4008)), StandardCharsets.UTF_8);
  }
}
