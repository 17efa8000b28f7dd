package dev.iotypes.component.abi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lifting: a component value read out of a guest, from linear memory ({@link #load}) or from the
 * core values of a call ({@link #liftFlat}). Every pointer and length is the guest's and so
 * hostile: each range is checked against the memory's size and alignment first, and what does not
 * decode (a character past U+10FFFF, a case index past the last case) traps.
 */
public final class Lifting {
  private Lifting() {}

  /** Core values, each by its raw bits (i32 and f32 in the low 32), read in order. */
  public static final class FlatValues {
    private final long[] values;
    private int next;

    public FlatValues(long[] values) {
      this.values = values;
    }

    long next() {
      CanonTrap.trapIf(next >= values.length, "too few core values");
      return values[next++];
    }
  }

  static void checkRange(Call cx, long ptr, long length) {
    CanonTrap.trapIf(
        ptr + length > cx.options.mem().size(), "pointer out of bounds of the guest's memory");
  }

  public static Object load(Call cx, ValType t, int ptr) {
    long p = Integer.toUnsignedLong(ptr);
    CanonTrap.trapIf(p % Layout.alignment(t) != 0, "misaligned pointer");
    checkRange(cx, p, Layout.size(t));
    LinearMemory m = cx.options.mem();
    if (t instanceof ValType.Prim pr) {
      return switch (pr.type()) {
        case BOOL -> m.u8(ptr) != 0;
        case S8 -> (int) (byte) m.u8(ptr);
        case U8 -> m.u8(ptr);
        case S16 -> (int) (short) m.load(ptr, 2);
        case U16 -> (int) m.load(ptr, 2);
        case S32 -> (int) m.load(ptr, 4);
        case U32 -> m.load(ptr, 4);
        case S64, U64 -> m.load(ptr, 8);
        case F32 -> Float.intBitsToFloat((int) m.load(ptr, 4));
        case F64 -> Double.longBitsToDouble(m.load(ptr, 8));
        case CHAR -> character((int) m.load(ptr, 4));
        case STRING -> Strings.load(cx, (int) m.load(ptr, 4), (int) m.load(ptr + 4, 4));
      };
    }
    if (t instanceof ValType.ListOf l) {
      return list(cx, l.element(), (int) m.load(ptr, 4), (int) m.load(ptr + 4, 4));
    }
    if (t instanceof ValType.Own o) {
      return Resources.liftOwn(cx, (int) m.load(ptr, 4), o.resource());
    }
    if (t instanceof ValType.Borrow b) {
      return Resources.liftBorrow(cx, (int) m.load(ptr, 4), b.resource());
    }
    if (t instanceof ValType.Record r) {
      return new Value.Record(fields(cx, r.fields().stream().map(ValType.Field::type).toList(), p));
    }
    if (t instanceof ValType.Tuple tu) {
      return new Value.Tuple(fields(cx, tu.types(), p));
    }
    if (t instanceof ValType.Flags f) {
      long bits = m.load(ptr, Layout.flagsWidth(f.names().size()));
      return new Value.Flags((int) (bits & mask(f.names().size())));
    }
    List<ValType> cases = Layout.cases(t);
    int disc = (int) m.load(ptr, Layout.discriminantSize(cases.size()));
    CanonTrap.trapIf(
        Integer.toUnsignedLong(disc) >= cases.size(), "case index out of range: " + disc);
    ValType payloadType = cases.get(disc);
    Object payload =
        payloadType == null ? null : load(cx, payloadType, (int) (p + Layout.payloadOffset(t)));
    return variant(t, disc, payload);
  }

  private static List<Object> fields(Call cx, List<ValType> types, long ptr) {
    List<Object> out = new ArrayList<>();
    for (ValType f : types) {
      ptr = Layout.alignTo(ptr, Layout.alignment(f));
      out.add(load(cx, f, (int) ptr));
      ptr += Layout.size(f);
    }
    return out;
  }

  static Object list(Call cx, ValType element, int ptr, int length) {
    long p = Integer.toUnsignedLong(ptr);
    long n = Integer.toUnsignedLong(length);
    long size = Layout.size(element);
    CanonTrap.trapIf(p % Layout.alignment(element) != 0, "misaligned list pointer");
    checkRange(cx, p, n * size);
    if (element.equals(ValType.U8)) {
      return cx.options.mem().read(ptr, length);
    }
    List<Object> out = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      out.add(load(cx, element, (int) (p + i * size)));
    }
    return out;
  }

  static int character(int i) {
    CanonTrap.trapIf(Integer.toUnsignedLong(i) >= 0x110000, "invalid char " + i);
    CanonTrap.trapIf(i >= 0xd800 && i <= 0xdfff, "invalid char (a surrogate) " + i);
    return i;
  }

  static long mask(int n) {
    return n >= 32 ? 0xffff_ffffL : (1L << n) - 1;
  }

  static Object variant(ValType t, int index, Object payload) {
    if (t instanceof ValType.Enum) {
      return new Value.Enum(index);
    }
    if (t instanceof ValType.Option) {
      return index == 0 ? Optional.empty() : Optional.of(payload);
    }
    if (t instanceof ValType.Result) {
      return new Value.Result(index == 0, payload);
    }
    return new Value.Variant(index, payload);
  }

  public static Object liftFlat(Call cx, ValType t, FlatValues vi) {
    if (t instanceof ValType.Prim pr) {
      return switch (pr.type()) {
        case BOOL -> (int) vi.next() != 0;
        case S8 -> (int) (byte) vi.next();
        case U8 -> (int) vi.next() & 0xff;
        case S16 -> (int) (short) vi.next();
        case U16 -> (int) vi.next() & 0xffff;
        case S32 -> (int) vi.next();
        case U32 -> vi.next() & 0xffff_ffffL;
        case S64, U64 -> vi.next();
        case F32 -> Float.intBitsToFloat((int) vi.next());
        case F64 -> Double.longBitsToDouble(vi.next());
        case CHAR -> character((int) vi.next());
        case STRING -> {
          int ptr = (int) vi.next();
          yield Strings.load(cx, ptr, (int) vi.next());
        }
      };
    }
    if (t instanceof ValType.ListOf l) {
      int ptr = (int) vi.next();
      return list(cx, l.element(), ptr, (int) vi.next());
    }
    if (t instanceof ValType.Own o) {
      return Resources.liftOwn(cx, (int) vi.next(), o.resource());
    }
    if (t instanceof ValType.Borrow b) {
      return Resources.liftBorrow(cx, (int) vi.next(), b.resource());
    }
    if (t instanceof ValType.Record r) {
      List<Object> out = new ArrayList<>();
      for (ValType.Field f : r.fields()) {
        out.add(liftFlat(cx, f.type(), vi));
      }
      return new Value.Record(out);
    }
    if (t instanceof ValType.Tuple tu) {
      List<Object> out = new ArrayList<>();
      for (ValType x : tu.types()) {
        out.add(liftFlat(cx, x, vi));
      }
      return new Value.Tuple(out);
    }
    if (t instanceof ValType.Flags f) {
      return new Value.Flags((int) (vi.next() & mask(f.names().size())));
    }
    List<ValType> cases = Layout.cases(t);
    List<CoreType> joined = Flat.flatten(t).subList(1, Flat.flatten(t).size());
    int disc = (int) vi.next();
    long[] payload = new long[joined.size()];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = vi.next();
    }
    CanonTrap.trapIf(
        Integer.toUnsignedLong(disc) >= cases.size(), "case index out of range: " + disc);
    ValType caseType = cases.get(disc);
    if (caseType == null) {
      return variant(t, disc, null);
    }
    List<CoreType> own = Flat.flatten(caseType);
    long[] coerced = new long[own.size()];
    for (int i = 0; i < own.size(); i++) {
      CoreType want = own.get(i);
      coerced[i] =
          want == CoreType.I32 || want == CoreType.F32 ? payload[i] & 0xffff_ffffL : payload[i];
    }
    return variant(t, disc, liftFlat(cx, caseType, new FlatValues(coerced)));
  }
}
