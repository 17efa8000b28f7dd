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
import dev.iotypes.wasm.Param;
import dev.iotypes.wasm.ParamDoc;
import dev.iotypes.wasm.ParamType;
import dev.iotypes.wasm.ResultType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Typed mains as component exports, from Java: the export's types read as a typed main, arguments
 * bound from the core library's streams and plain values, the result as the exit status.
 */
class ComponentMainTest {
  static final Path CAT = Path.of("..", "guests", "components", "cat.wasm");

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
    Component head = load(Path.of("..", "guests", "components", "head.wasm"));
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
}
