package dev.iotypes.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command in-process, through {@link Main#run}, with the example guests on real files. */
class MainTest {
  @Test
  void wasmtimesFlagsTakeTheFastPathAndABadValueIsLeftToPicocli() {
    RunOptions options =
        Main.simpleRun(
            new String[] {
              "run",
              "--dir",
              "a::/b",
              "--env",
              "X=1",
              "--dir=c",
              "--env=Y=2=3",
              "--read-only",
              "m.wasm",
              "--dir",
              "x"
            });
    assertThat(options).isNotNull();
    assertThat(options.module()).isEqualTo("m.wasm");
    assertThat(options.args()).containsExactly("--dir", "x"); // the program's, untouched
    assertThat(options.dirs())
        .containsExactly(
            new RunOptions.Dir(java.nio.file.Path.of("a"), "/b"),
            new RunOptions.Dir(java.nio.file.Path.of("c"), "c"));
    assertThat(options.env()).containsEntry("X", "1").containsEntry("Y", "2=3").hasSize(2);
    assertThat(options.readOnly()).isTrue();

    assertThat(Main.simpleRun(new String[] {"run", "--dir", "::x", "m.wasm"})).isNull();
    assertThat(Main.simpleRun(new String[] {"run", "--env", "=v", "m.wasm"})).isNull();
    assertThat(Main.simpleRun(new String[] {"run", "--dir"})).isNull();
    assertThat(Main.simpleRun(new String[] {"run", "--timeout", "1s", "m.wasm"})).isNull();
  }

  private static final String TEXT = "The quick brown fox\njumps over\n\nthe lazy dog.\n";

  @TempDir Path dir;

  /** What one run printed and returned. */
  record Result(int status, byte[] out, String err) {
    String outText() {
      return new String(out, UTF_8);
    }
  }

  static Result run(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            args,
            new ByteArrayInputStream(stdin),
            new PrintStream(out, true, UTF_8),
            new PrintStream(err, true, UTF_8));
    return new Result(status, out.toByteArray(), err.toString(UTF_8));
  }

  static Result run(String... args) {
    return run(new byte[0], args);
  }

  static String guest(String name) {
    return TestModules.guest(name).toString();
  }

  /** One line {@code iotypes: ...}, maybe a usage hint, never a stack trace. */
  static void assertOneLineError(Result result, int status, String message) {
    assertThat(result.status()).as(result.err()).isEqualTo(status);
    assertThat(result.err()).startsWith("iotypes: " + message + "\n");
    assertThat(result.err().lines().count()).isLessThanOrEqualTo(2);
    assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  /** GNU wc's line for one input holding {@code text}: counts as wide as the byte count. */
  static String wcLine(String text, Object name) {
    int bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    int width = Integer.toString(bytes).length();
    long lines = text.chars().filter(c -> c == '\n').count();
    long words = java.util.Arrays.stream(text.split("\\s+")).filter(w -> !w.isEmpty()).count();
    String f = "%" + width + "d";
    return String.format(f + " " + f + " " + f + " %s%n", lines, words, bytes, name);
  }

  @Test
  void everyExampleGuestExists() {
    for (String name : TestModules.GUESTS) {
      assertThat(TestModules.guest(name)).isRegularFile();
    }
  }

  // The example tools on real files.

  @Test
  void wcCountsLikeGnuWcAndNamesTheArgumentAsTyped() throws IOException {
    Path file = Files.writeString(dir.resolve("fox.txt"), TEXT);
    Result result = run("run", guest("wc"), file.toString(), "-");
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.outText()).isEqualTo(wcLine(TEXT, file));
  }

  @Test
  void catCopiesStandardInputToStandardOutputByteForByte() {
    byte[] data = new byte[1 << 20];
    new Random(42).nextBytes(data);
    Result result = run(data, "run", guest("cat"), "-", "-");
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo(data);
  }

  @Test
  void catCopiesAFileToAFile() throws IOException {
    byte[] data = new byte[300_001];
    new Random(7).nextBytes(data);
    Path in = Files.write(dir.resolve("in.bin"), data);
    Path out = Files.writeString(dir.resolve("out.bin"), "to be truncated, longer than nothing");
    Result result = run("run", guest("cat"), in.toString(), out.toString());
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(Files.readAllBytes(out)).isEqualTo(data);
  }

  @Test
  void sha256sumPrintsWhatGnuSha256sumPrints() throws Exception {
    Path file = Files.writeString(dir.resolve("fox.txt"), TEXT);
    String hex =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(TEXT.getBytes(UTF_8)));
    Result result = run("run", guest("sha256sum"), file.toString(), "-");
    assertThat(result.outText()).isEqualTo(hex + "  " + file + "\n");
  }

  @Test
  void headTakesItsOptionAnywhereAmongTheProgramArguments() throws IOException {
    Path file = Files.writeString(dir.resolve("fox.txt"), TEXT);
    String twoLines = "The quick brown fox\njumps over\n";
    assertThat(run("run", guest("head"), "--lines", "2", file.toString(), "-").outText())
        .isEqualTo(twoLines);
    assertThat(run("run", guest("head"), file.toString(), "--lines=2", "-").outText())
        .isEqualTo(twoLines);
    assertThat(run("run", guest("head"), file.toString(), "-", "--lines", "2").outText())
        .isEqualTo(twoLines);
  }

  @Test
  void upperReadsADataUrlAndWritesGzip() throws IOException {
    Path out = dir.resolve("shout.txt.gz");
    Result result = run("run", guest("upper"), "data:;base64,aGVsbG8sIHdvcmxkCg==", out.toString());
    assertThat(result.status()).as(result.err()).isZero();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(out))) {
      assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo("HELLO, WORLD\n");
    }
  }

  @Test
  void wcReadsGzipDecompressed() throws IOException {
    Path file = dir.resolve("fox.txt.gz");
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(file))) {
      gz.write(TEXT.getBytes(UTF_8));
    }
    Result result = run("run", guest("wc"), file.toString(), "-");
    assertThat(result.outText()).isEqualTo(wcLine(TEXT, file));
  }

  @Test
  void wcReadsAnHttpUrlAndNamesIt() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          if (!exchange.getRequestURI().getPath().equals("/fox.txt")) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
          }
          byte[] body = TEXT.getBytes(UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/plain");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/fox.txt";
      Result result = run("run", guest("wc"), url, "-");
      assertThat(result.outText()).isEqualTo(wcLine(TEXT, url));
      Result missing = run("run", guest("wc"), url + ".missing", "-");
      assertOneLineError(missing, 66, "cannot fetch " + url + ".missing: HTTP status 404");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void commandsAsInputAndOutput() throws IOException {
    Path out = dir.resolve("via-cat.txt");
    Result result = run("run", guest("upper"), "$(printf hello)", "$(cat > '" + out + "')");
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(Files.readString(out)).isEqualTo("HELLO");
  }

  @Test
  void aCommandBehindAnOutputThatFailsTurnsSuccessIntoStatus74() {
    Result result = run("run", guest("hello"), "$(cat > /dev/null; exit 5)");
    assertOneLineError(result, 74, "$(cat > /dev/null; exit 5): command exited with status 5");
  }

  @Test
  void teeWritesBothOutputs() throws IOException {
    Path file = Files.writeString(dir.resolve("fox.txt"), TEXT);
    Path copy = dir.resolve("copy.txt");
    Result result = run("run", guest("tee"), file.toString(), copy.toString(), "-");
    assertThat(result.outText()).isEqualTo(TEXT);
    assertThat(Files.readString(copy)).isEqualTo(TEXT);
  }

  @Test
  void tacReadsAnArrayReadOnlyWhenAsked() throws IOException {
    Path file = Files.writeString(dir.resolve("abc.txt"), "a\nb\nc\n");
    assertThat(run("run", guest("tac"), file.toString(), "-").outText()).isEqualTo("c\nb\na\n");
    assertThat(run("run", "--read-only", guest("tac"), file.toString(), "-").outText())
        .isEqualTo("c\nb\na\n");
    assertThat(Files.readString(file)).isEqualTo("a\nb\nc\n");
  }

  @Test
  void utf8checkFailsWithTheArgumentAsTyped() throws IOException {
    Path file = Files.write(dir.resolve("bad.txt"), new byte[] {'o', 'k', (byte) 0xff});
    Result result = run("run", guest("utf8check"), file.toString(), "-");
    assertThat(result.status()).isEqualTo(1);
    assertThat(result.outText()).isEqualTo(file + ": not valid UTF-8\n");
  }

  @Test
  void theInterpreterGivesTheSameResult() throws IOException {
    Path file = Files.writeString(dir.resolve("fox.txt"), TEXT);
    Result result = run("run", "--interpreter", guest("wc"), file.toString(), "-");
    assertThat(result.outText()).isEqualTo(wcLine(TEXT, file));
  }

  @ParameterizedTest
  @ValueSource(strings = {"--engine=iotypes", "--engine=chicory", "--engine=interpreter"})
  void everyEngineGivesTheSameResult(String engine) throws IOException {
    Path file = Files.writeString(dir.resolve("fox.txt"), TEXT);
    Result result = run("run", engine, guest("wc"), file.toString(), "-");
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.outText()).isEqualTo(wcLine(TEXT, file));
  }

  @Test
  void anUnknownEngineIsAUsageError() {
    Result result = run("run", "--engine=v8", guest("hello"), "-");
    assertThat(result.status()).isEqualTo(ExitStatus.USAGE.code());
    assertThat(result.err()).contains("--engine must be iotypes, chicory or interpreter");
  }

  @Test
  void dirAndEnvAreAcceptedBeforeTheModule() {
    Result result =
        run("run", "--dir", dir + "::/data", "--env", "A=B", "--dir", "/tmp", guest("hello"), "-");
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.outText()).isEqualTo("hello, world\n");
  }

  // Usage, generated from the typed main.

  @Test
  void helpAfterTheModulePrintsTheGuestsUsage() {
    Result result = run("run", guest("head"), "--help");
    assertThat(result.status()).isZero();
    assertThat(result.outText())
        .startsWith(
            "Usage: head.wasm [OPTION]... INPUT OUTPUT\n"
                + "Print the first 10 lines of INPUT to OUTPUT.\n\n")
        .contains(
            "  -n, --lines=N         print the first N lines instead of the first 10; N is an\n"
                + "                        integer from 0 to 18446744073709551615 (default: 10)\n")
        .contains("  -c, --bytes=N         print the first N bytes instead of lines;")
        .contains("  -h, --help            display this help and exit\n")
        .contains("  INPUT                 the text to read (input-stream)\n")
        .contains("An input-stream argument is a path, - (stdin)")
        .contains("Typed main: main: func(lines: u64, bytes: option<u64>, input: input-stream,");
    assertThat(run("run", guest("head"), "a", "-h", "-").outText()).isEqualTo(result.outText());
  }

  @Test
  void helpOfWcListsTheEnumsChoicesAndItsDefault() {
    String help = run("run", guest("wc"), "-h").outText();
    assertThat(help)
        .startsWith("Usage: wc.wasm [OPTION]... [INPUTS]... OUTPUT\n")
        .contains("  -l, --lines           print the newline counts\n")
        .contains("      --total=WHEN      when to print a line with total counts")
        .contains("WHEN is one of: auto, always, only, never")
        .contains("(default: auto)")
        .contains("  INPUTS...             the inputs to count, each named in its line");
  }

  @Test
  void anOmittedOptionTakesItsDefault() throws IOException {
    Path file =
        Files.writeString(dir.resolve("lines.txt"), "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n");
    assertThat(run("run", guest("head"), file.toString(), "-").outText())
        .isEqualTo("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n");
    assertThat(run("run", guest("head"), "-n", "2", file.toString(), "-").outText())
        .isEqualTo("1\n2\n");
    assertThat(run("run", guest("head"), "-n2", file.toString(), "-").outText())
        .isEqualTo("1\n2\n");
    assertThat(run("run", guest("head"), file.toString(), "--bytes=3", "-").outText())
        .isEqualTo("1\n2");
  }

  @Test
  void missingOptionIsAUsageError() {
    Result result =
        run("run", guest("echo-params"), "--small", "1", "--word", "1", "--half", "1", "-");
    assertOneLineError(
        result, ExitStatus.USAGE.code(), "echo-params.wasm: missing option --tiny N (u8)");
    assertThat(result.err()).contains("Try 'iotypes run " + guest("echo-params") + " --help'");
  }

  @Test
  void badNumberIsAUsageError() {
    assertOneLineError(
        run("run", guest("head"), "--lines", "ten", "a", "-"),
        ExitStatus.USAGE.code(),
        "head.wasm: Invalid value for option '--lines': not a u64 (0 to 18446744073709551615):"
            + " ten");
    assertOneLineError(
        run("run", guest("head"), "-n", "-1", "a", "-"),
        ExitStatus.USAGE.code(),
        "head.wasm: Invalid value for option '--lines': not a u64 (0 to 18446744073709551615):"
            + " -1");
    assertOneLineError(
        run("run", guest("head"), "a", "-", "--lines"),
        ExitStatus.USAGE.code(),
        "head.wasm: Missing required parameter for option '--lines' (N)");
  }

  @Test
  void unknownOptionAndWrongCountAreUsageErrors() {
    assertOneLineError(
        run("run", guest("cat"), "--verbose", "a", "-"),
        ExitStatus.USAGE.code(),
        "cat.wasm: Unknown option: '--verbose'");
    assertOneLineError(
        run("run", guest("cat"), "a"),
        ExitStatus.USAGE.code(),
        "cat.wasm: missing argument OUTPUT (output-stream)");
    assertOneLineError(
        run("run", guest("cat"), "a", "b", "c"),
        ExitStatus.USAGE.code(),
        "cat.wasm: too many arguments: expected 2, got 3 (first extra: c)");
  }

  @Test
  void anUnknownOptionComesWithPicocliSuggestion() {
    assertOneLineError(
        run("run", guest("wc"), "--lies", "a", "-"),
        64,
        "wc.wasm: Unknown option: '--lies' (did you mean --lines?)");
    assertOneLineError(
        run("run", guest("wc"), "--wrods", "a", "-"),
        64,
        "wc.wasm: Unknown option: '--wrods' (did you mean --words?)");
  }

  @Test
  void doubleDashEndsTheProgramsOptions() throws IOException {
    Path file = Files.writeString(dir.resolve("--odd"), TEXT);
    Result result = run("run", guest("cat"), "--", file.toString(), "-");
    assertThat(result.outText()).isEqualTo(TEXT);
  }

  @Test
  void iotypesFlagsAfterTheModuleBelongToTheProgram() {
    assertOneLineError(
        run("run", guest("cat"), "--read-only", "a", "-"),
        ExitStatus.USAGE.code(),
        "cat.wasm: Unknown option: '--read-only'");
  }

  @Test
  void iotypesOwnUsageErrors() {
    assertThat(run().status()).isEqualTo(ExitStatus.USAGE.code());
    assertOneLineError(
        run("frobnicate"), ExitStatus.USAGE.code(), "Unmatched argument at index 0: 'frobnicate'");
    assertOneLineError(
        run("run", "--bogus", "x.wasm"), ExitStatus.USAGE.code(), "Unknown option: '--bogus'");
    assertOneLineError(run("run"), ExitStatus.USAGE.code(), "Missing required parameter: 'MODULE'");
    assertOneLineError(
        run("run", "--dir", "::x", guest("hello"), "-"),
        ExitStatus.USAGE.code(),
        "--dir: expected HOST::GUEST or DIR: ::x");
    assertThat(run("run", "--help").outText()).contains("--read-only").contains("MODULE");
  }

  // Bad input, each with its own status.

  @Test
  void missingInputIsStatus66AndLeavesTheOutputAlone() throws IOException {
    Path out = Files.writeString(dir.resolve("keep.txt"), "keep me");
    String missing = dir.resolve("x.txt").toString();
    Result result = run("run", guest("cat"), missing, out.toString());
    assertOneLineError(result, 66, "no such file: " + missing);
    assertThat(result.err().lines().count()).isEqualTo(1);
    assertThat(Files.readString(out)).isEqualTo("keep me");
  }

  @Test
  void missingModuleIsStatus66() {
    String missing = dir.resolve("nope.wasm").toString();
    assertOneLineError(run("run", missing), 66, "no such module: " + missing);
  }

  @Test
  void notAWasmModuleIsStatus65() throws IOException {
    Path text = Files.writeString(dir.resolve("text.wasm"), "just text, not wasm");
    assertOneLineError(run("run", text.toString()), 65, "text.wasm is not a WebAssembly module");
    assertOneLineError(
        run("inspect", text.toString()), 65, "text.wasm is not a WebAssembly module");
  }

  @Test
  void noTypedMainIsStatus65() throws IOException {
    Path module = TestModules.write(dir, "empty.wasm", TestModules.empty());
    assertOneLineError(
        run("run", module.toString()),
        65,
        "empty.wasm declares no typed main (custom section iotypes-main)");
  }

  @Test
  void aWasiCommandRunsInTheLibcMode() throws IOException {
    Path module = TestModules.write(dir, "cmd.wasm", TestModules.command());
    Result result = run("run", module.toString(), "arg");
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.err()).isEmpty();
  }

  @Test
  void aWasiCommandGetsEnvAndArgsAndItsExitStatusIsTheCommands() throws IOException {
    Result result = run("run", "--env", "GREETING=hi there", wasi("args"), "one", "exit=7");
    assertThat(result.status()).as(result.err()).isEqualTo(7);
    assertThat(result.outText())
        .startsWith("argc=3\nargv[1]=one\nargv[2]=exit=7\nenv[0]=GREETING=hi there\nenvc=1\n");
  }

  @Test
  void aWasiCommandOpensItsFileArgumentsAndStdin() throws IOException {
    Path file = Files.writeString(dir.resolve("a.txt"), TEXT);
    Result result = run("from stdin\n".getBytes(UTF_8), "run", wasi("cat"), file.toString(), "-");
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.outText()).isEqualTo(TEXT + "from stdin\n");
    assertThat(result.err()).isEqualTo("cat: done\n");
  }

  @Test
  void aWasiCommandWithDirIsConfinedToIt() throws IOException {
    Path pre = Files.createDirectories(dir.resolve("pre"));
    Files.writeString(dir.resolve("outside.txt"), "outside");
    Result result = run("run", "--dir", pre + "::.", wasi("fsops"));
    assertThat(result.status()).as(result.outText()).isZero();
    assertThat(result.outText()).endsWith("failures=0\n");
    Result escape = run("run", "--dir", pre + "::.", wasi("cat"), "../outside.txt");
    assertThat(escape.status()).isEqualTo(1);
    assertThat(escape.outText()).isEmpty();
  }

  @Test
  void aWasiCommandWritesABoundFileOnlyWhenItIsWritable() throws IOException {
    Path file = Files.writeString(dir.resolve("data.txt"), "0123456789");
    Result refused = run("run", wasi("files"), "write", file.toString());
    assertThat(refused.status()).isEqualTo(2);
    assertThat(refused.outText()).startsWith("open rw: ");
    assertThat(file).hasContent("0123456789");

    Result allowed =
        run("run", "--writable", file.toString(), wasi("files"), "write", file.toString());
    assertThat(allowed.status()).as(allowed.err()).isZero();
    assertThat(file).hasContent("HEL" + "abcxyz");
  }

  @Test
  void aWasiCommandCreatesOnlyTheNamesItIsGiven() throws IOException {
    Path out = dir.resolve("made.txt");
    Result refused = run("run", wasi("files"), "create", out.toString());
    assertThat(refused.status()).isEqualTo(2);
    assertThat(out).doesNotExist();

    Result allowed =
        run("run", "--create", out.toString(), wasi("files"), "create", out.toString());
    assertThat(allowed.status()).as(allowed.err()).isZero();
    assertThat(allowed.outText()).isEqualTo("created 21 bytes\n");
    assertThat(out).hasContent("line 0\nline 1\nline 2\n");
  }

  @Test
  void aWasiCommandSeesABoundNameThatIsNoArgument() throws IOException {
    Path config = Files.writeString(dir.resolve("config.ini"), "x=1\n");
    Result hidden = run("run", wasi("files"), "missing", "@" + config);
    // nothing bound: no preopen at all, as under wasmtime without --dir (ENOTCAPABLE)
    assertThat(hidden.outText()).startsWith("fopen: Capabilities insufficient\n");
    Result bound = run("run", "--bind", config.toString(), wasi("files"), "missing", "@" + config);
    assertThat(bound.outText()).startsWith("fopen: ALLOWED\nstat: ALLOWED\n");
  }

  @Test
  void aWasiCommandThatTrapsIsStatus70() throws IOException {
    Result result = run("run", wasi("args"), "exit=99");
    assertThat(result.status()).isEqualTo(70);
    assertThat(result.err()).startsWith("iotypes: args.wasm trapped");
  }

  static String wasi(String name) {
    return Path.of("..", "guests", "wasi", "wasm", name + ".wasm").toString();
  }

  @Test
  void aTrapIsStatus70AndNamesTheWasmFunction() throws IOException {
    Path module = TestModules.write(dir, "boom.wasm", TestModules.trapping());
    Result result = run("run", module.toString());
    assertOneLineError(
        result, 70, "boom.wasm trapped in explode: Trapped on unreachable instruction");
  }

  @Test
  void whatTheGuestWroteBeforeATrapIsFlushedAndClosed() throws IOException {
    Path module = TestModules.write(dir, "partial.wasm", TestModules.writesThenTraps());
    Path out = dir.resolve("partial.txt.gz");
    Result result = run("run", "--no-atomic", module.toString(), out.toString());
    assertOneLineError(
        result, 70, "partial.wasm trapped in explode: Trapped on unreachable instruction");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(out))) {
      assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo("partial\n");
    }
    assertThat(run("run", module.toString(), "-").outText()).isEqualTo("partial\n");
  }

  // inspect

  @Test
  void inspectShowsTheTypedMainImportsAndExports() {
    Result result = run("inspect", guest("wc"));
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.outText())
        .startsWith(
            "module: wc.wasm\n"
                + "typed main:\n"
                + "  main: func(bytes: bool, lines: bool, words: bool, total: when,"
                + " inputs: list<input-stream>, output: output-stream) -> result\n"
                + "imports:\n")
        .contains("  iotypes.input-read: (i32, i32, i32) -> (i32, i32)\n")
        .contains("exports:\n")
        .contains("  main: (i32, i32, i32, i32, i32, i32, i32) -> (i32)\n");
  }

  @Test
  void inspectSaysWhenThereIsNoTypedMain() throws IOException {
    Path module = TestModules.write(dir, "cmd.wasm", TestModules.command());
    assertThat(run("inspect", module.toString()).outText())
        .contains("typed main: none (exports _start: a WASI command)\n")
        .contains("imports: none\n")
        .contains("  _start: () -> ()\n");
  }

  @Test
  void limitFlagsTakeSizesAndDurationsAndRefuseNonsense() throws IOException {
    Result usage = run("run", "--max-memory-size", "lots", guest("wc"), "-", "-");
    assertThat(usage.status()).isEqualTo(ExitStatus.USAGE.code());
    assertThat(usage.err()).contains("not a size (e.g. 65536, 64K, 256M, 1G): lots");
    Result time = run("run", "--timeout", "10 fortnights", guest("wc"), "-", "-");
    assertThat(time.status()).isEqualTo(ExitStatus.USAGE.code());
    assertThat(time.err()).contains("not a duration");
    Result zero = run("run", "--pipe-buffer-size", "0", guest("wc"), "-", "-");
    assertThat(zero.status()).isEqualTo(ExitStatus.USAGE.code());
    assertThat(zero.err()).contains("pipeCapacity < 1: 0");
    Path file = Files.writeString(dir.resolve("fox.txt"), TEXT);
    Result fine =
        run(
            "run",
            "--max-memory-size",
            "64MiB",
            "--timeout",
            "1m",
            "--max-handles",
            "16",
            "--max-array-size",
            "1G",
            "--pipe-buffer-size",
            "4K",
            "--max-table-elements",
            "100",
            guest("wc"),
            file.toString(),
            "-");
    assertThat(fine.status()).as(fine.err()).isZero();
    assertThat(Quantities.bytes("2g")).isEqualTo(2L << 30);
    assertThat(Quantities.duration("250ms")).isEqualTo(java.time.Duration.ofMillis(250));
    assertThat(run("run", "--help").outText())
        .contains("--max-memory-size=BYTES", "--timeout=DURATION", "124 --timeout ran out");
  }
}
