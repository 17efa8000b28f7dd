package dev.iotypes.component;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.Input;
import dev.iotypes.IoArray;
import dev.iotypes.IoTypes;
import dev.iotypes.MediaType;
import dev.iotypes.Origin;
import dev.iotypes.Output;
import dev.iotypes.wasi.WasiOptions;
import dev.iotypes.wasm.GuestException;
import dev.iotypes.wasm.GuestOptions;
import dev.iotypes.wasm.GuestTrap;
import dev.iotypes.wasm.Param;
import dev.iotypes.wasm.ParamDoc;
import dev.iotypes.wasm.ParamType;
import dev.iotypes.wasm.ResultType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Typed mains as component exports, from Java: the export's types read as a typed main, arguments
 * bound from the core library's streams and plain values, the result as the exit status.
 */
class ComponentMainTest {
  static final Path CAT = Path.of("..", "guests", "components", "wat", "cat.wasm");

  enum Mode {
    FAST,
    BEST,
    AUTO
  }

  private static Component load(Path path) throws GuestException {
    return Component.load(path, GuestOptions.DEFAULTS);
  }

  private static Component fixture(String name) throws GuestException {
    return load(Path.of("src", "test", "resources", "components", name + ".wasm"));
  }

  private static WasiOptions wasi() {
    return WasiOptions.builder().build();
  }

