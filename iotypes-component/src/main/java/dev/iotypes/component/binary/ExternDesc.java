package dev.iotypes.component.binary;

/** What an import or export is: its sort and, for most sorts, the type it has. */
public sealed interface ExternDesc {
  record CoreModule(int coreType) implements ExternDesc {
    public Sort sort() {
      return Sort.CORE_MODULE;
    }
  }

  record Func(int type) implements ExternDesc {
    public Sort sort() {
      return Sort.FUNC;
    }
  }

  /** {@code valueType} when the value bound is a type, else {@code valueIndex}. */
  record Value(ValTypeRef valueType, int valueIndex) implements ExternDesc {
    public Sort sort() {
      return Sort.VALUE;
    }
  }

  /** A type bound: {@code eq} another type, or an abstract resource ({@code sub resource}). */
  record Type(boolean subResource, int eq) implements ExternDesc {
    public Sort sort() {
      return Sort.TYPE;
    }
  }

  record Component(int type) implements ExternDesc {
    public Sort sort() {
      return Sort.COMPONENT;
    }
  }

  record Instance(int type) implements ExternDesc {
    public Sort sort() {
      return Sort.INSTANCE;
    }
  }

  Sort sort();

  static ExternDesc read(Reader r) {
    int b = r.u8();
    return switch (b) {
      case 0x00 -> {
        if (r.u8() != 0x11) {
          throw r.error("invalid core sort in an extern description");
        }
        yield new CoreModule(r.u32());
      }
      case 0x01 -> new Func(r.u32());
      case 0x02 ->
          switch (r.u8()) {
            case 0x00 -> new Value(null, r.u32());
            case 0x01 -> new Value(ValTypeRef.read(r), -1);
            default -> throw r.error("invalid value bound");
          };
      case 0x03 ->
          switch (r.u8()) {
            case 0x00 -> new Type(false, r.u32());
            case 0x01 -> new Type(true, -1);
            default -> throw r.error("invalid type bound");
          };
      case 0x04 -> new Component(r.u32());
      case 0x05 -> new Instance(r.u32());
      default -> throw r.error("invalid extern description 0x" + Integer.toHexString(b));
    };
  }
}
