package dev.iotypes.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.wasm.Param;
import dev.iotypes.wasm.TypedMain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Arguments read against a typed main by the picocli model built from its signature. */
class ProgramArgsTest {
  private static final TypedMain WC =
      TypedMain.parse(
          "enum when { auto, always, only, never }\n"
              + "main: func(\n"
              + "  /// -l, --lines: lines\n  lines: bool,\n"
              + "  /// -w: words\n  words: bool,\n"
              + "  /// default: auto\n  total: when,\n"
              + "  inputs: list<input-stream>, output: output-stream) -> result");

  private static final TypedMain SCALARS =
      TypedMain.parse(
          "main: func(a: u8, b: s8, c: u16, d: s16, e: u32, f: s32, g: u64, h: s64, x: f64,"
              + " t: option<string>, q: option<bool>)");

  private static ProgramArgs parse(TypedMain main, String... args) {
    return ProgramArgs.parse("t.wasm", main, List.of(args));
  }

  private static Param param(TypedMain main, String name) {
    return main.params().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aPositionalValueTakesItsPlaceAmongTheHandlesAndIsReadAsAnOptionWouldBe() {
    TypedMain main =
        TypedMain.parse(
            "enum mode { fast, best }\n"
                + "main: func(\n  /// positional\n  level: mode,\n  /// positional\n"
                + "  count: option<u8>, ins: list<input-stream>, out: output-stream)");
    for (List<String> args :
        List.of(List.of("best", "7", "a", "b", "-"), List.of("--", "best", "7", "a", "b", "-"))) {
      ProgramArgs parsed = ProgramArgs.parse("t.wasm", main, args);
      assertThat(parsed.values()).containsEntry(param(main, "level"), "best");
      assertThat(parsed.values()).containsEntry(param(main, "count"), 7L);
      assertThat(parsed.handles().get(param(main, "ins"))).containsExactly("a", "b");
      assertThat(parsed.handles()).doesNotContainKey(param(main, "level"));
    }
    assertThat(parse(main, "fast", "-").values()).doesNotContainKey(param(main, "count"));
    assertThatThrownBy(() -> parse(main, "slow", "-"))
        .hasMessage("invalid value for LEVEL: not a mode (fast, best): slow");
    assertThatThrownBy(() -> parse(main, "best", "300", "-"))
        .hasMessage("invalid value for COUNT: not a u8 (0 to 255): 300");
  }

  @Property(tries = 50)
  void aListTakesWhatThePlainHandlesAroundItLeave(@ForAll @IntRange(min = 0, max = 20) int n) {
    TypedMain main =
        TypedMain.parse(
            "main: func(first: input-stream, middle: list<input-stream>, last: output-stream)");
    List<String> args = new ArrayList<>();
    for (int i = 0; i < n + 2; i++) {
      args.add("arg" + i);
    }
    Map<Param, List<String>> handles = parse(main, args.toArray(String[]::new)).handles();
    assertThat(handles.get(param(main, "first"))).containsExactly("arg0");
    assertThat(handles.get(param(main, "middle"))).isEqualTo(args.subList(1, n + 1));
    assertThat(handles.get(param(main, "last"))).containsExactly("arg" + (n + 1));
  }

  @Property(tries = 200)
  void argumentsWithoutOptionsReadAsPicocliReadsThem(
      @ForAll @IntRange(min = 0, max = 6) int n, @ForAll boolean dash, @ForAll boolean optional) {
    TypedMain main =
        TypedMain.parse(
            optional
                ? "main: func(in: option<input-stream>, out: output-stream, n: u32)"
                : "main: func(lines: bool, ins: list<input-stream>, out: output-stream)");
    List<String> args = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      args.add(dash && i % 2 == 0 ? "-" : "a b" + i);
    }
    Object fast;
    Object picocli;
    try {
      fast = ProgramArgs.parse("t.wasm", main, args);
    } catch (IllegalArgumentException e) {
      fast = e.getMessage();
    }
    try {
      picocli = ProgramArgs.withPicocli("t.wasm", main, args);
    } catch (IllegalArgumentException e) {
      picocli = e.getMessage();
    }
    assertThat(fast).isEqualTo(picocli);
  }

  @Test
  void anOptionalPositionalTakesAnArgumentOnlyIfOneIsToSpare() {
    TypedMain main = TypedMain.parse("main: func(in: option<input-stream>, out: output-stream)");
    ProgramArgs one = parse(main, "x");
    assertThat(one.handles().get(param(main, "in"))).isEmpty();
    assertThat(one.handles().get(param(main, "out"))).containsExactly("x");
    ProgramArgs two = parse(main, "x", "y");
    assertThat(two.handles().get(param(main, "in"))).containsExactly("x");
    assertThat(two.handles().get(param(main, "out"))).containsExactly("y");
    assertThatThrownBy(() -> parse(main)).hasMessage("missing argument OUT (output-stream)");
  }

