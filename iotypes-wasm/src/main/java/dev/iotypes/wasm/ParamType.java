package dev.iotypes.wasm;

import com.dylibso.chicory.wasm.types.ValType;

/** The types a typed main may take, by their WIT names, with their core-Wasm lowering. */
public enum ParamType {
  INPUT_STREAM("input-stream", ValType.I32, true),
  OUTPUT_STREAM("output-stream", ValType.I32, true),
  ARRAY("array", ValType.I32, true),
  BOOL("bool", ValType.I32, false),
  U32("u32", ValType.I32, false),
  S32("s32", ValType.I32, false),
  U64("u64", ValType.I64, false),
  S64("s64", ValType.I64, false),
  /** Lowered as an input-stream over the UTF-8 bytes, so the host never allocates in the guest. */
  STRING("string", ValType.I32, false);

  private final String wit;
  private final ValType lowered;
  private final boolean handle;

  ParamType(String wit, ValType lowered, boolean handle) {
    this.wit = wit;
    this.lowered = lowered;
    this.handle = handle;
  }

  /** The WIT spelling, e.g. {@code input-stream}. */
  public String wit() {
    return wit;
  }

  ValType lowered() {
    return lowered;
  }

  /** Whether the parameter is an I/O handle (bound positionally) rather than a plain value. */
  public boolean isHandle() {
    return handle;
  }

  static ParamType ofWit(String name) {
    for (ParamType type : values()) {
      if (type.wit.equals(name)) {
        return type;
      }
    }
    return null;
  }
}
