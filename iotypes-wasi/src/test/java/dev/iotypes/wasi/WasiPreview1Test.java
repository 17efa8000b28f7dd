package dev.iotypes.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.wasm.types.ValType;
import dev.iotypes.IoTypes;
import dev.iotypes.Pipe;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import module itself, called directly through a WAT guest that re-exports every import: the
 * spec's function list, hostile pointers, lengths and descriptors (errno, never an exception),
 * poll_oneoff readiness, sockets, readdir cookies.
 */
class WasiPreview1Test extends Probe {
  static final List<String> SPEC_ORDER =
      List.of(
          "args_get",
          "args_sizes_get",
          "environ_get",
          "environ_sizes_get",
          "clock_res_get",
          "clock_time_get",
          "fd_advise",
          "fd_allocate",
          "fd_close",
          "fd_datasync",
          "fd_fdstat_get",
          "fd_fdstat_set_flags",
          "fd_fdstat_set_rights",
          "fd_filestat_get",
          "fd_filestat_set_size",
          "fd_filestat_set_times",
          "fd_pread",
          "fd_prestat_get",
          "fd_prestat_dir_name",
          "fd_pwrite",
          "fd_read",
          "fd_readdir",
          "fd_renumber",
          "fd_seek",
          "fd_sync",
          "fd_tell",
          "fd_write",
          "path_create_directory",
          "path_filestat_get",
          "path_filestat_set_times",
          "path_link",
          "path_open",
          "path_readlink",
          "path_remove_directory",
          "path_rename",
          "path_symlink",
          "path_unlink_file",
          "poll_oneoff",
          "proc_exit",
          "proc_raise",
          "sched_yield",
          "random_get",
          "sock_accept",
          "sock_recv",
          "sock_send",
          "sock_shutdown");

  static final int EBADF = 8;
  static final int EFAULT = 21;
  static final int EINVAL = 28;
  static final int EILSEQ = 25;
  static final int ENOSYS = 52;
  static final int ENOTCAPABLE = 76;
  static final int EPERM = 63;
  static final int ESPIPE = 70;

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private void start(Consumer<WasiOptions.Builder> configure) throws Exception {
    WasiOptions.Builder b =
        WasiOptions.builder()
            .args("probe", "one")
            .stdin(IoTypes.input(new byte[0]))
            .stdout(IoTypes.output(out))
            .stderr(IoTypes.output(err));
    configure.accept(b);
    start(b.build());
  }

  @Test
  void everyPreview1FunctionIsDeclaredInSpecOrder() throws Exception {
    start(b -> {});
    assertThat(wasi.functions())
        .extracting(ImportFunction::name)
        .containsExactlyElementsOf(SPEC_ORDER);
    assertThat(wasi.functions())
        .extracting(ImportFunction::module)
        .containsOnly("wasi_snapshot_preview1");
  }

  @Test
  void hostilePointersAreEfaultBeforeAnyIo() throws Exception {
    start(b -> b.output("bound.txt")); // a bound name, so that there is a preopen
    long end = 65536;
    memory().writeI32(0, 100); // iovec: buf 100, len 5
    memory().writeI32(4, 5);
    assertThat(call("fd_write", 1, end - 4, 1, 200)).isEqualTo(EFAULT); // iovec array outside
    memory().writeI32(8, (int) end - 2); // iovec whose buffer runs off the end
    memory().writeI32(12, 5);
    assertThat(call("fd_write", 1, 8, 1, 200)).isEqualTo(EFAULT);
    assertThat(call("fd_write", 1, 0, 1, end)).isEqualTo(EFAULT); // result pointer outside
    assertThat(call("fd_write", 1, 0, 1, -1)).isEqualTo(EFAULT);
    assertThat(call("fd_write", 1, 0, 0x4000_0000, 200)).isIn(EFAULT, EINVAL);
    assertThat(out.size()).isZero();
    assertThat(call("args_get", end, 0)).isEqualTo(EFAULT);
    assertThat(call("clock_time_get", 0, 0, end - 7)).isEqualTo(EFAULT);
    assertThat(call("random_get", end - 10, 11)).isEqualTo(EFAULT);
    assertThat(call("path_open", 3, 0, end - 2, 10, 0, 0, 0, 0, 0)).isEqualTo(EFAULT);
    assertThat(call("fd_write", 1, 0, 1, 200)).isZero();
    assertThat(memory().readInt(200)).isEqualTo(5);
    assertThat(out.size()).isEqualTo(5);
  }