  @Test
  void flagsClusterAndOptionsGoAnywhereAmongTheArguments() {
    ProgramArgs args = parse(WC, "a", "-lw", "b", "--total", "only", "-");
    assertThat(args.values())
        .containsEntry(param(WC, "lines"), true)
        .containsEntry(param(WC, "words"), true)
        .containsEntry(param(WC, "total"), "only");
    assertThat(args.handles().get(param(WC, "inputs"))).containsExactly("a", "b");
    assertThat(args.handles().get(param(WC, "output"))).containsExactly("-");
    assertThat(parse(WC, "-").values()).isEmpty(); // left to the call: false, the default
  }

  @Test
  void helpAnywhereAmongTheOptionsWinsOverErrors() {
    assertThat(parse(WC, "a", "--help", "b").help()).isTrue();
    assertThat(parse(WC, "--bogus", "-h").help()).isTrue();
    assertThat(parse(WC, "--total=sometimes", "-h").help()).isTrue();
    ProgramArgs after = parse(WC, "--", "-h", "-");
    assertThat(after.help()).isFalse();
    assertThat(after.handles().get(param(WC, "inputs"))).containsExactly("-h");
  }

  @Test
  void doubleDashEndsTheOptions() {
    ProgramArgs args = parse(WC, "-l", "--", "--lines", "-w", "-");
    assertThat(args.values()).containsOnlyKeys(param(WC, "lines"));
    assertThat(args.handles().get(param(WC, "inputs"))).containsExactly("--lines", "-w");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--total=sometimes -| Invalid value for option '--total': not a when (auto, always, only,"
            + " never): sometimes",
        "--linse - | Unknown option: '--linse' (did you mean --lines?)",
        "-x - | Unknown option: '-x'",
        "-l -l - | option '--lines' should be specified only once",
        "- --total | Missing required parameter for option '--total' (WHEN)",
        "--lines=yes - | option '--lines' should be specified without 'yes' parameter",
      })
  void mistakesAreOneLineUsageErrors(String args, String message) {
    assertThatThrownBy(() -> parse(WC, args.strip().split(" ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--a=256 | not a u8 (0 to 255): 256",
        "--a=-1 | not a u8 (0 to 255): -1",
        "--b=-129 | not a s8 (-128 to 127): -129",
        "--c=65536 | not a u16 (0 to 65535): 65536",
        "--d=32768 | not a s16 (-32768 to 32767): 32768",
        "--e=4294967296 | not a u32 (0 to 4294967295): 4294967296",
        "--f=2147483648 | not a s32 (-2147483648 to 2147483647): 2147483648",
        "--g=18446744073709551616 | not a u64 (0 to 18446744073709551615): 18446744073709551616",
        "--g=-0 | not a u64 (0 to 18446744073709551615): -0",
        "--h=9223372036854775808 | not a s64 (-9223372036854775808 to 9223372036854775807):"
            + " 9223372036854775808",
        "--x=1,5 | not an f64 (a decimal number): 1,5",
        "--x=1d | not an f64 (a decimal number): 1d",
        "--x=0x1p3 | not an f64 (a decimal number): 0x1p3",
        "--a=0x10 | not a u8 (0 to 255): 0x10",
      })
  void integersOutOfRangeAndMalformedNumbersAreRefused(String arg, String message) {
    assertThatThrownBy(() -> parse(SCALARS, arg.strip()))
        .hasMessageEndingWith(message)
        .hasMessageStartingWith("Invalid value for option '--" + arg.strip().charAt(2) + "'");
  }

  @Test
  void valuesAtTheEdgesOfTheirRangesAreTaken() {
    ProgramArgs args =
        parse(
            SCALARS,
            "--a=255",
            "--b=-128",
            "--c=65535",
            "--d=-32768",
            "--e=4294967295",
            "--f=-2147483648",
            "--g=18446744073709551615",
            "--h=-9223372036854775808",
            "--x=-1.5e3",
            "--t=",
            "--q=false");
    assertThat(args.values())
        .containsEntry(param(SCALARS, "a"), 255L)
        .containsEntry(param(SCALARS, "b"), -128L)
        .containsEntry(param(SCALARS, "g"), -1L) // 2^64 - 1 as a long's bits
        .containsEntry(param(SCALARS, "h"), Long.MIN_VALUE)
        .containsEntry(param(SCALARS, "x"), -1500.0)
        .containsEntry(param(SCALARS, "t"), "")
        .containsEntry(param(SCALARS, "q"), false);
  }

  @Test
  void aListAfterAListCannotBeDealtFromTheCommandLine() {
    TypedMain two = TypedMain.parse("main: func(a: list<input-stream>, b: list<output-stream>)");
    assertThat(ProgramArgs.unbindable(two))
        .contains(
            "b: list<output-stream> after a: list<input-stream>: the command line cannot tell"
                + " which arguments are whose");
    assertThat(ProgramArgs.unbindable(WC)).isEmpty();
  }
}
