package dev.iotypes.component.abi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.component.binary.CanonOption.StringEncoding;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class CanonicalAbiPropertiesTest {
  private static StringEncoding encoding(long seed) {
    return StringEncoding.values()[(int) Math.floorMod(seed, 3)];
  }

  @Property(tries = 400)
  void aValueStoredInMemoryLoadsBackEqual(@ForAll long seed) {
    RandomValues r = new RandomValues(seed);
    ValType t = r.type(3);
    Object v = r.value(t);
    BytesMemory m = new BytesMemory(1 << 20);
    Call cx = new Call(m.options(encoding(seed), new HandleTable()));
    int ptr = m.realloc(0, 0, Layout.alignment(t), (int) Layout.size(t));
    Lowering.store(cx, v, t, ptr);
    assertThat(RandomValues.comparable(Lifting.load(cx, t, ptr)))
        .isEqualTo(RandomValues.comparable(v));
  }

  @Property(tries = 400)
  void aValueFlattenedLiftsBackEqualFromAsManyCoreValuesAsItsTypeFlattensTo(@ForAll long seed) {
    RandomValues r = new RandomValues(seed);
    ValType t = r.type(3);
    Object v = r.value(t);
    BytesMemory m = new BytesMemory(1 << 20);
    Call cx = new Call(m.options(encoding(seed), new HandleTable()));
    List<Long> flat = Lowering.lowerFlat(cx, v, t);
    assertThat(flat).hasSize(Flat.flatten(List.of(t)).size());
    long[] raw = flat.stream().mapToLong(Long::longValue).toArray();
    assertThat(RandomValues.comparable(Lifting.liftFlat(cx, t, new Lifting.FlatValues(raw))))
        .isEqualTo(RandomValues.comparable(v));
  }

  /**
   * A host function lowered into a guest and a guest function lifted to the host, chained: the
   * values come back through both, spilling to memory when they flatten past the limits.
   */
  @Property(tries = 300)
  void argumentsAndResultsCrossBothDirectionsOfACall(@ForAll long seed) {
    RandomValues r = new RandomValues(seed);
    List<ValType.Field> params = new ArrayList<>();
    for (int i = 0, n = (int) Math.floorMod(seed, 7); i < n; i++) {
      params.add(new ValType.Field("p" + i, r.type(2)));
    }
    ValType result = new ValType.Tuple(params.stream().map(ValType.Field::type).toList());
    if (params.isEmpty()) {
      result = ValType.STRING;
    }
    FuncType ft = new FuncType(params, result);
    List<Object> args = new ArrayList<>();
    params.forEach(p -> args.add(r.value(p.type())));
    Object expected = params.isEmpty() ? "none" : new Value.Tuple(args);
    BytesMemory m = new BytesMemory(1 << 20);
    Options opts = m.options(encoding(seed), new HandleTable());
    // the "guest" core function is the lowered host function that returns its arguments
    Calls.Core guest =
        coreArgs -> {
          Flat.Signature lowered = Flat.signature(ft, true);
          long[] in = coreArgs;
          int retptr = 0;
          if (lowered.params().size() > coreArgs.length) {
            retptr = m.realloc(0, 0, 8, (int) Layout.size(ft.result()));
            in = java.util.Arrays.copyOf(coreArgs, coreArgs.length + 1);
            in[coreArgs.length] = retptr;
          }
          long[] out =
              Calls.callLowered(
                  opts, ft, in, vals -> vals.isEmpty() ? "none" : new Value.Tuple(vals));
          return out.length == 0 ? new long[] {retptr} : out;
        };
    Object back = Calls.callLifted(opts, ft, args, guest, null);
    assertThat(RandomValues.comparable(back)).isEqualTo(RandomValues.comparable(expected));
  }
}
