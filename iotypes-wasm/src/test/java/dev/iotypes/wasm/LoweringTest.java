package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.IoTypes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The core lowering of every parameter kind, as a guest receives it: {@code echo-params.wasm}
 * writes back each core argument (see the top of {@code guests/wat/echo-params.wat}).
 */
class LoweringTest {
  /** Lines of echo-params' output: 17 core values, then the label's and the inputs' bytes. */
  private static final int VALUES = 17;

  enum Mode {
    FAST,
    BEST
  }

  static Guest echo() throws GuestException {
    return GuestToolsTest.guest("echo-params");
  }

  /** The required parameters bound to small values; the caller binds the rest. */
  static MainCall required(Guest guest, ByteArrayOutputStream out) throws GuestException {
    return guest
        .main()
        .bind("tiny", 1)
        .bind("small", 2)
        .bind("word", 3)
        .bind("half", 4)
        .bind("delta", 5)
        .bind("big", 6L)
        .bind("offset", 7L)
        .bind("ratio", 0.5)
        .bind("output", out);
  }

  static List<String> lines(ByteArrayOutputStream out) {
    return Arrays.asList(out.toString(StandardCharsets.UTF_8).split("\n", -1));
  }

  @Test
  void integersArriveAsTheirCoreBitsSignedOnesSignExtended() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        echo()
            .main()
            .bind("flag", true)
            .bind("tiny", 255)
            .bind("small", (byte) -1)
            .bind("word", 65535)
            .bind("half", (short) -2)
            .bind("count", 4_294_967_295L)
            .bind("delta", -3)
            .bind("big", -1L) // 2^64 - 1, as a u64
            .bind("offset", Long.MIN_VALUE)
            .bind("ratio", -2.25)
            .bind("mode", "best")
            .bind("output", out)
            .call();
    assertThat(status).isZero();
    assertThat(lines(out).subList(0, 11))
        .containsExactly(
            "1",
            "255",
            "4294967295", // s8 -1 as an i32
            "65535",
            "4294967294",
            "4294967295",
            "4294967293",
            "18446744073709551615",
            Long.toUnsignedString(Long.MIN_VALUE),
            Long.toUnsignedString(Double.doubleToRawLongBits(-2.25)),
            "1");
  }

  @Test
  void optionsAreADiscriminantThenTheValueOrZero() throws Exception {
    ByteArrayOutputStream none = new ByteArrayOutputStream();
    required(echo(), none).call();
    assertThat(lines(none).subList(11, 15)).containsExactly("0", "0", "0", "0");

    ByteArrayOutputStream some = new ByteArrayOutputStream();
    required(echo(), some).bind("label", Optional.of("hello")).bind("limit", 42).call();
    List<String> lines = lines(some);
    assertThat(lines.get(11)).isEqualTo("1");
    assertThat(Long.parseLong(lines.get(12))).isPositive(); // a handle: the string's input
    assertThat(lines.subList(13, 15)).containsExactly("1", "42");
    assertThat(lines.get(VALUES)).isEqualTo("hello");

    ByteArrayOutputStream nulls = new ByteArrayOutputStream();
    required(echo(), nulls).bind("label", null).bind("limit", Optional.empty()).call();
    assertThat(lines(nulls).subList(11, 15)).containsExactly("0", "0", "0", "0");
  }

  @Test
  void aListIsItsFirstHandleAndCountWithHandlesConsecutiveAndInOrder() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Object> inputs =
        List.of(
            "one".getBytes(StandardCharsets.UTF_8),
            IoTypes.input("two".getBytes(StandardCharsets.UTF_8)),
            new java.io.ByteArrayInputStream("three".getBytes(StandardCharsets.UTF_8)));
    required(echo(), out).bind("inputs", inputs).call();
    List<String> lines = lines(out);
    assertThat(Long.parseLong(lines.get(15))).isPositive();
    assertThat(lines.get(16)).isEqualTo("3");
    // echo-params reads handles first .. first + 2: each is the input in its place
    assertThat(lines.subList(VALUES, VALUES + 3)).containsExactly("one", "two", "three");

    ByteArrayOutputStream empty = new ByteArrayOutputStream();
    required(echo(), empty).bind("inputs", List.of()).call();
    assertThat(lines(empty).subList(15, 17)).containsExactly("0", "0");
  }

  @Test
  void unboundParametersTakeTheirDefaultsNoneEmptyOrFalse() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    required(echo(), out).call();
    List<String> lines = lines(out);
    assertThat(lines.get(0)).as("flag").isEqualTo("0");
    assertThat(lines.get(5)).as("count: default 10").isEqualTo("10");
    assertThat(lines.get(10)).as("mode: default fast").isEqualTo("0");
    assertThat(lines.subList(15, 17)).as("inputs: empty").containsExactly("0", "0");
  }

  @Test
  void anEnumTakesACaseNameOrAJavaEnumConstant() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    required(echo(), out).bind("mode", Mode.BEST).call();
    assertThat(lines(out).get(10)).isEqualTo("1");
  }

  @Test
  void aValueOfTheWrongTypeOrRangeIsRefusedWhenBound() throws Exception {
    MainCall call = echo().main();
    assertThatThrownBy(() -> call.bind("tiny", 256))
        .hasMessage("tiny: u8: not a u8 (0 to 255): 256");
    assertThatThrownBy(() -> call.bind("small", 128))
        .hasMessage("small: s8: not a s8 (-128 to 127): 128");
    assertThatThrownBy(() -> call.bind("count", -1))
        .hasMessage("count: u32: not a u32 (0 to 4294967295): -1");
    assertThatThrownBy(() -> call.bind("big", -1)).hasMessageContaining("not a u64");
    assertThatThrownBy(() -> call.bind("tiny", "1"))
        .hasMessage("parameter tiny: u8 takes an integer, not a String");
    assertThatThrownBy(() -> call.bind("ratio", 1L))
        .hasMessage("parameter ratio: f64 takes a Double, not a Long");
    assertThatThrownBy(() -> call.bind("mode", "slow"))
        .hasMessage("mode: mode: no case slow (fast, best)");
    assertThatThrownBy(() -> call.bind("inputs", "a.txt"))
        .hasMessage("parameter inputs: list<input-stream> takes a Collection, not a String");
    assertThatThrownBy(() -> call.bind("inputs", List.of(42)))
        .hasMessage(
            "parameter inputs: list<input-stream> takes an Input, Path, byte[] or InputStream,"
                + " not a Integer");
    assertThatThrownBy(() -> call.bind("limit", Optional.of("x")))
        .hasMessage("parameter limit: option<u32> takes an integer, not a String");
    assertThatThrownBy(() -> call.bind("flag", null))
        .hasMessage("parameter flag: bool takes a Boolean, not null");
  }

  @Test
  void aRequiredParameterLeftUnboundIsMissing() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MainCall call = required(echo(), out);
    Guest guest = echo();
    MainCall partial = guest.main().bind("output", out);
    assertThatThrownBy(partial::call).hasMessage("missing argument: tiny: u8");
    assertThat(call.call()).isZero();
  }
}
