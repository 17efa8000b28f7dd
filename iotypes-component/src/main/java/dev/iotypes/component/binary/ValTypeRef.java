package dev.iotypes.component.binary;

/**
 * A value type as the binary writes it: a primitive inline, or the index of a type defined before.
 */
public sealed interface ValTypeRef {
  record Prim(PrimType type) implements ValTypeRef {}

  record Index(int index) implements ValTypeRef {}

  static ValTypeRef read(Reader r) {
    PrimType p = PrimType.of(r.peek());
    if (p != null) {
      r.u8();
      return new Prim(p);
    }
    if (r.peek() >= 0x40 && r.peek() < 0x80) {
      throw r.error("invalid value type 0x" + Integer.toHexString(r.peek()));
    }
    long i = r.s33();
    if (i < 0 || i > Integer.MAX_VALUE) {
      throw r.error("invalid type index " + i);
    }
    return new Index((int) i);
  }

  static ValTypeRef optional(Reader r) {
    return switch (r.u8()) {
      case 0x00 -> null;
      case 0x01 -> read(r);
      default -> throw r.error("invalid optional value type");
    };
  }
}
