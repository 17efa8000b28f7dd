package dev.iotypes.wasm;

import com.dylibso.chicory.wasm.types.ValType;

/**
 * The kinds of value a typed main may take, by their WIT names, with their core-Wasm lowering. A
 * parameter is one of these, an {@code option} of one, or a {@code list} of a handle kind (see
 * {@link Param.Arity}); {@link #ENUM} stands for any enum the section declares.
 */
public enum ParamType {
  INPUT_STREAM("input-stream", ValType.I32, true, 0, 0),
  OUTPUT_STREAM("output-stream", ValType.I32, true, 0, 0),
  ARRAY("array", ValType.I32, true, 0, 0),
  /** Bound from the run's clock, not from an argument ({@link #isFromRun()}). */
  CLOCK("clock", ValType.I32, true, 0, 0),
  /** Bound from the run's random source, not from an argument ({@link #isFromRun()}). */
  RANDOM("random", ValType.I32, true, 0, 0),
  /** A stream of lazy entries: a folder or an archive at the boundary. */
  INPUT_DIRECTORY("input-directory", ValType.I32, true, 0, 0),
  /** Where new named outputs are created: a folder at the boundary. */
  OUTPUT_DIRECTORY("output-directory", ValType.I32, true, 0, 0),
  BOOL("bool", ValType.I32, false, 0, 1),
  U8("u8", ValType.I32, false, 0, 0xFFL),
  U16("u16", ValType.I32, false, 0, 0xFFFFL),
  U32("u32", ValType.I32, false, 0, 0xFFFF_FFFFL),
  /** Its range is all of a u64; as a Java long, above 2^63 - 1 it reads negative. */
  U64("u64", ValType.I64, false, 0, -1),
  S8("s8", ValType.I32, false, Byte.MIN_VALUE, Byte.MAX_VALUE),
  S16("s16", ValType.I32, false, Short.MIN_VALUE, Short.MAX_VALUE),
  S32("s32", ValType.I32, false, Integer.MIN_VALUE, Integer.MAX_VALUE),
  S64("s64", ValType.I64, false, Long.MIN_VALUE, Long.MAX_VALUE),
  F64("f64", ValType.F64, false, 0, 0),
  /** Lowered as an input-stream over the UTF-8 bytes, so the host never allocates in the guest. */
  STRING("string", ValType.I32, false, 0, 0),
  /** A case of an enum the section declares, lowered as its index. */
  ENUM("enum", ValType.I32, false, 0, 0);

  private final String wit;
  private final ValType lowered;
  private final boolean handle;
  private final long min;
  private final long max;

  ParamType(String wit, ValType lowered, boolean handle, long min, long max) {
    this.wit = wit;
    this.lowered = lowered;
    this.handle = handle;
    this.min = min;
    this.max = max;
  }

  /** The WIT spelling, e.g. {@code input-stream}; {@code enum} for every enum. */
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

  /**
   * Whether a parameter of this kind is bound from what the whole run shares, its clock or its
   * random source, rather than from an argument of its own: a program asks for the time by taking a
   * clock, and the command line has nothing to say per parameter.
   */
  public boolean isFromRun() {
    return this == CLOCK || this == RANDOM;
  }

  /** Whether this is one of the eight integer types. */
  public boolean isInteger() {
    return this == U8
        || this == U16
        || this == U32
        || this == U64
        || this == S8
        || this == S16
        || this == S32
        || this == S64;
  }

  /**
   * The integer {@code text} as the core value, or an exception saying the range: decimal only, so
   * that what the user typed is what the guest gets.
   *
   * @throws IllegalArgumentException {@code not a u8 (0 to 255): 300}
   */
  public long parseInteger(String text) {
    try {
      if (this == U64) {
        if (text.startsWith("+") || text.startsWith("-")) {
          throw new NumberFormatException();
        }
        return Long.parseUnsignedLong(text);
      }
      return checkInteger(Long.parseLong(text));
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("not a " + wit + " (" + range() + "): " + text);
    }
  }

  /**
   * {@code value} if it is in this integer type's range (a u64 takes any long, read unsigned).
   *
   * @throws ArithmeticException if it is not
   */
  long checkInteger(long value) {
    if (this != U64 && (value < min || value > max)) {
      throw new ArithmeticException("not a " + wit + " (" + range() + "): " + value);
    }
    return value;
  }

  /** {@code 0 to 255}: the range of an integer type, as help and errors say it. */
  public String range() {
    return this == U64
        ? "0 to 18446744073709551615"
        : this == U32 ? "0 to 4294967295" : min + " to " + max;
  }

  static ParamType ofWit(String name) {
    for (ParamType type : values()) {
      if (type != ENUM && type.wit.equals(name)) {
        return type;
      }
    }
    return null;
  }
}
