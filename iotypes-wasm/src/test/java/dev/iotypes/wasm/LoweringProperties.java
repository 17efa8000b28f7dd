package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Whatever in-range values are bound, the guest receives exactly their core lowering. */
class LoweringProperties {
  private static final Guest ECHO;

  static {
    try {
      ECHO = LoweringTest.echo();
    } catch (GuestException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Property(tries = 60)
  void everyIntegerInRangeArrivesAsItsBits(
      @ForAll @IntRange(min = 0, max = 255) int tiny,
      @ForAll byte small,
      @ForAll @IntRange(min = 0, max = 65535) int word,
      @ForAll short half,
      @ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long count,
      @ForAll int delta,
      @ForAll long big,
      @ForAll long offset,
      @ForAll double ratio)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        ECHO.main()
            .bind("tiny", tiny)
            .bind("small", small)
            .bind("word", word)
            .bind("half", half)
            .bind("count", count)
            .bind("delta", delta)
            .bind("big", big)
            .bind("offset", offset)
            .bind("ratio", ratio)
            .bind("output", out)
            .call();
    assertThat(status).isZero();
    List<String> lines = LoweringTest.lines(out);
    assertThat(lines.subList(1, 10))
        .containsExactly(
            Integer.toString(tiny),
            Integer.toUnsignedString(small),
            Integer.toString(word),
            Integer.toUnsignedString(half),
            Long.toString(count),
            Integer.toUnsignedString(delta),
            Long.toUnsignedString(big),
            Long.toUnsignedString(offset),
            Long.toUnsignedString(Double.doubleToRawLongBits(ratio)));
  }
}