  @Test
  void badDescriptorsAndKindsGetTheErrnoLibcExpects() throws Exception {
    start(b -> b.output("bound.txt")); // a bound name, so that there is a preopen
    assertThat(call("fd_write", 99, 0, 0, 200)).isEqualTo(EBADF);
    assertThat(call("fd_close", -1)).isEqualTo(EBADF);
    assertThat(call("fd_seek", 1, 0, 0, 200)).isEqualTo(ESPIPE);
    assertThat(call("fd_seek", 99, 0, 0, 200)).isEqualTo(EBADF);
    assertThat(call("fd_prestat_get", 3, 200)).isZero();
    assertThat(memory().readInt(204)).isEqualTo(1); // "."
    assertThat(call("fd_prestat_get", 4, 200)).isEqualTo(EBADF); // where libc stops scanning
    assertThat(call("fd_prestat_get", 1, 200)).isEqualTo(EBADF);
    assertThat(call("path_open", 1, 0, 0, 1, 0, 0, 0, 0, 200)).isEqualTo(54); // ENOTDIR
    memory().write(300, new byte[] {(byte) 0xC3, 0x28});
    assertThat(call("path_open", 3, 0, 300, 2, 0, -1L, -1L, 0, 200)).isEqualTo(EILSEQ);
    int len = put(300, "/etc/passwd");
    assertThat(call("path_open", 3, 0, 300, len, 0, -1L, -1L, 0, 200)).isEqualTo(EPERM);
    len = put(300, "./..");
    assertThat(call("path_open", 3, 0, 300, len, 0, -1L, -1L, 0, 200)).isEqualTo(EPERM);
    assertThat(call("fd_fdstat_get", 1, 200)).isZero();
    // a character device only on a terminal, which the build has not
    assertThat(memory().read(200)).isIn((byte) 0, (byte) 2);
    assertThat(call("clock_time_get", 9, 0, 200)).isEqualTo(EINVAL);
    assertThat(call("poll_oneoff", 0, 400, 0, 200)).isEqualTo(EINVAL);
  }

  @Test
  void whatCannotBeSupportedIsEnosysAndVerboseNamesIt() throws Exception {
    start(b -> b.verbose(true));
    assertThat(call("proc_raise", 6)).isEqualTo(ENOSYS);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("iotypes: proc_raise is not supported\n");
  }

  @Test
  void rightsOnlyShrinkAndAFileOpenedWithoutReadCannotBeRead() throws Exception {
    Files.writeString(dir.resolve("f"), "data");
    start(b -> b.preopen(dir, "."));
    long read = 1L << 1;
    assertThat(call("fd_fdstat_get", 3, 100)).isZero();
    long base = memory().readLong(108);
    long inheriting = memory().readLong(116);
    assertThat(inheriting & read).isEqualTo(read);
    assertThat(call("fd_fdstat_set_rights", 3, base, inheriting & ~read)).isZero();
    assertThat(call("fd_fdstat_set_rights", 3, base, inheriting)).isEqualTo(ENOTCAPABLE);
    int len = put(300, "f");
    assertThat(call("path_open", 3, 0, 300, len, 0, read, 0, 0, 200)).isZero();
    int fd = memory().readInt(200);
    assertThat(call("fd_fdstat_get", fd, 100)).isZero();
    assertThat(memory().readLong(108) & read).isZero();
    memory().writeI32(0, 400);
    memory().writeI32(4, 4);
    assertThat(call("fd_read", fd, 0, 1, 200)).isEqualTo(EBADF);
    // a directory's descriptor has no data: every data operation is EBADF
    assertThat(call("fd_read", 3, 0, 1, 200)).isEqualTo(EBADF);
    assertThat(call("fd_pwrite", 3, 0, 1, 0, 200)).isEqualTo(EBADF);
    assertThat(call("fd_seek", 3, 0, 1, 200)).isEqualTo(EBADF);
    assertThat(call("fd_sync", 3)).isEqualTo(EBADF);
    assertThat(call("fd_fdstat_set_flags", 3, 4)).isEqualTo(EBADF);
  }

