package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TypedMainTest {
  @Test
  void parsesTheDeclarationAndLowersIt() {
    TypedMain main =
        TypedMain.parse(
            "main: func(lines: u64, verbose: bool, input: borrow<input-stream>, out: output-stream,"
                + " data: array, label: string) -> result");
    assertThat(main.export()).isEqualTo("main");
    assertThat(main.params())
        .extracting(Param::type)
        .containsExactly(
            ParamType.U64,
            ParamType.BOOL,
            ParamType.INPUT_STREAM,
            ParamType.OUTPUT_STREAM,
            ParamType.ARRAY,
            ParamType.STRING);
    assertThat(main.result()).isEqualTo(ResultType.RESULT);
    assertThat(main.lowered())
        .isEqualTo(
            FunctionType.of(
                List.of(
                    ValType.I64, ValType.I32, ValType.I32, ValType.I32, ValType.I32, ValType.I32),
                List.of(ValType.I32)));
  }

  @Test
  void printsBackAsWit() {
    String text = "run-it: func(input: input-stream, n: s32) -> u32";
    assertThat(TypedMain.parse(text)).hasToString(text);
    assertThat(TypedMain.parse("  main : func( ) ")).hasToString("main: func()");
  }

  @Test
  void aSectionMayDeclareSeveralMains() {
    assertThat(TypedMain.parseAll("a: func()\n\nb: func(x: u32) -> result\n"))
        .extracting(TypedMain::export)
        .containsExactly("a", "b");
  }

  @Test
  void resultsMapToExitStatuses() {
    assertThat(ResultType.RESULT.exitStatus(new long[] {0})).isZero();
    assertThat(ResultType.RESULT.exitStatus(new long[] {7})).isEqualTo(1);
    assertThat(ResultType.U32.exitStatus(new long[] {300})).isEqualTo(255);
    assertThat(ResultType.U32.exitStatus(new long[] {-1})).isEqualTo(255);
    assertThat(ResultType.S32.exitStatus(new long[] {-1})).isZero();
    assertThat(ResultType.NONE.exitStatus(new long[0])).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "main: func(input: file) -> result",
        "main: func(input input-stream)",
        "main: func(a: u32, a: u32)",
        "main: func() -> string",
        "Main: func()",
        "main func()",
      })
  void rejectsWhatItCannotBind(String text) {
    assertThatThrownBy(() -> TypedMain.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyKindLowersAsTheAbiSays() {
    TypedMain main =
        TypedMain.parse(
            "enum mode { fast, best }\n"
                + "main: func(a: u8, b: s8, c: u16, d: s16, e: f64, f: mode, g: option<u32>,"
                + " h: option<s64>, i: list<input-stream>, j: list<output-stream>,"
                + " k: option<string>, l: list<array>)");
    assertThat(main.params())
        .extracting(Param::wit)
        .containsExactly(
            "u8",
            "s8",
            "u16",
            "s16",
            "f64",
            "mode",
            "option<u32>",
            "option<s64>",
            "list<input-stream>",
            "list<output-stream>",
            "option<string>",
            "list<array>");
    ValType i32 = ValType.I32;
    assertThat(main.lowered().params())
        .containsExactly(
            i32,
            i32,
            i32,
            i32,
            ValType.F64,
            i32,
            i32,
            i32,
            i32,
            ValType.I64,
            i32,
            i32,
            i32,
            i32,
            i32,
            i32,
            i32,
            i32);
    assertThat(main.params().get(5).cases()).containsExactly("fast", "best");
  }

  @Test
  void docCommentsBecomeHelpFlagsAndDefaults() {
    TypedMain main =
        TypedMain.parseAll(
                "// a plain comment is not help\n"
                    + "enum when { auto, always }\n"
                    + "/// Print the first lines\n"
                    + "/// of each input.\n"
                    + "main: func(\n"
                    + "  /// -n, --lines: print the first N lines\n"
                    + "  /// default: 10\n"
                    + "  lines: u32,\n"
                    + "  /// -q: never print headers\n"
                    + "  quiet: bool,\n"
                    + "  /// --total: when to total\n"
                    + "  /// default: always\n"
                    + "  total: when,\n"
                    + "  input: input-stream, // trailing comment\n"
                    + ") -> result\n")
            .get(0);
    assertThat(main.doc()).isEqualTo("Print the first lines of each input.");
    assertThat(main.params().get(0).doc())
        .isEqualTo(new ParamDoc("print the first N lines", "n", "10"));
    assertThat(main.params().get(1).doc())
        .isEqualTo(new ParamDoc("never print headers", "q", null));
    assertThat(main.params().get(2).doc()).isEqualTo(new ParamDoc("when to total", "", "always"));
    assertThat(main.params().get(3).doc()).isEqualTo(ParamDoc.NONE);
    assertThat(main)
        .hasToString(
            "main: func(lines: u32, quiet: bool, total: when, input: input-stream) -> result");
  }

  @Test
  void enumsAreSharedByTheMainsOfASectionInAnyOrder() {
    List<TypedMain> mains =
        TypedMain.parseAll("a: func(m: mode)\nenum mode {\n x,\n y,\n}\nb: func(n: mode)\n");
    assertThat(mains).extracting(m -> m.params().get(0).cases()).containsOnly(List.of("x", "y"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "main: func(n: list<u32>) | line 1: list<u32> cannot be bound: a list takes handles",
        "main: func(n: option<list<input-stream>>) | one level only",
        "main: func(n: option<x>) | line 1: unsupported parameter type: x",
        "main: func(n: result<u32>) | unsupported parameter type: result<...>",
        "main: func(n: borrow<u32>) | only handles are borrowed",
        "main: func(\\n/// default: 3\\nn: option<u32>) | line 3: n: option<u32> cannot have a"
            + " default",
        "main: func(\\n/// default: 300\\nn: u8) | line 3: default of n: not a u8 (0 to 255): 300",
        "enum m { a }\\nmain: func(\\n/// default: c\\nn: m) | default of n: not a m (a): c",
        "main: func(\\n/// -i: input\\ni: input-stream) | i is positional: it takes no flag",
        "main: func(\\n/// positional\\ni: input-stream) | i cannot be positional: only a plain value",
        "main: func(\\n/// positional\\nb: bool) | b cannot be positional",
        "main: func(\\n/// -p: the pattern\\n/// positional\\np: string) | p is positional: it takes no"
            + " flag",
        "main: func(\\n/// positional\\n/// default: 3\\nn: u32) | n: u32 cannot have a default",
        "main: func(\\n/// -x: one\\na: bool,\\n/// -x: two\\nb: bool) | -x is declared by both a and"
            + " b",
        "main: func(\\n/// -h: hidden\\na: bool) | -h and --help are kept for the help",
        "main: func(help: bool) | -h and --help are kept for the help",
        "main: func(\\n/// -n, --number: n\\nlines: u32) | the doc of lines names --number, not"
            + " --lines",
        "enum m { a, a } | enum m has case a twice",
        "enum m { } | expected a case of enum m, found '}'",
        "enum u32 { a } | enum u32 is declared twice or names a built-in type",
        "main: func(a: u32 | expected ',' or ')' after a parameter, found the end",
        "main: func() -> list | unsupported result type: list",
        "main: func()\\nmain: func() | line 2: typed main main is declared twice",
        "main: func(a: u32) $ | unexpected character '$'",
      })
  void aMalformedDeclarationIsRefusedSayingWhy(String text, String message) {
    assertThatThrownBy(() -> TypedMain.parseAll(text.replace("\\n", "\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
