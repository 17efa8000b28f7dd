package dev.iotypes.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.iotypes.cli.ServerTest.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clients as processes against a server in this JVM. The native client ({@code
 * src/main/c/client.c}): a run it hands over gives the bytes, status and effects the JVM's client
 * ({@link Client}) gets for the same run, and wherever the JVM's client would not hand a run over,
 * it runs the command it was given instead, having sent nothing (its tests are skipped where the
 * build had no C compiler; CI checks it was built). Both: standard input that is a file is read,
 * mapped and left at the offset an in-process run leaves it at.
 */
class ClientProcessTest {
  private static final Path CLIENT = Path.of("target/iotypes-client").toAbsolutePath();

  /** What the native client runs when it does not serve: says so, with the arguments. */
  private static final List<String> IN_PROCESS =
      List.of("sh", "-c", "echo in-process: \"$@\"", "sh");

  @TempDir Path dir;

  private Server server;
  private Thread serving;
  private Path work;

  private static void assumeBuilt() {
    assumeThat(Files.isExecutable(CLIENT)).as("the native client was built").isTrue();
  }

  @BeforeEach
  void start() throws IOException {
    work = Files.createDirectory(dir.resolve("work"));
    server = Server.open(dir.resolve("sock/s"), new GuestCache(8, 1L << 30));
    serving = ServerTest.serveInBackground(server);
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
      serving.join(5000);
    }
  }

  private Map<String, String> env(Path socket) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("IOTYPES_CACHE", dir.resolve("cache").toString());
    env.put("IOTYPES_SERVER", socket.toString());
    return env;
  }

  /** {@code args} by the native client, with {@code stdin} (null: a regular file of "file\n"). */
  private Result nativeRun(Map<String, String> env, byte[] stdin, String... args) throws Exception {
    assumeBuilt();
    return process(concat(nativeCommand(List.of(args)), List.of(args)), env, stdin);
  }

  /** The native client's command for {@code run}, with {@link #IN_PROCESS} as its JVM command. */
  private static List<String> nativeCommand(List<String> run) {
    List<String> command = new ArrayList<>();
    command.add(CLIENT.toString());
    command.add(String.valueOf(run.size()));
    command.addAll(run);
    command.addAll(IN_PROCESS);
    return command;
  }

  private Result process(List<String> command, Map<String, String> env, byte[] stdin)
      throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    if (stdin == null) {
      Path file = Files.writeString(dir.resolve("stdin.txt"), "file\n");
      builder.redirectInput(file.toFile());
    }
    Process process = builder.start();
    CompletableFuture<byte[]> out =
        CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    CompletableFuture<byte[]> err =
        CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    if (stdin != null) {
      try (OutputStream in = process.getOutputStream()) {
        in.write(stdin);
      } catch (IOException e) {
        // it ended without reading it all
      }
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the client ends").isTrue();
    return new Result(process.exitValue(), out.get(), new String(err.get(), UTF_8));
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The same run by the JVM's client. */
  private Result javaRun(Map<String, String> env, byte[] stdin, String... args) throws IOException {
    return ServerTest.served(server.socket(), work, env, stdin, args);
  }

  private Result same(byte[] stdin, String... args) throws Exception {
    Map<String, String> env = env(server.socket());
    Result java = javaRun(env, stdin, args);
    Result served = nativeRun(env, stdin, args);
    assertThat(served.err()).isEqualTo(java.err());
    assertThat(served.out()).isEqualTo(java.out());
    assertThat(served.status()).isEqualTo(java.status());
    return served;
  }

  private static final byte[] NONE = new byte[0];

  @Test
  void aServedRunIsTheJavaClientsRun() throws Exception {
    Files.writeString(work.resolve("in.txt"), "one two\nthree\n");
    long before = server.guests().loads() + server.guests().reuses();
    Result wc = same(NONE, "run", TestModules.guest("wc").toString(), "in.txt", "-");
    assertThat(wc.status()).isZero();
    assertThat(wc.outText()).contains("in.txt");
    assertThat(server.guests().loads() + server.guests().reuses()).isEqualTo(before + 2);

    byte[] input = new byte[300_000];
    for (int i = 0; i < input.length; i++) {
      input[i] = (byte) (i * 31 + i / 7);
    }
    Result cat = same(input, "run", TestModules.guest("cat").toString(), "-", "-");
    assertThat(cat.out()).isEqualTo(input);

    String wasiCat = TestModules.ROOT.resolve("guests/wasi/wasm/cat.wasm").toString();
    assertThat(same(NONE, "run", wasiCat, "in.txt").outText()).isEqualTo("one two\nthree\n");
    assertThat(same(NONE, "run", wasiCat, "missing.txt").status()).isNotZero();
    Files.write(work.resolve("trap.wasm"), TestModules.trapping());
    assertThat(same(NONE, "run", "trap.wasm").status()).isEqualTo(70);
    assertThat(same(NONE, "run", "missing.wasm").err()).startsWith("iotypes: ");
    assertThat(same(NONE, "run", TestModules.guest("wc").toString(), "--no-such-flag").status())
        .isEqualTo(64);
    same(NONE, "run", TestModules.guest("cat").toString(), "$(echo $HOME; printf 'é\\n')", "-");
  }

  @Test
  void aReaderThatGoesAwayIsABrokenPipe() throws Exception {
    assumeBuilt();
    String cat = TestModules.guest("cat").toString();
    List<String> command =
        List.of(
            "bash",
            "-c",
            "head -c 4194304 /dev/zero | \"$@\" | head -c 10 >/dev/null; echo ${PIPESTATUS[1]}",
            "bash",
            CLIENT.toString(),
            "4",
            "run",
            cat,
            "-",
            "-",
            "false");
    Result result = process(command, env(server.socket()), NONE);
    assertThat(result.err()).isEmpty();
    assertThat(result.outText()).isEqualTo("141\n"); // as in-process, and as the JVM's client
  }

  @Test
  void itRunsTheCommandItIsGivenWhereverTheJavaClientWouldNotServe() throws Exception {
    String wc = TestModules.guest("wc").toString();
    Path socket = server.socket();
    assertThat(nativeRun(env(dir.resolve("sock/none")), NONE, "run", wc).outText())
        .isEqualTo("in-process: run " + wc + "\n");
    Map<String, String> off = env(socket);
    off.put("IOTYPES_SERVER", "off");
    assertThat(nativeRun(off, NONE, "run", wc).outText()).isEqualTo("in-process: run " + wc + "\n");
    assertThat(nativeRun(env(socket), NONE, "serve").outText()).isEqualTo("in-process: serve\n");
    assertThat(nativeRun(env(socket), NONE).outText()).isEqualTo("in-process:\n");

    // a socket in a directory others may enter, or one nobody answers on
    Path open = Files.createDirectory(dir.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (ServerSocketChannel listening = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      listening.bind(UnixDomainSocketAddress.of(open.resolve("s")));
      assertThat(nativeRun(env(open.resolve("s")), NONE, "run", wc).outText())
          .startsWith("in-process:");
    }
    Path stale = dir.resolve("sock/stale");
    try (ServerSocketChannel closed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      closed.bind(UnixDomainSocketAddress.of(stale));
    }
    assertThat(stale).exists();
    assertThat(nativeRun(env(stale), NONE, "run", wc).outText()).startsWith("in-process:");

    // not UTF-8, which the JVM would have read with replacement characters: the JVM decides
    assumeBuilt();
    Result bytes =
        process(
            List.of(
                "sh",
                "-c",
                "exec \"$0\" 2 run \"$(printf 'x\\377')\" sh -c 'echo in-process' sh",
                CLIENT.toString()),
            env(socket),
            NONE);
    assertThat(bytes.outText()).isEqualTo("in-process\n");
    assertThat(server.guests().loads() + server.guests().reuses()).as("nothing served").isZero();
  }

  /** The JVM's command line for the CLI, as the launcher's but for its flags of speed. */
  private static List<String> jvm() {
    return List.of(
        ProcessHandle.current().info().command().orElseThrow(),
        "--add-opens",
        "java.base/sun.nio.fs=ALL-UNNAMED",
        "-cp",
        System.getProperty("java.class.path"),
        Main.class.getName());
  }

  /**
   * {@code command} inside a shell that gives it a file as standard input after reading two bytes
   * of it, then prints a bar and what the command left of it.
   */
  private Result withFile(Map<String, String> env, List<String> command) throws Exception {
    Path file = Files.writeString(dir.resolve("lines.txt"), "ab\ncd\nef\ngh\n");
    List<String> script = new ArrayList<>();
    script.add("sh");
    script.add("-c");
    script.add("{ dd bs=1 count=2 of=/dev/null 2>/dev/null; \"$@\"; echo \"|$?|\"; cat; } <\"$0\"");
    script.add(file.toString());
    script.addAll(command);
    return process(script, env, NONE);
  }

  @Test
  void standardInputThatIsAFileIsServedReadMappedAndLeftWhereAnInProcessRunLeavesIt()
      throws Exception {
    String head = TestModules.guest("head").toString();
    String tac = TestModules.guest("tac").toString();
    String wasiCat = TestModules.ROOT.resolve("guests/wasi/wasm/cat.wasm").toString();
    List<List<String>> runs =
        List.of(
            List.of("run", head, "-c", "1", "-", "-"),
            List.of("run", tac, "-", "-"),
            List.of("run", wasiCat),
            List.of("run", wasiCat, "-"));
    Map<String, String> off = env(server.socket());
    off.put("IOTYPES_SERVER", "off");
    long served = 0;
    for (List<String> run : runs) {
      List<String> inProcess = new ArrayList<>(jvm());
      inProcess.addAll(run);
      Result expected = withFile(off, inProcess);
      assertThat(expected.outText()).contains("|0|");

      Result java = withFile(env(server.socket()), inProcess);
      assertThat(java.err()).isEqualTo(expected.err());
      assertThat(java.outText()).as("the JVM's client, %s", run).isEqualTo(expected.outText());
      served++;
      assertThat(server.guests().loads() + server.guests().reuses()).isEqualTo(served);

      if (Files.isExecutable(CLIENT)) {
        Result c = withFile(env(server.socket()), nativeCommand(run));
        assertThat(c.err()).isEqualTo(expected.err());
        assertThat(c.outText()).as("the native client, %s", run).isEqualTo(expected.outText());
        served++;
        assertThat(server.guests().loads() + server.guests().reuses()).isEqualTo(served);
      }
    }
    // tac maps the whole file, the two bytes read before it too, as in-process
    Result tacs = withFile(off, concat(jvm(), List.of("run", tac, "-", "-")));
    assertThat(tacs.outText()).startsWith("gh\nef\ncd\nab\n|0|");
  }

  @Test
  void standardInputThroughAPipeIsReadOnlyAsTheRunReadsIt() throws Exception {
    String hello = TestModules.guest("hello").toString();
    String head = TestModules.guest("head").toString();
    Map<String, String> off = env(server.socket());
    off.put("IOTYPES_SERVER", "off");
    for (List<String> run :
        List.of(List.of("run", hello, "-"), List.of("run", head, "-n", "1", "-", "-"))) {
      List<String> inProcess = concat(jvm(), run);
      List<String> script =
          concat(
              List.of("sh", "-c", "printf 'one\\ntwo\\n' | { \"$@\"; echo \"|$?|\"; cat; }", "sh"),
              inProcess);
      Result expected = process(script, off, NONE);
      assertThat(expected.outText()).contains("|0|");
      assertThat(process(script, env(server.socket()), NONE).outText())
          .as("the JVM's client, %s", run)
          .isEqualTo(expected.outText());
      if (Files.isExecutable(CLIENT)) {
        List<String> nativeScript =
            concat(
                List.of(
                    "sh", "-c", "printf 'one\\ntwo\\n' | { \"$@\"; echo \"|$?|\"; cat; }", "sh"),
                nativeCommand(run));
        assertThat(process(nativeScript, env(server.socket()), NONE).outText())
            .as("the native client, %s", run)
            .isEqualTo(expected.outText());
      }
    }
    // hello reads nothing: all of it is left for cat
    List<String> helloInProcess =
        concat(
            List.of("sh", "-c", "printf 'one\\ntwo\\n' | { \"$@\"; cat; }", "sh"),
            concat(jvm(), List.of("run", hello, "-")));
    assertThat(process(helloInProcess, off, NONE).outText()).isEqualTo("hello, world\none\ntwo\n");
  }

  @Test
  void aServerThatGoesAwayBeforeTakingTheRunLeavesItToTheClient() throws Exception {
    Path fake = dir.resolve("sock/fake");
    try (ServerSocketChannel listening = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      listening.bind(UnixDomainSocketAddress.of(fake));
      Thread closer =
          new Thread(
              () -> {
                try {
                  while (true) {
                    listening.accept().close(); // hears the hello, takes nothing
                  }
                } catch (IOException e) {
                  // closed by the test
                }
              });
      closer.setDaemon(true);
      closer.start();
      Files.writeString(work.resolve("in.txt"), "one two\n");
      String wc = TestModules.guest("wc").toString();
      Result local = process(concat(jvm(), List.of("run", wc, "in.txt", "-")), offEnv(), NONE);
      assertThat(local.status()).isZero();
      Result java = process(concat(jvm(), List.of("run", wc, "in.txt", "-")), env(fake), NONE);
      assertThat(java.err()).isEmpty();
      assertThat(java.outText()).isEqualTo(local.outText());
      if (Files.isExecutable(CLIENT)) {
        assertThat(nativeRun(env(fake), NONE, "run", wc, "in.txt", "-").outText())
            .isEqualTo("in-process: run " + wc + " in.txt -\n");
      }
    }
  }

  private Map<String, String> offEnv() {
    Map<String, String> off = env(server.socket());
    off.put("IOTYPES_SERVER", "off");
    return off;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