  /**
   * A world's {@code use} of the streams makes type imports bound with {@code eq} (componentize-js
   * emits them): each is the type it equals, so the streams are still wasi:io's.
   */
  @Test
  void streamTypesImportedAsAWorldsUseAreTheStreams() throws GuestException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ComponentMain main = ComponentMain.prepare(fixture("main-use"), wasi())) {
      assertThat(main.typedMain().params())
          .extracting(Param::type)
          .containsExactly(ParamType.INPUT_STREAM, ParamType.OUTPUT_STREAM);
      int status =
          main.bind("inputs", List.of(IoTypes.input("used\n".getBytes(UTF_8))))
              .bind("output", IoTypes.output(out))
              .call();
      assertThat(status).isZero();
    }
    assertThat(out.toString(UTF_8)).isEqualTo("used\n");
  }

  /** {@code head.wasm}'s doc comment ({@code package-docs}) gives -n and the default 10. */
  @Test
  void anUnboundParameterTakesTheDefaultItsDocCommentGives() throws GuestException {
    Component head = load(Path.of("..", "guests", "components", "wat", "head.wasm"));
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 12; i++) {
      text.append(i).append('\n');
    }
    byte[] lines = text.toString().getBytes(UTF_8);
    try (ComponentMain main = ComponentMain.prepare(head, wasi())) {
      assertThat(main.typedMain().doc())
          .isEqualTo("Print the first lines of each INPUT, one input after another.");
      assertThat(main.typedMain().params().get(0).doc())
          .isEqualTo(new ParamDoc("how many lines of each input to print", "n", "10"));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int status =
          main.bind("inputs", List.of(IoTypes.input(lines)))
              .bind("output", IoTypes.output(out))
              .call();
      assertThat(status).isZero();
      assertThat(out.toString(UTF_8)).isEqualTo("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n");
    }
    try (ComponentMain main = ComponentMain.prepare(head, wasi())) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      main.bind("lines", 2)
          .bind("inputs", List.of(IoTypes.input(lines), IoTypes.input(lines)))
          .bind("output", IoTypes.output(out))
          .call();
      assertThat(out.toString(UTF_8)).isEqualTo("1\n2\n1\n2\n");
    }
  }

  @Test
  void catCopiesEveryInputToTheOutputInOrder() throws GuestException {
    Component cat = load(CAT);
    assertThat(ComponentMain.declares(cat)).isTrue();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status;
    try (ComponentMain main = ComponentMain.prepare(cat, wasi())) {
      assertThat(main.typedMain().params())
          .extracting(Param::name, Param::type, Param::arity)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  "inputs", ParamType.INPUT_STREAM, Param.Arity.LIST),
              org.assertj.core.groups.Tuple.tuple(
                  "output", ParamType.OUTPUT_STREAM, Param.Arity.ONE));
      assertThat(main.typedMain().result()).isEqualTo(ResultType.RESULT);
      byte[] big = new byte[3 << 20]; // past one read and one write budget
      for (int i = 0; i < big.length; i++) {
        big[i] = (byte) (i * 31);
      }
      status =
          main.bind(
                  "inputs",
                  List.of(
                      IoTypes.input("one\n".getBytes(UTF_8)),
                      IoTypes.input(big),
                      IoTypes.input(new byte[0]),
                      IoTypes.input("two\n".getBytes(UTF_8))))
              .bind("output", IoTypes.output(out))
              .call();
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      expected.writeBytes("one\n".getBytes(UTF_8));
      expected.writeBytes(big);
      expected.writeBytes("two\n".getBytes(UTF_8));
      assertThat(status).isZero();
      assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
    }
  }

  /**
   * A C guest's world names the streams with {@code use}, which wit-component encodes as imported
   * types equal to wasi:io's: they are bound as the streams, and its names are pseudonyms.
   */
  @Test
  void aCGuestTakesTheStreamsItsWorldUsesAndNamesItsInputs() throws GuestException {
    Component sha256sum = load(Path.of("..", "guests", "components", "sha256sum.wasm"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ComponentMain main = ComponentMain.prepare(sha256sum, wasi())) {
      assertThat(main.typedMain().params())
          .extracting(Param::type)
          .containsExactly(ParamType.INPUT_STREAM, ParamType.OUTPUT_STREAM);
      Input abc =
          IoTypes.input(new ByteArrayInputStream("abc".getBytes(UTF_8)), Origin.named("abc.txt"));
      int status = main.bind("inputs", List.of(abc)).bind("output", IoTypes.output(out)).call();
      assertThat(status).isZero();
    }
    assertThat(out.toString(UTF_8)) // FIPS 180-4's example
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  abc.txt\n");
  }

  @Test
  void anInputThatFailsIsSkippedAndMainReturnsErr() throws GuestException {
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("disk on fire");
          }
        };
    Input broken = IoTypes.input(failing, Origin.named("broken"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ComponentMain main = ComponentMain.prepare(load(CAT), wasi())) {
      int status =
          main.bind("inputs", List.of(broken, IoTypes.input("after\n".getBytes(UTF_8))))
              .bind("output", IoTypes.output(out))
              .call();
      assertThat(status).isEqualTo(1);
      assertThat(out.toString(UTF_8)).isEqualTo("after\n");
    }
  }

  @Test
  void noInputsCopyNothing() throws GuestException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ComponentMain main = ComponentMain.prepare(load(CAT), wasi())) {
      assertThat(main.bind("output", IoTypes.output(out)).call()).isZero();
      assertThat(out.toByteArray()).isEmpty();
    }
  }

  @Test
  void plainValuesAreLoweredAsTheExportDeclaresThem() throws GuestException {
    Component values = fixture("main-values");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ComponentMain main = ComponentMain.prepare(values, wasi())) {
      assertThat(main.typedMain().toString())
          .isEqualTo(
              "main: func(count: u8, verbose: bool, mode: mode, name: string, limit: option<s64>,"
                  + " ratio: f64, output: output-stream) -> u32");
      int status =
          main.bind("count", 3)
              .bind("verbose", true)
              .bind("mode", Mode.BEST)
              .bind("name", "héé")
              .bind("limit", Optional.of(7L))
              .bind("ratio", 2.7)
              .bind("output", IoTypes.output(out))
              .call();
      // 3 + 100 + 10 * 1 + 5 UTF-8 bytes + 50 + 2
      assertThat(status).isEqualTo(170);
      assertThat(out.toString(UTF_8)).isEqualTo("héé");
    }
    try (ComponentMain main = ComponentMain.prepare(values, wasi())) {
      int status =
          main.bind("count", 0)
              .bind("mode", "auto")
              .bind("name", "")
              .bind("ratio", 0.0)
              .bind("output", IoTypes.output(new ByteArrayOutputStream()))
              .call();
      assertThat(status).as("verbose false, limit none").isEqualTo(20);
    }
  }

  @Test
  void valuesThatDoNotFitAreRefusedWhenBound() throws GuestException {
    try (ComponentMain main = ComponentMain.prepare(fixture("main-values"), wasi())) {
      assertThatThrownBy(() -> main.bind("count", 256))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a u8 (0 to 255): 256");
      assertThatThrownBy(() -> main.bind("mode", "slow"))
          .hasMessageContaining("no case slow (fast, best, auto)");
      assertThatThrownBy(() -> main.bind("output", "out.txt"))
          .hasMessageContaining("takes an Output, not String");
      assertThatThrownBy(() -> main.bind("nope", 1)).hasMessageContaining("no parameter named");
      assertThatThrownBy(main::call)
          .isInstanceOf(GuestException.class)
          .hasMessage("missing argument: count: u8");
    }
  }

  @Test
  void anExportWithUnbindableParametersIsRefusedNamingThem() throws GuestException {
    Component own = fixture("main-own");
    assertThat(ComponentMain.declares(own)).isTrue();
    assertThatThrownBy(() -> ComponentMain.prepare(own, wasi()))
        .isInstanceOf(GuestException.class)
        .hasMessage(
            "main-own.wasm: main: parameter input: own<input-stream> cannot be bound from"
                + " arguments (take the stream as borrow<input-stream>: it stays the host's)");
    assertThatThrownBy(() -> ComponentMain.prepare(fixture("main-f32"), wasi()))
        .hasMessage("main-f32.wasm: main: parameter scale: f32 cannot be bound from arguments");
  }

  @Test
  void aTypedMainReadsMediaTypesAndRendersPseudonymsThroughIotypesIo(@TempDir Path dir)
      throws Exception {
    Path notes = Files.writeString(dir.resolve("notes.json"), "{}");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Output out = IoTypes.output(bytes);
    try (ComponentMain main = ComponentMain.prepare(fixture("main-media"), wasi());
        Input in = IoTypes.fileInput(notes)) {
      int status = main.bind("input", in).bind("output", out).call();
      assertThat(status).as("declared before the first byte, refused after").isZero();
    }
    assertThat(bytes.toString(UTF_8)).isEqualTo("application/json\n" + notes);
    assertThat(out.mediaType()).isEqualTo(MediaType.of("text/plain; charset=utf-8"));
  }

  @Test
  void anArrayIsReadAtAndWrittenAtThroughIotypesIo(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("log.txt"), "first line\nthe last sixteen!\n");
    ByteArrayOutputStream tail = new ByteArrayOutputStream();
    try (ComponentMain main = ComponentMain.prepare(fixture("main-array"), wasi());
        IoArray writable = IoTypes.fileArray(file, true)) {
      assertThat(main.typedMain().params().get(0).type()).isEqualTo(ParamType.ARRAY);
      assertThat(main.bind("file", writable).bind("output", IoTypes.output(tail)).call()).isZero();
    }
    assertThat(tail.toString(UTF_8)).isEqualTo("e last sixteen!\n");
    assertThat(file).hasContent("first line\nthe last sixteen!\n!");

    ByteArrayOutputStream again = new ByteArrayOutputStream();
    try (ComponentMain main = ComponentMain.prepare(fixture("main-array"), wasi());
        IoArray readOnly = IoTypes.fileArray(file, false)) {
      assertThat(main.bind("file", readOnly).bind("output", IoTypes.output(again)).call())
          .as("the write to a read-only array fails: err")
          .isEqualTo(1);
    }
    assertThat(again.toString(UTF_8)).isEqualTo(" last sixteen!\n!");
    assertThat(file).hasContent("first line\nthe last sixteen!\n!");

    ByteArrayOutputStream small = new ByteArrayOutputStream();
    IoArray memory = IoTypes.array("tiny".getBytes(UTF_8));
    try (ComponentMain main = ComponentMain.prepare(fixture("main-array"), wasi())) {
      main.bind("file", memory).bind("output", IoTypes.output(small)).call();
    }
    assertThat(small.toString(UTF_8)).as("shorter than 16: all of it").isEqualTo("tiny");
  }

  @Test
  void aCommandIsNoTypedMain() throws GuestException {
    Component command = load(Path.of("..", "guests", "wasi", "components", "args.wasm"));
    assertThat(ComponentMain.declares(command)).isFalse();
    assertThatThrownBy(() -> ComponentMain.prepare(command, wasi()))
        .hasMessage("args.wasm is no typed main: it exports no function main");
  }

  static final Path LS = Path.of("..", "guests", "components", "wat", "ls.wasm");
  static final Path CPTREE = Path.of("..", "guests", "components", "wat", "cptree.wasm");
  static final Path NOW = Path.of("..", "guests", "components", "wat", "now.wasm");

  /**
   * {@code ls} walks a {@code borrow<input-directory>}: every entry in name order, a directory as
   * {@code NAME/}, a file with the size the listing gives and the bytes read from the stream it
   * opened (so a wrong size, a skipped entry or an entry opened as another's would show).
   */
  @Test
  void lsWalksAnInputDirectoryAndReadsEachEntry() throws GuestException {
    Component ls = load(LS);
    Map<String, byte[]> files = new TreeMap<>();
    files.put("b.txt", "hello".getBytes(UTF_8));
    files.put("a/x.bin", new byte[70_000]);
    files.put("a/empty", new byte[0]);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ComponentMain main = ComponentMain.prepare(ls, wasi())) {
      assertThat(main.typedMain().toString()).contains("input-directory");
      assertThat(main.typedMain().params().get(0).type()).isEqualTo(ParamType.INPUT_DIRECTORY);
      int status =
          main.bind("dir", IoTypes.inputDirectory(files))
              .bind("output", IoTypes.output(out))
              .call();
      assertThat(status).isZero();
    }
    assertThat(out.toString(UTF_8)).isEqualTo("a/\na/empty 0 0\na/x.bin 70000 70000\nb.txt 5 5\n");
  }

  /**
   * {@code cptree} creates files in a {@code borrow<output-directory>}, parents implied, the bytes
   * spliced from the input directory's entries.
   */
  @Test
  void cptreeCreatesFilesInAnOutputDirectory() throws GuestException {
    Map<String, byte[]> made = new TreeMap<>();
    int status;
    try (ComponentMain main = ComponentMain.prepare(load(CPTREE), wasi())) {
      assertThat(main.typedMain().params())
          .extracting(Param::type)
          .containsExactly(ParamType.INPUT_DIRECTORY, ParamType.OUTPUT_DIRECTORY, ParamType.STRING);
      status =
          main.bind(
                  "input",
                  IoTypes.inputDirectory(
                      Map.of("one.txt", "1".getBytes(UTF_8), "d/two", new byte[3000])))
              .bind("output", IoTypes.outputDirectory(made, Origin.NONE))
              .bind("prefix", "copy/")
              .call();
    }
    assertThat(status).isZero();
    assertThat(made.keySet()).containsExactly("copy/d/two", "copy/one.txt");
    assertThat(made.get("copy/one.txt")).isEqualTo("1".getBytes(UTF_8));
    assertThat(made.get("copy/d/two")).hasSize(3000);
  }

  /**
   * A name the guest writes that leaves the directory, is absolute or holds a backslash or a
   * control character traps before anything is created: the output directory is left empty.
   */
  @Test
  void hostileNamesTrapBeforeAnythingIsCreated() throws GuestException {
    for (String prefix :
        List.of("../", "/etc/", "a\\", "a/./", "x\u0000/", "a//", "x".repeat(4097))) {
      Map<String, byte[]> made = new TreeMap<>();
      try (ComponentMain main = ComponentMain.prepare(load(CPTREE), wasi())) {
        main.bind("input", IoTypes.inputDirectory(Map.of("f", new byte[] {1})))
            .bind("output", IoTypes.outputDirectory(made, Origin.NONE))
            .bind("prefix", prefix);
        assertThatThrownBy(main::call).as(prefix).isInstanceOf(GuestTrap.class);
      }
      assertThat(made).as(prefix).isEmpty();
    }
  }

  /**
   * {@code now} reads the clock and random it is handed: a fixed clock and a seed give the same
   * text on every run, the sleep moves the fixed clock to the deadline, and the random bytes are
   * the seed's, in order. Unbound, they are the options' ({@code --clock}, {@code --seed}).
   */
  @Test
  void nowReadsTheClockAndRandomItIsHanded() throws GuestException {
    Instant start = Instant.parse("2024-01-01T00:00:00.5Z");
    String bound =
        now(
            main ->
                main.bind("clock", IoTypes.fixedClock(start))
                    .bind("random", IoTypes.seededRandom(42)),
            wasi());
    byte[] expected = new byte[24];
    IoTypes.seededRandom(42).fill(ByteBuffer.wrap(expected));
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      hex.append(String.format("%02x", expected[i] & 0xff));
    }
    long u64 = ByteBuffer.wrap(expected, 16, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(bound)
        .isEqualTo(
            "wall 1704067200 500000000\nmonotonic 0\nresolution "
                + IoTypes.fixedClock(start).resolutionNanos()
                + "\nslept-until 1000000000\nrandom "
                + hex
                + "\nu64 "
                + Long.toUnsignedString(u64)
                + "\n");
    String fromOptions =
        now(
            main -> main,
            WasiOptions.builder()
                .clock(IoTypes.fixedClock(start))
                .random(IoTypes.seededRandom(42))
                .build());
    assertThat(fromOptions).as("unbound: the run's clock and random").isEqualTo(bound);
    String other = now(main -> main.bind("random", IoTypes.seededRandom(43)), wasi());
    assertThat(other.lines().filter(l -> l.startsWith("random ")).findFirst())
        .isNotEqualTo(bound.lines().filter(l -> l.startsWith("random ")).findFirst());
  }

  private static String now(UnaryOperator<ComponentMain> bind, WasiOptions options)
      throws GuestException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ComponentMain main = ComponentMain.prepare(load(NOW), options)) {
      assertThat(main.typedMain().params())
          .extracting(Param::type)
          .containsExactly(ParamType.CLOCK, ParamType.RANDOM, ParamType.OUTPUT_STREAM);
      assertThat(bind.apply(main).bind("output", IoTypes.output(out)).call()).isZero();
    }
    return out.toString(UTF_8);
  }

  /**
   * A {@code main} exported inside an interface is a typed main too: in an instance wit-component
   * makes (a nested component exporting it) or one made from exports; found without instantiating.
   */
  @Test
  void aMainInsideAnExportedInterfaceIsATypedMain() throws GuestException {
    for (String name : List.of("main-interface", "main-instance")) {
      Component c = fixture(name);
      assertThat(ComponentMain.declares(c)).as(name).isTrue();
      try (ComponentMain main = ComponentMain.prepare(c, wasi())) {
        assertThat(main.typedMain().params())
            .extracting(Param::type)
            .containsExactly(ParamType.U32);
        assertThat(main.typedMain().result()).isEqualTo(ResultType.U32);
        assertThat(main.bind("code", 41).call())
            .as(name)
            .isEqualTo(name.equals("main-interface") ? 41 : 42);
      }
    }
    assertThat(ComponentMain.declares(fixture("values"))).as("no main anywhere").isFalse();
    Component two = fixture("main-two");
    assertThat(ComponentMain.declares(two)).isTrue();
    assertThatThrownBy(() -> ComponentMain.prepare(two, wasi()))
        .isInstanceOf(GuestException.class)
        .hasMessage(
            "main-two.wasm is no typed main: several exported interfaces have a function main"
                + " (a, b)");
  }
}