  @Test
  void randomArgumentsNeverThrow() throws Exception {
    Files.writeString(dir.resolve("f.txt"), "file");
    start(b -> b.preopen(dir, "."));
    Random random = new Random(7);
    for (ImportFunction f : wasi.functions()) {
      if (f.name().equals("proc_exit") || f.name().equals("poll_oneoff")) {
        continue;
      }
      for (int round = 0; round < 300; round++) {
        long[] args = new long[f.paramTypes().size()];
        for (int i = 0; i < args.length; i++) {
          long v =
              switch (random.nextInt(4)) {
                case 0 -> random.nextInt(6);
                case 1 -> random.nextInt(65536);
                case 2 -> random.nextInt();
                default -> random.nextLong();
              };
          args[i] = f.paramTypes().get(i) == ValType.I32 ? (int) v : v;
        }
        int errno = call(f.name(), args);
        assertThat(errno).as(f.name()).isBetween(0, 76);
      }
    }
  }

  @Test
  void pollOneoffWaitsForAClockOrForStdinToBecomeReadable() throws Exception {
    Pipe pipe = IoTypes.pipe();
    start(b -> b.stdin(pipe.input()));
    // subscription 0: fd_read on stdin; subscription 1: a 50 ms relative clock
    memory().write(1000, new byte[96]);
    memory().writeLong(1000, 11);
    memory().writeByte(1008, (byte) 1);
    memory().writeI32(1016, 0);
    memory().writeLong(1048, 22);
    memory().writeByte(1056, (byte) 0);
    memory().writeI32(1064, 1);
    memory().writeLong(1072, 50_000_000L);
    long t0 = System.nanoTime();
    assertThat(call("poll_oneoff", 1000, 2000, 2, 3000)).isZero();
    assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(45_000_000L);
    assertThat(memory().readInt(3000)).isEqualTo(1);
    assertThat(memory().readLong(2000)).isEqualTo(22);

    pipe.output().write(ByteBuffer.wrap("ready".getBytes(StandardCharsets.UTF_8)));
    memory().writeLong(1072, 10_000_000_000L); // now the clock would take 10 s
    t0 = System.nanoTime();
    assertThat(call("poll_oneoff", 1000, 2000, 2, 3000)).isZero();
    assertThat(System.nanoTime() - t0).isLessThan(5_000_000_000L);
    assertThat(memory().readInt(3000)).isEqualTo(1);
    assertThat(memory().readLong(2000)).isEqualTo(11);
    assertThat(memory().readLong(2016)).isEqualTo(5); // nbytes
    // the byte read ahead for readiness is what fd_read then returns
    memory().writeI32(4000, 4100);
    memory().writeI32(4004, 64);
    assertThat(call("fd_read", 0, 4000, 1, 4008)).isZero();
    assertThat(new String(memory().readBytes(4100, memory().readInt(4008)), StandardCharsets.UTF_8))
        .isEqualTo("ready");
  }

