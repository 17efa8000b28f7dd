package dev.iotypes.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code iotypes serve}: runs handed to a server in this JVM over a Unix domain socket give the
 * same bytes on standard output and error, the same status and the same file effects as the same
 * runs in-process, for the client's working directory (not the server's).
 */
class ServerTest {
  @TempDir Path dir;

  private Server server;
  private Thread serving;
  private Path work;

  record Result(int status, byte[] out, String err) {
    String outText() {
      return new String(out, UTF_8);
    }
  }

  @BeforeEach
  void start() throws IOException {
    work = Files.createDirectory(dir.resolve("work"));
    server = Server.open(dir.resolve("sock/s"), new GuestCache(8, 1L << 30));
    serving = serveInBackground(server);
  }

  /** Serves {@code server} on a daemon thread of its own until it is closed. */
  static Thread serveInBackground(Server server) {
    Thread thread =
        new Thread(
            () -> {
              try {
                server.serve();
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            },
            "test-server");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    serving.join(5000);
    assertThat(Files.exists(dir.resolve("sock/s"))).as("the socket is removed").isFalse();
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("IOTYPES_CACHE", dir.resolve("cache").toString());
    return env;
  }

  private Result served(Path cwd, byte[] stdin, String... args) throws IOException {
    return served(server.socket(), cwd, env(), stdin, args);
  }

  /** {@code args} run by the JVM's client on the server at {@code socket}, for {@code cwd}. */
  static Result served(Path socket, Path cwd, Map<String, String> env, byte[] stdin, String... args)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Client.run(
            SocketChannel.open(UnixDomainSocketAddress.of(socket)),
            List.of(args),
            cwd,
            env,
            new ByteArrayInputStream(stdin),
            out,
            err,
            false);
    return new Result(status, out.toByteArray(), err.toString(UTF_8));
  }

  /** The same command in-process, for {@code cwd}. */
  private Result local(Path cwd, byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream outs = new PrintStream(out, true);
    int status =
        Main.run(
            args,
            Stdio.of(new ByteArrayInputStream(stdin), outs),
            outs,
            new PrintStream(err, true),
            Host.of(cwd, env()));
    return new Result(status, out.toByteArray(), err.toString(UTF_8));
  }

  private void same(Path cwd, byte[] stdin, String... args) throws IOException {
    Result local = local(cwd, stdin, args);
    Result served = served(cwd, stdin, args);
    assertThat(served.err()).isEqualTo(local.err());
    assertThat(served.out()).isEqualTo(local.out());
    assertThat(served.status()).isEqualTo(local.status());
  }

  private static final byte[] NONE = new byte[0];

  @Test
  void typedMainWithRelativePathsOfTheClientsDirectory() throws IOException {
    Path root = TestModules.ROOT;
    assertThat(Path.of("").toAbsolutePath()).isNotEqualTo(root); // the server's is not the client's
    Result served = served(root, NONE, "run", "guests/wasm/wc.wasm", "README.md", "-");
    assertThat(served.err()).isEmpty();
    assertThat(served.status()).isZero();
    assertThat(served.outText()).isNotBlank();
    same(root, NONE, "run", "guests/wasm/wc.wasm", "README.md", "-");
    // and the same as this JVM's own run of it by absolute paths, but for the name as written
    Result absolute =
        local(
            Path.of("").toAbsolutePath(),
            NONE,
            "run",
            root.resolve("guests/wasm/wc.wasm").toString(),
            root.resolve("README.md").toString(),
            "-");
    assertThat(served.outText()).isEqualTo(absolute.outText().replace(root + "/", ""));
  }

  @Test
  void standardInputIsForwarded() throws IOException {
    byte[] input = new byte[300_000];
    for (int i = 0; i < input.length; i++) {
      input[i] = (byte) (i * 31 + i / 7);
    }
    Result served = served(work, input, "run", TestModules.guest("cat").toString(), "-", "-");
    assertThat(served.status()).isZero();
    assertThat(served.out()).isEqualTo(input);
    same(work, input, "run", TestModules.guest("cat").toString(), "-", "-");
  }

  @Test
  void standardInputIsReadOnlyAsTheRunReadsIt() throws IOException {
    ByteArrayInputStream untouched = new ByteArrayInputStream(new byte[200_000]);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        Client.run(
            SocketChannel.open(UnixDomainSocketAddress.of(server.socket())),
            List.of("run", TestModules.guest("hello").toString(), "-"),
            work,
            env(),
            untouched,
            out,
            new ByteArrayOutputStream(),
            false);
    assertThat(status).isZero();
    assertThat(out.toString(UTF_8)).isEqualTo("hello, world\n");
    assertThat(untouched.available()).as("left for whoever reads next").isEqualTo(200_000);

    ByteArrayInputStream partly = new ByteArrayInputStream(new byte[1_000_000]);
    status =
        Client.run(
            SocketChannel.open(UnixDomainSocketAddress.of(server.socket())),
            List.of("run", TestModules.guest("head").toString(), "-c", "10", "-", "-"),
            work,
            env(),
            partly,
            out,
            new ByteArrayOutputStream(),
            false);
    assertThat(status).isZero();
    assertThat(partly.available())
        .as("a chunk read at most")
        .isGreaterThanOrEqualTo(1_000_000 - Frames.CHUNK);
  }

