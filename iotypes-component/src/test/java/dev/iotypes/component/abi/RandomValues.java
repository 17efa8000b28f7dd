package dev.iotypes.component.abi;

import dev.iotypes.component.binary.PrimType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Random value types (no resources) and random values of them, for property tests. */
final class RandomValues {
  private final Random random;

  RandomValues(long seed) {
    random = new Random(seed);
  }

  ValType type(int depth) {
    int kinds = depth <= 0 ? 1 : 10;
    switch (random.nextInt(kinds)) {
      case 0 -> {
        PrimType[] p = PrimType.values();
        return new ValType.Prim(p[random.nextInt(p.length)]);
      }
      case 1 -> {
        return new ValType.ListOf(random.nextBoolean() ? ValType.U8 : type(depth - 1));
      }
      case 2 -> {
        List<ValType.Field> f = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
          f.add(new ValType.Field("f" + i, type(depth - 1)));
        }
        return new ValType.Record(f);
      }
      case 3 -> {
        List<ValType> t = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
          t.add(type(depth - 1));
        }
        return new ValType.Tuple(t);
      }
      case 4 -> {
        List<ValType.Case> c = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
          c.add(new ValType.Case("c" + i, random.nextBoolean() ? null : type(depth - 1)));
        }
        return new ValType.Variant(c);
      }
      case 5 -> {
        return new ValType.Enum(names(1 + random.nextInt(300)));
      }
      case 6 -> {
        return new ValType.Flags(names(1 + random.nextInt(32)));
      }
      case 7 -> {
        return new ValType.Option(type(depth - 1));
      }
      case 8 -> {
        return new ValType.Result(
            random.nextBoolean() ? null : type(depth - 1),
            random.nextBoolean() ? null : type(depth - 1));
      }
      default -> {
        return new ValType.Prim(PrimType.STRING);
      }
    }
  }

  private static List<String> names(int n) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add("n" + i);
    }
    return names;
  }

  Object value(ValType t) {
    if (t instanceof ValType.Prim p) {
      return switch (p.type()) {
        case BOOL -> random.nextBoolean();
        case S8 -> (int) (byte) random.nextInt();
        case U8 -> random.nextInt(256);
        case S16 -> (int) (short) random.nextInt();
        case U16 -> random.nextInt(65536);
        case S32 -> random.nextInt();
        case U32 -> random.nextLong() & 0xffff_ffffL;
        case S64, U64 -> random.nextLong();
        case F32 -> Float.intBitsToFloat(random.nextInt());
        case F64 -> Double.longBitsToDouble(random.nextLong());
        case CHAR -> codePoint();
        case STRING -> string();
      };
    }
    if (t instanceof ValType.ListOf l) {
      int n = random.nextInt(5);
      if (l.element().equals(ValType.U8)) {
        byte[] b = new byte[random.nextInt(40)];
        random.nextBytes(b);
        return b;
      }
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add(value(l.element()));
      }
      return out;
    }
    if (t instanceof ValType.Record r) {
      List<Object> out = new ArrayList<>();
      r.fields().forEach(f -> out.add(value(f.type())));
      return new Value.Record(out);
    }
    if (t instanceof ValType.Tuple tu) {
      List<Object> out = new ArrayList<>();
      tu.types().forEach(x -> out.add(value(x)));
      return new Value.Tuple(out);
    }
    if (t instanceof ValType.Variant v) {
      int i = random.nextInt(v.cases().size());
      ValType c = v.cases().get(i).type();
      return new Value.Variant(i, c == null ? null : value(c));
    }
    if (t instanceof ValType.Enum e) {
      return new Value.Enum(random.nextInt(e.names().size()));
    }
    if (t instanceof ValType.Flags f) {
      int n = f.names().size();
      return new Value.Flags(random.nextInt() & (n == 32 ? -1 : (1 << n) - 1));
    }
    if (t instanceof ValType.Option o) {
      return random.nextBoolean() ? Optional.empty() : Optional.of(value(o.type()));
    }
    ValType.Result r = (ValType.Result) t;
    boolean ok = random.nextBoolean();
    ValType side = ok ? r.ok() : r.error();
    return new Value.Result(ok, side == null ? null : value(side));
  }

  private int codePoint() {
    while (true) {
      int c = random.nextBoolean() ? random.nextInt(0x300) : random.nextInt(0x110000);
      if (c < 0xd800 || c > 0xdfff) {
        return c;
      }
    }
  }

  private String string() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0, n = random.nextInt(12); i < n; i++) {
      sb.appendCodePoint(codePoint());
    }
    return sb.toString();
  }

  /** {@code v} with byte arrays as lists, so that equal values compare equal. */
  static Object comparable(Object v) {
    if (v instanceof byte[] b) {
      List<Byte> out = new ArrayList<>();
      for (byte x : b) {
        out.add(x);
      }
      return out;
    }
    if (v instanceof List<?> l) {
      return l.stream().map(RandomValues::comparable).toList();
    }
    if (v instanceof Value.Record r) {
      return new Value.Record(
          new ArrayList<>(r.fields().stream().map(RandomValues::comparable).toList()));
    }
    if (v instanceof Value.Tuple t) {
      return new Value.Tuple(
          new ArrayList<>(t.values().stream().map(RandomValues::comparable).toList()));
    }
    if (v instanceof Value.Variant x) {
      return new Value.Variant(x.index(), x.payload() == null ? null : comparable(x.payload()));
    }
    if (v instanceof Value.Result x) {
      return new Value.Result(x.ok(), x.payload() == null ? null : comparable(x.payload()));
    }
    if (v instanceof Optional<?> o) {
      return o.map(RandomValues::comparable);
    }
    if (v instanceof Float f) {
      return Arrays.asList("f32", Float.floatToRawIntBits(f));
    }
    if (v instanceof Double d) {
      return Arrays.asList("f64", Double.doubleToRawLongBits(d));
    }
    return v;
  }
}