  @Test
  void handedInSocketsSendReceiveShutDownAndAccept() throws Exception {
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      SocketChannel client = SocketChannel.open(server.getLocalAddress());
      SocketChannel accepted = server.accept();
      ServerSocketChannel listener = ServerSocketChannel.open();
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      start(
          b ->
              b.preopen(dir, ".")
                  .socket(IoTypes.connection(accepted, dev.iotypes.Origin.NONE))
                  .listener(listener));
      // fd 3 is the preopen, 4 the socket, 5 the listener
      int len = put(100, "ping");
      memory().writeI32(0, 100);
      memory().writeI32(4, len);
      assertThat(call("sock_send", 4, 0, 1, 0, 200)).isZero();
      ByteBuffer got = ByteBuffer.allocate(4);
      while (got.hasRemaining()) {
        client.read(got);
      }
      assertThat(new String(got.array(), StandardCharsets.UTF_8)).isEqualTo("ping");
      client.write(ByteBuffer.wrap("pong".getBytes(StandardCharsets.UTF_8)));
      memory().writeI32(8, 300);
      memory().writeI32(12, 4);
      assertThat(call("sock_recv", 4, 8, 1, 2, 200, 204)).isZero(); // RECV_WAITALL
      assertThat(memory().readInt(200)).isEqualTo(4);
      assertThat(new String(memory().readBytes(300, 4), StandardCharsets.UTF_8)).isEqualTo("pong");
      assertThat(call("sock_shutdown", 4, 2)).isZero();
      assertThat(client.read(ByteBuffer.allocate(1))).isEqualTo(-1); // the peer sees the end
      assertThat(call("sock_send", 1, 0, 1, 0, 200)).isEqualTo(57); // ENOTSOCK
      assertThat(call("sock_accept", 5, 4, 200)).isEqualTo(6); // EAGAIN: nonblocking, none yet
      // poll_oneoff: the listener is not readable until a peer connects
      memory().write(1000, new byte[96]);
      memory().writeLong(1000, 33);
      memory().writeByte(1008, (byte) 1);
      memory().writeI32(1016, 5);
      memory().writeLong(1048, 44);
      memory().writeI32(1064, 1);
      memory().writeLong(1072, 20_000_000L);
      assertThat(call("poll_oneoff", 1000, 2000, 2, 3000)).isZero();
      assertThat(memory().readLong(2000)).isEqualTo(44);
      try (SocketChannel second = SocketChannel.open(listener.getLocalAddress())) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        do {
          assertThat(call("poll_oneoff", 1000, 2000, 2, 3000)).isZero();
        } while (memory().readLong(2000) != 33 && System.nanoTime() < deadline);
        assertThat(memory().readLong(2000)).isEqualTo(33);
        assertThat(call("sock_accept", 5, 0, 200)).isZero();
        int fd = memory().readInt(200);
        second.write(ByteBuffer.wrap("hi".getBytes(StandardCharsets.UTF_8)));
        memory().writeI32(8, 300);
        memory().writeI32(12, 2);
        assertThat(call("sock_recv", fd, 8, 1, 2, 200, 204)).isZero();
        assertThat(new String(memory().readBytes(300, 2), StandardCharsets.UTF_8)).isEqualTo("hi");
        assertThat(call("fd_close", fd)).isZero();
      }
      client.close();
      listener.close();
    }
  }

  @Test
  void readdirResumesFromACookieAndFillsTheBufferExactly() throws Exception {
    for (String name : List.of("alpha", "beta", "gamma")) {
      Files.writeString(dir.resolve(name), name);
    }
    start(b -> b.preopen(dir, "."));
    assertThat(call("fd_readdir", 3, 1000, 4096, 0, 200)).isZero();
    int used = memory().readInt(200);
    // ".", "..", alpha, beta, gamma: 5 headers of 24 bytes and the names
    assertThat(used).isEqualTo(5 * 24 + 1 + 2 + 5 + 4 + 5);
    assertThat(call("fd_readdir", 3, 1000, 30, 0, 200)).isZero();
    assertThat(memory().readInt(200)).isEqualTo(30); // full buffer: there is more
    assertThat(call("fd_readdir", 3, 1000, 4096, 3, 200)).isZero();
    assertThat(memory().readInt(1016)).isEqualTo(4); // d_namlen of the entry after cookie 3
    assertThat(new String(memory().readBytes(1024, 4), StandardCharsets.UTF_8)).isEqualTo("beta");
  }
}
