package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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
}
