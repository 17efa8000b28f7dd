package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The example tools of {@code guests/}, run through the Java API on real files, each checked
 * against the native tool it imitates.
 */
class GuestToolsTest {
  static final Path GUESTS = Path.of("..", "guests", "wasm");

  @TempDir static Path dir;

  static List<Path> samples() throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(Files.writeString(dir.resolve("empty.txt"), ""));
    files.add(
        Files.writeString(
            dir.resolve("text.md"),
            "# Title\n\nSome  words,\tand tabs.\n\n  Indented line\nlast line without newline"));
    files.add(Files.writeString(dir.resolve("lines.txt"), "a\nbb\n\nccc\n"));
    files.add(Files.write(dir.resolve("newlines.txt"), "\n\n\n".getBytes(StandardCharsets.UTF_8)));
    byte[] random = new byte[3 << 20];
    new Random(42).nextBytes(random);
    files.add(Files.write(dir.resolve("random.bin"), random));
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 50_000; i++) {
      many.append("line ").append(i).append(i % 7 == 0 ? "  extra  words" : "").append('\n');
    }
    files.add(Files.writeString(dir.resolve("many.txt"), many));
    return files;
  }

  static Stream<Path> files() throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(Files::isRegularFile).sorted().toList().stream();
    }
  }

  @BeforeAll
  static void makeSamples() throws IOException {
    samples();
  }

  static Guest guest(String name) throws GuestException {
    Path path = GUESTS.resolve(name + ".wasm");
    assertThat(path).as("committed guest binary").exists();
    return Guest.load(path);
  }

  static String run(String tool, Object... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MainCall call = guest(tool).main();
    List<Param> inputs = new ArrayList<>();
    for (Param param : call.typedMain().params()) {
      if (param.type() == ParamType.OUTPUT_STREAM) {
        call.bind(param.name(), out);
      } else if (param.isPositional()) {
        inputs.add(param);
      }
    }
    for (int i = 0; i < inputs.size(); i++) {
      Param param = inputs.get(i);
      call.bind(
          param.name(),
          param.arity() == Param.Arity.LIST ? List.of(args).subList(i, args.length) : args[i]);
    }
    assertThat(call.call()).as("exit status of " + tool).isZero();
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  /**
   * Binds a tool's one input (or the one input of its list) and its output, whatever their names:
   * {@code wc} takes a list, {@code sha256sum} one input.
   */
  static MainCall inOut(Guest guest, Object input, Object output) throws GuestException {
    MainCall call = guest.main();
    for (Param param : call.typedMain().params()) {
      if (param.type() == ParamType.OUTPUT_STREAM) {
        call.bind(param.name(), output);
      } else if (param.isPositional()) {
        call.bind(param.name(), param.arity() == Param.Arity.LIST ? List.of(input) : input);
      }
    }
    return call;
  }

  static String nativeTool(String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("LC_ALL", "C"); // the guests know no locale: bytes, as in C
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
    return out;
  }

  @ParameterizedTest
  @MethodSource("files")
  void catCopiesByteForByte(Path file) throws Exception {
    assertThat(run("cat", file).getBytes(StandardCharsets.ISO_8859_1))
        .isEqualTo(Files.readAllBytes(file));
  }

  @ParameterizedTest
  @MethodSource("files")
  void wcCountsAsGnuWc(Path file) throws Exception {
    assertThat(run("wc", file)).isEqualTo(nativeTool("wc", file.toString()));
  }

  @ParameterizedTest
  @MethodSource("files")
  void sha256sumPrintsWhatGnuPrints(Path file) throws Exception {
    assertThat(run("sha256sum", file)).isEqualTo(nativeTool("sha256sum", file.toString()));
  }

  @ParameterizedTest
  @MethodSource("files")
  void tacReversesLinesAsGnuTac(Path file) throws Exception {
    assertThat(run("tac", file)).isEqualTo(nativeTool("tac", file.toString()));
  }

  @ParameterizedTest
  @MethodSource("files")
  void upperUppercasesAsciiOnly(Path file) throws Exception {
    assertThat(run("upper", file)).isEqualTo(nativeTool("sh", "-c", "tr a-z A-Z < '" + file + "'"));
  }

  @ParameterizedTest
  @MethodSource("files")
  void headTakesTheFirstLinesAsGnuHead(Path file) throws Exception {
    for (long n : new long[] {0, 1, 3, 1000}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int status =
          guest("head").main().bind("lines", n).bind("input", file).bind("output", out).call();
      assertThat(status).isZero();
      assertThat(out.toString(StandardCharsets.ISO_8859_1))
          .as("head -n " + n)
          .isEqualTo(nativeTool("head", "-n", Long.toString(n), file.toString()));
    }
  }

  @Test
  void teeWritesBothOutputs() throws Exception {
    Path file = dir.resolve("lines.txt");
    ByteArrayOutputStream one = new ByteArrayOutputStream();
    ByteArrayOutputStream two = new ByteArrayOutputStream();
    MainCall call = guest("tee").main();
    List<Param> params = call.typedMain().params();
    call.bind(0, file).bind(1, one).bind(2, two);
    assertThat(params)
        .extracting(Param::type)
        .containsExactly(ParamType.INPUT_STREAM, ParamType.OUTPUT_STREAM, ParamType.OUTPUT_STREAM);
    assertThat(call.call()).isZero();
    assertThat(one.toByteArray()).isEqualTo(Files.readAllBytes(file)).isEqualTo(two.toByteArray());
  }

  @Test
  void utf8checkAcceptsUtf8AndNamesTheFileItRejects() throws Exception {
    Path good = Files.writeString(dir.resolve("good.txt"), "héllo wörld €𝄞\n");
    Path bad = Files.write(dir.resolve("bad.txt"), new byte[] {'o', 'k', (byte) 0xC0, (byte) 0xAF});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(guest("utf8check").main().bind(0, good).bind(1, out).call()).isZero();
    assertThat(out.size()).isZero();
    assertThat(guest("utf8check").main().bind(0, bad).bind(1, out).call()).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(bad + ": not valid UTF-8\n");
  }

  @Test
  void helloGreets() throws Exception {
    assertThat(run("hello")).isEqualTo("hello, world\n");
  }

  @Test
  void aGuestTellsWhichFunctionsItImports() throws Exception {
    Guest hello = Guest.load(GUESTS.resolve("hello.wasm"));
    assertThat(hello.importsFunction("iotypes", "output-write")).isTrue();
    assertThat(hello.importsFunction("iotypes", "output-media-type")).isFalse();
    assertThat(hello.importsFunction("env", "output-write")).isFalse();
    Guest typed =
        Wat.guest(
            "main: func(in: input-stream)",
            "(module (import \"iotypes\" \"input-media-type\""
                + " (func (param i32 i32 i32) (result i32))) (memory (export \"memory\") 1)"
                + " (func (export \"main\") (param i32)))");
    assertThat(typed.importsFunction("iotypes", "input-media-type")).isTrue();
  }

  @Test
  void theInterpreterRunsTheSameTools() throws Exception {
    Path file = dir.resolve("text.md");
    Guest wc = Guest.load(GUESTS.resolve("wc.wasm"), GuestOptions.DEFAULTS.withInterpreter(true));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(inOut(wc, file, out).call()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(nativeTool("wc", file.toString()));
  }
}
