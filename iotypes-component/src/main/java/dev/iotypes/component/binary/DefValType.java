package dev.iotypes.component.binary;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A defined value type: the compound types of the Component Model, built from value types. */
public sealed interface DefValType {
  record Primitive(PrimType type) implements DefValType {}

  record Field(String label, ValTypeRef type) {}

  record Record(List<Field> fields) implements DefValType {}

  /** {@code type} is null for a case without payload. */
  record Case(String label, ValTypeRef type) {}

  record Variant(List<Case> cases) implements DefValType {}

  record ListOf(ValTypeRef element) implements DefValType {}

  record Tuple(List<ValTypeRef> types) implements DefValType {}

  record Flags(List<String> labels) implements DefValType {}

  record Enum(List<String> labels) implements DefValType {}

  record Option(ValTypeRef type) implements DefValType {}

  /** Either side null when absent. */
  record Result(ValTypeRef ok, ValTypeRef error) implements DefValType {}

  record Own(int resource) implements DefValType {}

  record Borrow(int resource) implements DefValType {}

  /** Flags beyond 32 are gated in the spec; more than this would need a second 32-bit word each. */
  int MAX_FLAGS = 32;

  static DefValType read(Reader r, int code) {
    PrimType p = PrimType.of(code);
    if (p != null) {
      return new Primitive(p);
    }
    return switch (code) {
      case 0x72 -> {
        int n = r.count();
        if (n == 0) {
          throw r.error("record type must have at least one field");
        }
        List<Field> fields = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
          String label = label(r, seen);
          fields.add(new Field(label, ValTypeRef.read(r)));
        }
        yield new Record(fields);
      }
      case 0x71 -> {
        int n = r.count();
        if (n == 0) {
          throw r.error("variant type must have at least one case");
        }
        List<Case> cases = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
          String label = label(r, seen);
          ValTypeRef t = ValTypeRef.optional(r);
          if (r.u8() != 0x00) {
            throw r.error("variant case refinement is not supported");
          }
          cases.add(new Case(label, t));
        }
        yield new Variant(cases);
      }
      case 0x70 -> new ListOf(ValTypeRef.read(r));
      case 0x6f -> {
        int n = r.count();
        if (n == 0) {
          throw r.error("tuple type must have at least one type");
        }
        List<ValTypeRef> types = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          types.add(ValTypeRef.read(r));
        }
        yield new Tuple(types);
      }
      case 0x6e -> {
        List<String> labels = labels(r);
        if (labels.size() > MAX_FLAGS) {
          throw r.error("flags type has more than " + MAX_FLAGS + " flags");
        }
        yield new Flags(labels);
      }
      case 0x6d -> new Enum(labels(r));
      case 0x6b -> new Option(ValTypeRef.read(r));
      case 0x6a -> {
        ValTypeRef ok = ValTypeRef.optional(r);
        yield new Result(ok, ValTypeRef.optional(r));
      }
      case 0x69 -> new Own(r.u32());
      case 0x68 -> new Borrow(r.u32());
      default -> throw r.error("invalid type 0x" + Integer.toHexString(code));
    };
  }

  private static List<String> labels(Reader r) {
    int n = r.count();
    if (n == 0) {
      throw r.error("flags and enum types must have at least one label");
    }
    List<String> labels = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < n; i++) {
      labels.add(label(r, seen));
    }
    return labels;
  }

  /** A label in kebab case, unique among its siblings. */
  private static String label(Reader r, Set<String> seen) {
    String label = r.name();
    if (!Names.isKebab(label)) {
      throw r.error("`" + label + "` is not in kebab case");
    }
    if (!seen.add(label)) {
      throw r.error("duplicate label `" + label + "`");
    }
    return label;
  }
}
