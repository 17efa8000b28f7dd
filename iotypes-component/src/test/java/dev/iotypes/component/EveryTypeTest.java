package dev.iotypes.component;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.component.abi.Value;
import dev.iotypes.component.link.ComponentFunc;
import dev.iotypes.component.link.ComponentInstance;
import dev.iotypes.component.link.HostImports;
import dev.iotypes.wasm.GuestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code src/test/wat/every-type.wat}: a value of each type, lowered by the host into the guest's
 * memory (inside a tuple past the flat limit) and lifted back from the pointer the guest's core
 * code returns; a type of one core value also through registers.
 */
class EveryTypeTest {
  private static ComponentInstance instance;

  @BeforeAll
  static void instantiate() throws Exception {
    instance =
        Component.load(ComponentValuesTest.DIR.resolve("every-type.wasm"), GuestOptions.DEFAULTS)
            .instantiate(new HostImports());
  }

  /** Values of each type, by the name of its exports. */
  static final Map<String, List<Object>> VALUES =
      Map.ofEntries(
          Map.entry("bool", List.of(true, false)),
          Map.entry("s8", List.of(-128, 127, -1)),
          Map.entry("u8", List.of(0, 255)),
          Map.entry("s16", List.of(-32768, 32767)),
          Map.entry("u16", List.of(0, 65535)),
          Map.entry("s32", List.of(Integer.MIN_VALUE, Integer.MAX_VALUE)),
          Map.entry("u32", List.of(0L, 0xffff_ffffL)),
          Map.entry("s64", List.of(Long.MIN_VALUE, Long.MAX_VALUE)),
          Map.entry("u64", List.of(-1L, 0L)),
          Map.entry("f32", List.of(1.5f, -0.0f, Float.NaN, Float.NEGATIVE_INFINITY)),
          Map.entry("f64", List.of(-0.0, Math.PI, Double.MAX_VALUE)),
          Map.entry("char", List.of(0x1f600, (int) 'a', 0xfffd, 0x10ffff)),
          Map.entry("string", List.of("", "naïve ☃ 𝄞")),
          Map.entry("strings", List.of(List.of(), List.of("a", "", "ü"))),
          Map.entry(
              "record",
              List.of(
                  new Value.Record(List.of(7, "b", List.of(1, 65535))),
                  new Value.Record(List.of(0, "", List.of())))),
          Map.entry("tuple", List.of(new Value.Tuple(List.of(-5, 2.25, (int) 'x')))),
          Map.entry(
              "variant",
              List.of(
                  new Value.Variant(0, null),
                  new Value.Variant(1, 123L),
                  new Value.Variant(2, "text"),
                  new Value.Variant(3, new Value.Tuple(List.of(9, 0.5f))))),
          Map.entry("enum", List.of(new Value.Enum(0), new Value.Enum(2))),
          Map.entry("option", List.of(Optional.empty(), Optional.of("some"))),
          Map.entry("result", List.of(Value.Result.ok(5L), Value.Result.error("bad"))),
          Map.entry("flags", List.of(new Value.Flags(0), new Value.Flags(0b1_0100_0011))));

  private static Object call(String name, Object arg) {
    return ((ComponentFunc) instance.exports().get(name)).call().call(List.of(arg));
  }

  @Test
  void everyTypeRoundTripsThroughTheGuestsMemory() {
    for (Map.Entry<String, List<Object>> e : VALUES.entrySet()) {
      for (Object v : e.getValue()) {
        List<Object> fields = new ArrayList<>();
        fields.add(v);
        for (long i = 0; i < 16; i++) {
          fields.add(i * 0x0101_0101_0101L);
        }
        Value.Tuple arg = new Value.Tuple(fields);
        assertThat(call("spill-" + e.getKey(), arg)).as(e.getKey()).isEqualTo(arg);
      }
    }
  }

  @Test
  void aTypeOfOneCoreValueRoundTripsThroughRegisters() {
    List<String> flat = new ArrayList<>();
    for (Map.Entry<String, List<Object>> e : VALUES.entrySet()) {
      if (instance.exports().containsKey("flat-" + e.getKey())) {
        flat.add(e.getKey());
        for (Object v : e.getValue()) {
          assertThat(call("flat-" + e.getKey(), v)).as(e.getKey()).isEqualTo(v);
        }
      }
    }
    assertThat(flat)
        .containsExactlyInAnyOrder(
            "bool", "s8", "u8", "s16", "u16", "s32", "u32", "s64", "u64", "f32", "f64", "char",
            "enum", "flags");
  }
}
