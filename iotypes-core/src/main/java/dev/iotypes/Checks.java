package dev.iotypes;

/** Argument rules shared by every implementation, each message stating the rule and the value. */
final class Checks {
  private Checks() {}

  static long nonNegative(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " < 0: " + value);
    }
    return value;
  }

  /** An offset and a length that together stay addressable. */
  static void range(String offsetName, long offset, long length) {
    nonNegative(offsetName, offset);
    nonNegative("length", length);
    if (offset > Long.MAX_VALUE - length) {
      throw new IllegalArgumentException(
          offsetName + " + length > Long.MAX_VALUE: " + offset + " + " + length);
    }
  }

  static void open(boolean closed, String what) {
    if (closed) {
      throw new IllegalStateException(what + " is closed");
    }
  }
}
