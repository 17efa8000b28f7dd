package dev.iotypes.component.abi;

import java.util.ArrayList;
import java.util.List;

/**
 * Flattening: the core values a component value travels as when it is passed in registers, and the
 * limits past which a function's parameters or results spill to memory instead.
 */
public final class Flat {
  public static final int MAX_FLAT_PARAMS = 16;
  public static final int MAX_FLAT_RESULTS = 1;

  private Flat() {}

  public static List<CoreType> flatten(List<ValType> types) {
    List<CoreType> out = new ArrayList<>();
    for (ValType t : types) {
      flatten(t, out);
    }
    return out;
  }

  static List<CoreType> flatten(ValType t) {
    List<CoreType> out = new ArrayList<>();
    flatten(t, out);
    return out;
  }

  private static void flatten(ValType t, List<CoreType> out) {
    if (t instanceof ValType.Prim p) {
      switch (p.type()) {
        case S64, U64 -> out.add(CoreType.I64);
        case F32 -> out.add(CoreType.F32);
        case F64 -> out.add(CoreType.F64);
        case STRING -> {
          out.add(CoreType.I32);
          out.add(CoreType.I32);
        }
        default -> out.add(CoreType.I32);
      }
    } else if (t instanceof ValType.ListOf) {
      out.add(CoreType.I32);
      out.add(CoreType.I32);
    } else if (t instanceof ValType.Own || t instanceof ValType.Borrow) {
      out.add(CoreType.I32);
    } else if (t instanceof ValType.Record r) {
      r.fields().forEach(f -> flatten(f.type(), out));
    } else if (t instanceof ValType.Tuple tu) {
      tu.types().forEach(x -> flatten(x, out));
    } else if (t instanceof ValType.Flags) {
      out.add(CoreType.I32);
    } else {
      out.addAll(variant(Layout.cases(t)));
    }
  }

  /** A discriminant, then per position the join of what every case puts there. */
  static List<CoreType> variant(List<ValType> cases) {
    List<CoreType> flat = new ArrayList<>();
    for (ValType c : cases) {
      if (c == null) {
        continue;
      }
      List<CoreType> f = flatten(c);
      for (int i = 0; i < f.size(); i++) {
        if (i < flat.size()) {
          flat.set(i, join(flat.get(i), f.get(i)));
        } else {
          flat.add(f.get(i));
        }
      }
    }
    List<CoreType> out = new ArrayList<>();
    out.add(CoreType.I32);
    out.addAll(flat);
    return out;
  }

  static CoreType join(CoreType a, CoreType b) {
    if (a == b) {
      return a;
    }
    if (a == CoreType.I32 && b == CoreType.F32 || a == CoreType.F32 && b == CoreType.I32) {
      return CoreType.I32;
    }
    return CoreType.I64;
  }

  /** The core signature of a function lifted or lowered with these types. */
  public record Signature(List<CoreType> params, List<CoreType> results) {}

  /**
   * {@code lower}: the signature a lowered import has (results past the limit go to a pointer the
   * caller passes last); otherwise a lifted export's (it returns a pointer to them).
   */
  public static Signature signature(FuncType ft, boolean lower) {
    List<CoreType> params = flatten(ft.paramTypes());
    if (params.size() > MAX_FLAT_PARAMS) {
      params = new ArrayList<>(List.of(CoreType.I32));
    } else {
      params = new ArrayList<>(params);
    }
    List<CoreType> results = flatten(ft.resultTypes());
    if (results.size() > MAX_FLAT_RESULTS) {
      if (lower) {
        params.add(CoreType.I32);
        results = List.of();
      } else {
        results = List.of(CoreType.I32);
      }
    }
    return new Signature(params, results);
  }
}
