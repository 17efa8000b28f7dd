package dev.iotypes.component.abi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lowering: a component value written into a guest, to linear memory ({@link #store}, in memory the
 * guest's {@code realloc} gave) or as the core values of a call ({@link #lowerFlat}). A Java value
 * that does not fit its type is a host error, not the guest's.
 */
public final class Lowering {
  private Lowering() {}

  public static void store(Call cx, Object v, ValType t, int ptr) {
    long p = Integer.toUnsignedLong(ptr);
    CanonTrap.trapIf(p % Layout.alignment(t) != 0, "misaligned pointer");
    Lifting.checkRange(cx, p, Layout.size(t));
    LinearMemory m = cx.options.mem();
    if (t instanceof ValType.Prim pr) {
      switch (pr.type()) {
        case BOOL -> m.store(ptr, 1, (Boolean) v ? 1 : 0);
        case S8, U8 -> m.store(ptr, 1, (Integer) v);
        case S16, U16 -> m.store(ptr, 2, (Integer) v);
        case S32 -> m.store(ptr, 4, (Integer) v);
        case U32 -> m.store(ptr, 4, (Long) v);
        case S64, U64 -> m.store(ptr, 8, (Long) v);
        case F32 -> m.store(ptr, 4, Float.floatToRawIntBits((Float) v));
        case F64 -> m.store(ptr, 8, Double.doubleToRawLongBits((Double) v));
        case CHAR -> m.store(ptr, 4, Lifting.character((Integer) v));
        case STRING -> {
          int[] s = Strings.store(cx, (String) v);
          m.store(ptr, 4, s[0]);
          m.store(ptr + 4, 4, s[1]);
        }
      }
      return;
    }
    if (t instanceof ValType.ListOf l) {
      int[] s = list(cx, v, l.element());
      m.store(ptr, 4, s[0]);
      m.store(ptr + 4, 4, s[1]);
    } else if (t instanceof ValType.Own o) {
      m.store(ptr, 4, Resources.lowerOwn(cx, (Value.Resource) v, o.resource()));
    } else if (t instanceof ValType.Borrow b) {
      m.store(ptr, 4, Resources.lowerBorrow(cx, (Value.Resource) v, b.resource()));
    } else if (t instanceof ValType.Record r) {
      fields(
          cx,
          ((Value.Record) v).fields(),
          r.fields().stream().map(ValType.Field::type).toList(),
          p);
    } else if (t instanceof ValType.Tuple tu) {
      fields(cx, ((Value.Tuple) v).values(), tu.types(), p);
    } else if (t instanceof ValType.Flags f) {
      m.store(ptr, Layout.flagsWidth(f.names().size()), ((Value.Flags) v).bits());
    } else {
      List<ValType> cases = Layout.cases(t);
      int disc = discriminant(t, v);
      m.store(ptr, Layout.discriminantSize(cases.size()), disc);
      ValType payloadType = cases.get(disc);
      if (payloadType != null) {
        store(cx, payload(t, v), payloadType, (int) (p + Layout.payloadOffset(t)));
      }
    }
  }

  private static void fields(Call cx, List<Object> values, List<ValType> types, long ptr) {
    if (values.size() != types.size()) {
      throw new IllegalArgumentException("expected " + types.size() + " fields");
    }
    for (int i = 0; i < types.size(); i++) {
      ValType f = types.get(i);
      ptr = Layout.alignTo(ptr, Layout.alignment(f));
      store(cx, values.get(i), f, (int) ptr);
      ptr += Layout.size(f);
    }
  }

  /** Copies a list into a fresh allocation; returns {ptr, length}. */
  static int[] list(Call cx, Object v, ValType element) {
    int alignment = Layout.alignment(element);
    long size = Layout.size(element);
    if (v instanceof byte[] bytes && element.equals(ValType.U8)) {
      int ptr = cx.options.alloc(alignment, bytes.length);
      cx.options.mem().write(ptr, bytes);
      return new int[] {ptr, bytes.length};
    }
    List<?> items = (List<?>) v;
    long byteLength = items.size() * size;
    CanonTrap.trapIf(byteLength >= 1L << 32, "list too long");
    int ptr = cx.options.alloc(alignment, byteLength);
    for (int i = 0; i < items.size(); i++) {
      store(cx, items.get(i), element, (int) (Integer.toUnsignedLong(ptr) + i * size));
    }
    return new int[] {ptr, items.size()};
  }

  static int discriminant(ValType t, Object v) {
    if (t instanceof ValType.Enum) {
      return ((Value.Enum) v).index();
    }
    if (t instanceof ValType.Option) {
      return ((Optional<?>) v).isPresent() ? 1 : 0;
    }
    if (t instanceof ValType.Result) {
      return ((Value.Result) v).ok() ? 0 : 1;
    }
    int index = ((Value.Variant) v).index();
    if (index < 0 || index >= Layout.cases(t).size()) {
      throw new IllegalArgumentException("case " + index + " of " + t);
    }
    return index;
  }

  static Object payload(ValType t, Object v) {
    if (t instanceof ValType.Option) {
      return ((Optional<?>) v).orElse(null);
    }
    if (t instanceof ValType.Result r) {
      return r.ok() != null || r.error() != null ? ((Value.Result) v).payload() : null;
    }
    if (t instanceof ValType.Variant) {
      return ((Value.Variant) v).payload();
    }
    return null;
  }

  public static List<Long> lowerFlat(Call cx, Object v, ValType t) {
    List<Long> out = new ArrayList<>();
    lowerFlat(cx, v, t, out);
    return out;
  }

  private static void lowerFlat(Call cx, Object v, ValType t, List<Long> out) {
    if (t instanceof ValType.Prim pr) {
      switch (pr.type()) {
        case BOOL -> out.add((Boolean) v ? 1L : 0L);
        case S8, S16, S32 -> out.add((long) (Integer) v);
        case U8 -> out.add((long) ((Integer) v & 0xff));
        case U16 -> out.add((long) ((Integer) v & 0xffff));
        case U32 -> out.add((Long) v & 0xffff_ffffL);
        case S64, U64 -> out.add((Long) v);
        case F32 -> out.add((long) Float.floatToRawIntBits((Float) v));
        case F64 -> out.add(Double.doubleToRawLongBits((Double) v));
        case CHAR -> out.add((long) Lifting.character((Integer) v));
        case STRING -> {
          int[] s = Strings.store(cx, (String) v);
          out.add((long) s[0]);
          out.add((long) s[1]);
        }
      }
    } else if (t instanceof ValType.ListOf l) {
      int[] s = list(cx, v, l.element());
      out.add((long) s[0]);
      out.add((long) s[1]);
    } else if (t instanceof ValType.Own o) {
      out.add((long) Resources.lowerOwn(cx, (Value.Resource) v, o.resource()));
    } else if (t instanceof ValType.Borrow b) {
      out.add((long) Resources.lowerBorrow(cx, (Value.Resource) v, b.resource()));
    } else if (t instanceof ValType.Record r) {
      List<Object> values = ((Value.Record) v).fields();
      for (int i = 0; i < r.fields().size(); i++) {
        lowerFlat(cx, values.get(i), r.fields().get(i).type(), out);
      }
    } else if (t instanceof ValType.Tuple tu) {
      List<Object> values = ((Value.Tuple) v).values();
      for (int i = 0; i < tu.types().size(); i++) {
        lowerFlat(cx, values.get(i), tu.types().get(i), out);
      }
    } else if (t instanceof ValType.Flags) {
      out.add((long) ((Value.Flags) v).bits());
    } else {
      List<CoreType> joined = Flat.flatten(t);
      int disc = discriminant(t, v);
      out.add((long) disc);
      ValType caseType = Layout.cases(t).get(disc);
      List<Long> payload = new ArrayList<>();
      if (caseType != null) {
        lowerFlat(cx, payload(t, v), caseType, payload);
        List<CoreType> own = Flat.flatten(caseType);
        for (int i = 0; i < payload.size(); i++) {
          boolean narrow = own.get(i) == CoreType.I32 || own.get(i) == CoreType.F32;
          if (narrow && joined.get(i + 1) == CoreType.I64) {
            payload.set(i, payload.get(i) & 0xffff_ffffL);
          }
        }
      }
      out.addAll(payload);
      for (int i = payload.size(); i < joined.size() - 1; i++) {
        out.add(0L);
      }
    }
  }
}
