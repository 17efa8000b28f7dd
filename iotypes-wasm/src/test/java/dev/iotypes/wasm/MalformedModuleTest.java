package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.dylibso.chicory.wabt.Wat2Wasm;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Modules that are not Wasm, broken, or built to hurt: each is refused with a one-line {@link
 * GuestException} or stopped by a limit, and nothing but a {@link GuestException} ever reaches the
 * embedder.
 */
class MalformedModuleTest {
  private static final GuestOptions FAST =
      GuestOptions.DEFAULTS.withInterpreter(true).withTimeout(Duration.ofSeconds(5));

  /**
   * Loads {@code bytes} and, if that works, runs every typed main on small inputs: the only
   * acceptable outcomes are an exit status or a {@link GuestException}.
   *
   * @return whether the module loaded
   */
  static boolean loadAndRun(byte[] bytes, GuestOptions options) {
    Guest guest;
    try {
      guest = Guest.load(bytes, "prefix.wasm", options);
    } catch (GuestException e) {
      assertThat(e.getMessage()).doesNotContain("\n").isNotBlank();
      return false;
    } catch (Throwable t) {
      throw new AssertionError("load threw " + t, t);
    }
    for (TypedMain main : guest.typedMains()) {
      try {
        MainCall call = guest.call(main);
        for (int i = 0; i < main.params().size(); i++) {
          call.bind(i, argument(main.params().get(i)));
        }
        call.call();
      } catch (GuestException e) {
        assertThat(e.getMessage()).isNotBlank();
      } catch (Throwable t) {
        throw new AssertionError("run threw " + t, t);
      }
    }
    return true;
  }

  private static Object argument(Param param) {
    Object one = argument(param.type(), param);
    return param.arity() == Param.Arity.LIST ? List.of(one, argument(param.type(), param)) : one;
  }

  private static Object argument(ParamType type, Param param) {
    return switch (type) {
      case ENUM -> param.cases().get(0);
      case F64 -> 1.5;
      case INPUT_STREAM -> "some input\nbytes\n".getBytes(StandardCharsets.UTF_8);
      case OUTPUT_STREAM -> new ByteArrayOutputStream();
      case ARRAY -> new byte[64];
      case BOOL -> true;
      case STRING -> "text";
      default -> 3L;
    };
  }

