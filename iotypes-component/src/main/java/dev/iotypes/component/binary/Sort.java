package dev.iotypes.component.binary;

/**
 * What an index names: the core sorts (inside core instances and modules) and the component sorts.
 * Each has its own index space in a component.
 */
public enum Sort {
  CORE_FUNC,
  CORE_TABLE,
  CORE_MEMORY,
  CORE_GLOBAL,
  CORE_TYPE,
  CORE_MODULE,
  CORE_INSTANCE,
  FUNC,
  VALUE,
  TYPE,
  COMPONENT,
  INSTANCE;

  boolean core() {
    return ordinal() <= CORE_INSTANCE.ordinal();
  }

  /**
   * {@code core:sort}: 0x00 func, 0x01 table, 0x02 memory, 0x03 global, 0x10 type, 0x11 module,
   * 0x12 instance.
   */
  static Sort core(Reader r) {
    int b = r.u8();
    return switch (b) {
      case 0x00 -> CORE_FUNC;
      case 0x01 -> CORE_TABLE;
      case 0x02 -> CORE_MEMORY;
      case 0x03 -> CORE_GLOBAL;
      case 0x10 -> CORE_TYPE;
      case 0x11 -> CORE_MODULE;
      case 0x12 -> CORE_INSTANCE;
      default -> throw r.error("invalid core sort 0x" + Integer.toHexString(b));
    };
  }

  /** {@code sort}: 0x00 then a core sort, or 0x01 func … 0x05 instance. */
  static Sort read(Reader r) {
    int b = r.u8();
    return switch (b) {
      case 0x00 -> core(r);
      case 0x01 -> FUNC;
      case 0x02 -> VALUE;
      case 0x03 -> TYPE;
      case 0x04 -> COMPONENT;
      case 0x05 -> INSTANCE;
      default -> throw r.error("invalid sort 0x" + Integer.toHexString(b));
    };
  }
}
