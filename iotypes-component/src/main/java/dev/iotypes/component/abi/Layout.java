package dev.iotypes.component.abi;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a value lives in linear memory: each type's alignment and size ({@code CanonicalABI.md}).
 */
final class Layout {
  private Layout() {}

  static int alignment(ValType t) {
    if (t instanceof ValType.Prim p) {
      return switch (p.type()) {
        case BOOL, S8, U8 -> 1;
        case S16, U16 -> 2;
        case S32, U32, F32, CHAR, STRING -> 4;
        case S64, U64, F64 -> 8;
      };
    }
    if (t instanceof ValType.ListOf || t instanceof ValType.Own || t instanceof ValType.Borrow) {
      return 4;
    }
    if (t instanceof ValType.Record r) {
      return maxAlignment(r.fields().stream().map(ValType.Field::type).toList());
    }
    if (t instanceof ValType.Tuple tu) {
      return maxAlignment(tu.types());
    }
    if (t instanceof ValType.Flags f) {
      return flagsWidth(f.names().size());
    }
    List<ValType> cases = cases(t);
    int a = discriminantSize(cases.size());
    for (ValType c : cases) {
      if (c != null) {
        a = Math.max(a, alignment(c));
      }
    }
    return a;
  }

  private static int maxAlignment(List<ValType> types) {
    int a = 1;
    for (ValType t : types) {
      a = Math.max(a, alignment(t));
    }
    return a;
  }

  static long size(ValType t) {
    if (t instanceof ValType.Prim p) {
      return switch (p.type()) {
        case BOOL, S8, U8 -> 1;
        case S16, U16 -> 2;
        case S32, U32, F32, CHAR -> 4;
        case S64, U64, F64, STRING -> 8;
      };
    }
    if (t instanceof ValType.ListOf) {
      return 8;
    }
    if (t instanceof ValType.Own || t instanceof ValType.Borrow) {
      return 4;
    }
    if (t instanceof ValType.Record r) {
      return sizeOfFields(r.fields().stream().map(ValType.Field::type).toList());
    }
    if (t instanceof ValType.Tuple tu) {
      return sizeOfFields(tu.types());
    }
    if (t instanceof ValType.Flags f) {
      return flagsWidth(f.names().size());
    }
    List<ValType> cases = cases(t);
    long s = discriminantSize(cases.size());
    s = alignTo(s, maxCaseAlignment(cases));
    long cs = 0;
    for (ValType c : cases) {
      if (c != null) {
        cs = Math.max(cs, size(c));
      }
    }
    return alignTo(s + cs, alignment(t));
  }

  static long sizeOfFields(List<ValType> types) {
    long s = 0;
    for (ValType t : types) {
      s = alignTo(s, alignment(t));
      s += size(t);
    }
    return alignTo(s, maxAlignment(types));
  }

  /** Where the payload of a variant-like type starts. */
  static long payloadOffset(ValType t) {
    List<ValType> cases = cases(t);
    return alignTo(discriminantSize(cases.size()), maxCaseAlignment(cases));
  }

  static int maxCaseAlignment(List<ValType> cases) {
    int a = 1;
    for (ValType c : cases) {
      if (c != null) {
        a = Math.max(a, alignment(c));
      }
    }
    return a;
  }

  static long alignTo(long ptr, int alignment) {
    return (ptr + alignment - 1) / alignment * alignment;
  }

  static int discriminantSize(int n) {
    return n <= 1 << 8 ? 1 : n <= 1 << 16 ? 2 : 4;
  }

  static int flagsWidth(int n) {
    return n <= 8 ? 1 : n <= 16 ? 2 : 4;
  }

  /**
   * The payload types of a variant, enum, option or result, as the spec desugars the latter three
   * into variants (null for a case without payload).
   */
  static List<ValType> cases(ValType t) {
    List<ValType> out = new ArrayList<>();
    if (t instanceof ValType.Variant v) {
      for (ValType.Case c : v.cases()) {
        out.add(c.type());
      }
    } else if (t instanceof ValType.Enum e) {
      for (int i = 0; i < e.names().size(); i++) {
        out.add(null);
      }
    } else if (t instanceof ValType.Option o) {
      out.add(null);
      out.add(o.type());
    } else if (t instanceof ValType.Result r) {
      out.add(r.ok());
      out.add(r.error());
    } else {
      throw new IllegalArgumentException("not a variant: " + t);
    }
    return out;
  }
}