  @Test
  void aReaderThatGoesAwayIsABrokenPipe() throws IOException {
    OutputStream head =
        new OutputStream() {
          int left = 10;

          @Override
          public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
              throw new IOException("Broken pipe");
            }
            left -= len;
          }
        };
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Client.run(
            SocketChannel.open(UnixDomainSocketAddress.of(server.socket())),
            List.of("run", TestModules.guest("cat").toString(), "-", "-"),
            work,
            env(),
            new ByteArrayInputStream(new byte[4 << 20]),
            head,
            err,
            false);
    assertThat(err.toString(UTF_8)).isEmpty();
    assertThat(status).isEqualTo(141);
  }

  @Test
  void trapsAndUsageErrorsExitAsInProcess() throws IOException {
    Files.write(work.resolve("trap.wasm"), TestModules.trapping());
    Result trap = served(work, NONE, "run", "trap.wasm");
    assertThat(trap.status()).isEqualTo(70);
    assertThat(trap.err()).startsWith("iotypes: ");
    same(work, NONE, "run", "trap.wasm");

    String wc = TestModules.guest("wc").toString();
    Result usage = served(work, NONE, "run", wc, "--no-such-flag");
    assertThat(usage.status()).isEqualTo(64);
    same(work, NONE, "run", wc, "--no-such-flag");
    same(work, NONE, "run", "--no-such-option", wc);
    same(work, NONE, "run", "missing.wasm");
    same(work, NONE, "run", wc, "missing.txt", "-");
  }

  @Test
  void anOutputFileIsWrittenInTheClientsDirectory() throws IOException {
    Result served =
        served(
            work,
            "hello\n".getBytes(UTF_8),
            "run",
            TestModules.guest("cat").toString(),
            "-",
            "out.txt");
    assertThat(served.err()).isEmpty();
    assertThat(served.status()).isZero();
    assertThat(work.resolve("out.txt")).hasContent("hello");
    assertThat(Path.of("out.txt")).doesNotExist();
  }

  @Test
  void aPreopenWithARelativeHostPath() throws IOException {
    Files.createDirectories(work.resolve("d/sub"));
    Files.writeString(work.resolve("d/plain"), "");
    String dirs = TestModules.ROOT.resolve("guests/wasi/wasm/dirs.wasm").toString();
    Result served = served(work, NONE, "run", "--dir", "d::/d", dirs, "/d");
    assertThat(served.err()).isEmpty();
    assertThat(served.outText()).contains("plain");
    same(work, NONE, "run", "--dir", "d::/d", dirs, "/d");
    same(work, NONE, "run", "--dir", "nowhere::/d", dirs, "/d");
  }

  @Test
  void aWasiCommandsFileArgumentsAndAComponentsAreTheClientsDirectorys() throws IOException {
    Files.writeString(work.resolve("in.txt"), "one two\n");
    String cat = TestModules.ROOT.resolve("guests/wasi/wasm/cat.wasm").toString();
    Result served = served(work, NONE, "run", cat, "in.txt");
    assertThat(served.outText()).isEqualTo("one two\n");
    same(work, NONE, "run", cat, "in.txt");
    same(work, NONE, "run", cat, "missing.txt");
    String wc = TestModules.ROOT.resolve("guests/components/wc.wasm").toString();
    Result component = served(work, NONE, "run", wc, "in.txt", "-");
    assertThat(component.status()).isZero();
    assertThat(component.outText()).contains("in.txt");
    same(work, NONE, "run", wc, "in.txt", "-");
  }

  @Test
  void aCommandRunsInTheClientsDirectoryWithItsEnvironment() throws IOException {
    Files.writeString(work.resolve("in.txt"), "one two\n");
    same(work, NONE, "run", TestModules.guest("cat").toString(), "$(cat in.txt; echo $HOME)", "-");
    Result served =
        served(work, NONE, "run", TestModules.guest("cat").toString(), "$(cat in.txt)", "-");
    assertThat(served.outText()).isEqualTo("one two\n");
  }

  @Test
  void aLoadedModuleIsReused() throws IOException {
    String wc = TestModules.guest("wc").toString();
    Files.writeString(work.resolve("a.txt"), "a b c\n");
    Result first = served(work, NONE, "run", wc, "a.txt", "-");
    Result second = served(work, NONE, "run", wc, "a.txt", "-");
    assertThat(first.outText()).isEqualTo(second.outText());
    assertThat(server.guests().loads()).isEqualTo(1);
    assertThat(server.guests().reuses()).isEqualTo(1);
    served(work, NONE, "run", "--max-handles", "100", wc, "a.txt", "-"); // other limits: loaded
    assertThat(server.guests().loads()).isEqualTo(2);
  }

  @Test
  void aLoadedModuleIsLentToOneRunAtATimeAndTheIdleOnesAreBounded() throws Exception {
    Path wc = TestModules.guest("wc");
    dev.iotypes.wasm.GuestOptions options = dev.iotypes.wasm.GuestOptions.DEFAULTS;
    GuestCache cache = new GuestCache(1, 1L << 30);
    GuestCache.Leases first = cache.leases();
    GuestCache.Leases second = cache.leases();
    dev.iotypes.wasm.Guest a = first.load(wc, options);
    dev.iotypes.wasm.Guest b = second.load(wc, options);
    assertThat(a).isNotSameAs(b);
    assertThat(cache.loads()).isEqualTo(2);
    first.close();
    second.close();
    assertThat(cache.idleModules()).isEqualTo(1); // the bound
    try (GuestCache.Leases third = cache.leases()) {
      assertThat(third.load(wc, options)).isIn(a, b);
      assertThat(third.load(wc, options)).isNotIn(a, b); // a second load in one run: its own
    }
    assertThat(cache.reuses()).isEqualTo(1);
    GuestCache none = new GuestCache(8, 10); // smaller than the module: never kept
    try (GuestCache.Leases leases = none.leases()) {
      leases.load(wc, options);
    }
    assertThat(none.idleModules()).isZero();
  }

  @Test
  void aClientThatGoesAwayStopsItsRun() throws Exception {
    Files.write(work.resolve("loop.wasm"), TestModules.writesThenLoops());
    SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(server.socket()));
    OutputStream wire = new Server.ChannelOut(channel);
    Frames.write(
        wire,
        Frames.HELLO,
        new Frames.Hello(work.toString(), env(), List.of("run", "loop.wasm", "-"), 0).encode());
    long started = System.nanoTime() + 10_000_000_000L;
    while (server.running() == 0 && System.nanoTime() < started) {
      Thread.sleep(20);
    }
    Thread.sleep(500); // looping by now
    assertThat(server.running()).isEqualTo(1);
    channel.close();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (server.running() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(server.running()).as("runs left").isZero();
    Thread.sleep(100);
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().startsWith("iotypes-run") && t.isAlive());
  }

  @Test
  void malformedHellosGetOneLine() throws IOException {
    SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(server.socket()));
    OutputStream wire = new Server.ChannelOut(channel);
    Frames.write(wire, Frames.HELLO, new byte[] {0, 0, 0, 99});
    InputStream in = new Server.ChannelIn(channel);
    Frames.Frame said = Frames.read(in, Frames.CHUNK);
    assertThat(new String(said.bytes(), UTF_8))
        .startsWith("iotypes: server: protocol version 99")
        .endsWith("\n")
        .hasLineCount(1);
    assertThat(Frames.status(Frames.read(in, Frames.CHUNK).bytes())).isEqualTo(125);
    channel.close();

    channel = SocketChannel.open(UnixDomainSocketAddress.of(server.socket()));
    wire = new Server.ChannelOut(channel);
    wire.write(new byte[] {'H', 0x7f, 0, 0, 0}); // 2 GB
    said = Frames.read(new Server.ChannelIn(channel), Frames.CHUNK);
    assertThat(new String(said.bytes(), UTF_8)).startsWith("iotypes: server: a frame of");
    channel.close();
  }

  @Test
  void anIdleServerStopsAndRemovesItsSocket() throws Exception {
    Path socket = dir.resolve("sock/idle");
    Server idle = Server.open(socket, new GuestCache(1, 1L << 30));
    idle.stopWhenIdle(java.time.Duration.ofMillis(600));
    Thread serving = serveInBackground(idle);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        Client.run(
            SocketChannel.open(UnixDomainSocketAddress.of(socket)),
            List.of("run", TestModules.guest("hello").toString(), "-"),
            work,
            env(),
            new ByteArrayInputStream(NONE),
            out,
            new ByteArrayOutputStream(),
            false);
    assertThat(status).isZero();
    assertThat(out.toString(UTF_8)).isEqualTo("hello, world\n");
    serving.join(20_000);
    assertThat(serving.isAlive()).as("still serving").isFalse();
    assertThat(socket).doesNotExist();
  }

  @Test
  void aSocketDirectoryOthersMayEnterIsRefused() throws IOException {
    Path open = Files.createDirectory(dir.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThatThrownBy(() -> Server.open(open.resolve("s"), new GuestCache(1, 1)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("open to other users");
    assertThat(open.resolve("s")).doesNotExist();
  }

  @Test
  void aSecondServerIsRefusedAndAStaleSocketReplaced() throws IOException {
    assertThatThrownBy(() -> Server.open(server.socket(), new GuestCache(1, 1)))
        .hasMessageContaining("already listening");
    Path stale = dir.resolve("sock/stale");
    try (var channel =
        java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      channel.bind(UnixDomainSocketAddress.of(stale));
    }
    assertThat(stale).exists();
    try (Server second = Server.open(stale, new GuestCache(1, 1))) {
      assertThat(second.socket()).isEqualTo(stale);
    }
  }
}
