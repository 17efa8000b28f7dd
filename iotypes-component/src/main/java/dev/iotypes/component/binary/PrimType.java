package dev.iotypes.component.binary;

/** The primitive value types, with their one-byte codes. */
public enum PrimType {
  BOOL(0x7f),
  S8(0x7e),
  U8(0x7d),
  S16(0x7c),
  U16(0x7b),
  S32(0x7a),
  U32(0x79),
  S64(0x78),
  U64(0x77),
  F32(0x76),
  F64(0x75),
  CHAR(0x74),
  STRING(0x73);

  final int code;

  PrimType(int code) {
    this.code = code;
  }

  static PrimType of(int code) {
    for (PrimType p : values()) {
      if (p.code == code) {
        return p;
      }
    }
    return null;
  }

  /** The WIT spelling. */
  public String wit() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