  @ParameterizedTest(name = "[{index}]")
  @ValueSource(
      strings = {
        "",
        "hello, world",
        "\u007fELF\u0002\u0001\u0001\u0000\u0000\u0000",
        "\u0000asm",
        "\u0000asm\u0002\u0000\u0000\u0000",
        "\u0000asm\u0001\u0000\u0000\u0000\u007f\u0001\u0000",
        "\u0000asm\u0001\u0000\u0000\u0000\u0001\u00ff\u00ff\u00ff\u00ff\u000f",
      })
  void notWasmIsRefusedInOneLine(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> Guest.load(bytes, "x.wasm", FAST))
        .isInstanceOf(GuestException.class)
        .hasMessageStartingWith("x.wasm is not a")
        .hasMessageNotContaining("\n");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"wc", "sha256sum", "tac"})
  void everyPrefixOfARealModuleIsRefusedOrRuns(String tool) throws Exception {
    byte[] module = Files.readAllBytes(GuestToolsTest.GUESTS.resolve(tool + ".wasm"));
    int loaded = 0;
    for (int n = 0; n < module.length; n++) {
      if (loadAndRun(Arrays.copyOf(module, n), FAST)) {
        loaded++;
      }
    }
    assertThat(loaded).as("a prefix ending between sections is a valid module").isLessThan(20);
    assertThat(loadAndRun(module, FAST)).isTrue();
  }

  @Test
  void prefixesThatParseAlsoFailCleanlyWhenCompiled() throws Exception {
    byte[] module = Files.readAllBytes(GuestToolsTest.GUESTS.resolve("wc.wasm"));
    GuestOptions compiled = FAST.withInterpreter(false);
    for (int n = 0; n < module.length; n++) {
      byte[] prefix = Arrays.copyOf(module, n);
      boolean parses;
      try {
        Guest.load(prefix, "p.wasm", FAST);
        parses = true;
      } catch (GuestException e) {
        parses = false;
      }
      if (parses) {
        loadAndRun(prefix, compiled);
      }
    }
  }

  private static final String MAIN = "main: func(input: input-stream, output: output-stream)";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown module | (import \"env\" \"open\" (func (param i32) (result i32)))",
        "unknown function | (import \"iotypes\" \"open-file\" (func (param i32) (result i32)))",
        "wrong signature | (import \"iotypes\" \"input-read\" (func (param i32) (result i32)))",
        "WASI function | (import \"wasi_snapshot_preview1\" \"fd_write\" (func (param i32 i32 i32 i32) (result i32)))",
        "memory | (import \"env\" \"memory\" (memory 1))",
        "table | (import \"env\" \"table\" (table 1 funcref))",
        "global | (import \"env\" \"secret\" (global i32))",
      })
  void importsIoTypesDoesNotProvideAreRefusedByName(String name, String imports) throws Exception {
    Guest guest =
        Wat.guest(
            MAIN, "(module " + imports + " (func (export \"main\") (param i32) (param i32)))");
    assertThatThrownBy(() -> guest.main().bind(0, new byte[0]).bind(1, System.err).call())
        .isInstanceOf(GuestException.class)
        .isNotInstanceOf(GuestTrap.class)
        .hasMessageStartingWith("test.wasm needs an import iotypes does not provide")
        .hasMessageNotContaining("\n");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "too few params | (func (export \"main\") (param i32)) | is (i32) -> () but its typed main needs (i32, i32) -> ()",
        "i64 params | (func (export \"main\") (param i64 i64)) | but its typed main needs (i32, i32) -> ()",
        "a result | (func (export \"main\") (param i32 i32) (result i32) (i32.const 0)) | but its typed main needs",
        "not exported | (func (param i32 i32)) | declares typed main main but does not export it",
        "a memory | (memory (export \"main\") 1) | declares typed main main but does not export it",
      })
  void aTypedMainWhoseExportDoesNotMatchIsRefused(String name, String body, String message)
      throws Exception {
    Guest guest = Wat.guest(MAIN, "(module " + body + ")");
    assertThatThrownBy(() -> guest.main().bind(0, new byte[0]).bind(1, System.err).call())
        .isInstanceOf(GuestException.class)
        .hasMessageContaining(message);
  }

  @Test
  void aTypedMainSectionThatIsNotWitIsRefusedAtLoad() {
    byte[] wasm = Wat2Wasm.parse("(module (func (export \"main\") (param i32 i32)))");
    for (String bad : new String[] {"main: func(x: socket)", "main", "main: func(", ": func()"}) {
      assertThatThrownBy(
              () -> Guest.load(Wat.withSection(wasm, TypedMain.SECTION, bad), "bad.wasm", FAST))
          .as(bad)
          .isInstanceOf(GuestException.class)
          .hasMessageStartingWith("bad.wasm: bad typed main");
    }
    byte[] notUtf8 = Wat.withSection(wasm, TypedMain.SECTION, new byte[] {(byte) 0xff, 'm'});
    assertThatThrownBy(() -> Guest.load(notUtf8, "bad.wasm", FAST))
        .hasMessage("bad.wasm: section iotypes-main is not UTF-8");
  }

  @ParameterizedTest(name = "interpreter={0}")
  @ValueSource(booleans = {false, true})
  void aStartFunctionThatNeverEndsIsStoppedByTheTimeout(boolean interpreter) throws Exception {
    Guest guest =
        Guest.load(
            Wat.module(
                MAIN,
                "(module (func $start (loop $l (br $l))) (start $start)"
                    + " (func (export \"main\") (param i32 i32)))"),
            "start.wasm",
            GuestOptions.DEFAULTS.withInterpreter(interpreter).withTimeout(Duration.ofMillis(200)));
    assertThatThrownBy(() -> guest.main().bind(0, new byte[0]).bind(1, System.err).call())
        .isInstanceOf(LimitExceeded.class)
        .hasMessage("start.wasm: time limit of 200ms reached");
    assertThat(Thread.interrupted()).isFalse();
  }

  @ParameterizedTest(name = "interpreter={0}")
  @ValueSource(booleans = {false, true})
  void aDataSegmentOutsideMemoryTrapsAtInstantiation(boolean interpreter) throws Exception {
    Guest guest =
        Guest.load(
            Wat.module(
                MAIN,
                "(module (memory 1) (data (i32.const 65530) \"0123456789\")"
                    + " (func (export \"main\") (param i32 i32)))"),
            "data.wasm",
            GuestOptions.DEFAULTS.withInterpreter(interpreter));
    assertThatThrownBy(() -> guest.main().bind(0, new byte[0]).bind(1, System.err).call())
        .isInstanceOf(GuestTrap.class)
        .hasMessageStartingWith("data.wasm trapped");
  }

  @ParameterizedTest(name = "interpreter={0}")
  @ValueSource(booleans = {false, true})
  void mutualRecursionExhaustsTheStackAsATrap(boolean interpreter) throws Exception {
    Guest guest =
        Guest.load(
            Wat.module(
                MAIN,
                "(module (func $a (param i64) (call $b (local.get 0) (local.get 0)))"
                    + " (func $b (param i64 i64) (call $a (i64.add (local.get 0) (local.get 1))))"
                    + " (func (export \"main\") (param i32 i32) (call $a (i64.const 1))))"),
            "deep.wasm",
            GuestOptions.DEFAULTS.withInterpreter(interpreter));
    for (int i = 0; i < 3; i++) { // and again: the JVM and the thread are fine afterwards
      assertThatThrownBy(() -> guest.main().bind(0, new byte[0]).bind(1, System.err).call())
          .isInstanceOf(GuestTrap.class)
          .hasMessageContaining("call stack exhausted");
    }
  }

  @Test
  void aModuleOfManyFunctionsAndLocalsLoadsOrIsRefused() {
    StringBuilder wat = new StringBuilder("(module");
    for (int i = 0; i < 2000; i++) {
      wat.append(" (func (local i64 i64 i64 i64 i64 i64 i64 i64))");
    }
    wat.append(" (func (export \"main\") (param i32 i32) (local ");
    wat.append(" i64".repeat(20000)).append(")))");
    byte[] bytes = Wat.module(MAIN, wat.toString());
    if (!loadAndRun(bytes, GuestOptions.DEFAULTS)) {
      fail("a large but valid module is refused");
    }
  }
}
