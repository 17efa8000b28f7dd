package dev.iotypes.engine.spec;

import com.dylibso.chicory.wasm.types.Value;

/**
 * Chicory's long encoding of wast2json values, and the spec's notion of a matching result. Floats
 * are compared as bits so that -0.0, 0.0 and each NaN payload stay distinct; only nan:canonical and
 * nan:arithmetic stand for a class of results.
 */
final class Values {
  private Values() {}

  private static final int F32_CANONICAL_NAN = 0x7fc00000;
  private static final long F64_CANONICAL_NAN = 0x7ff8000000000000L;

  static long encode(Script.Value v) {
    switch (v.type()) {
      case "i32":
      case "f32":
        return Integer.parseUnsignedInt(v.value());
      case "i64":
      case "f64":
        return Long.parseUnsignedLong(v.value());
      case "externref":
      case "funcref":
        return "null".equals(v.value()) ? Value.REF_NULL_VALUE : Long.parseLong(v.value());
      default:
        throw new IllegalArgumentException("value type not in the selected proposals: " + v);
    }
  }

  static boolean matches(Script.Value expected, long actual) {
    String e = expected.value();
    switch (expected.type()) {
      case "i32":
        return (int) actual == Integer.parseUnsignedInt(e);
      case "i64":
        return actual == Long.parseUnsignedLong(e);
      case "f32":
        int bits = (int) actual;
        if ("nan:canonical".equals(e)) {
          return (bits & 0x7fffffff) == F32_CANONICAL_NAN;
        } else if ("nan:arithmetic".equals(e)) {
          return (bits & F32_CANONICAL_NAN) == F32_CANONICAL_NAN;
        }
        return bits == Integer.parseUnsignedInt(e);
      case "f64":
        if ("nan:canonical".equals(e)) {
          return (actual & Long.MAX_VALUE) == F64_CANONICAL_NAN;
        } else if ("nan:arithmetic".equals(e)) {
          return (actual & F64_CANONICAL_NAN) == F64_CANONICAL_NAN;
        }
        return actual == Long.parseUnsignedLong(e);
      case "externref":
        return "null".equals(e) ? actual == Value.REF_NULL_VALUE : actual == Long.parseLong(e);
      case "funcref":
        // wast2json names a non-null function reference by no value: any non-null one matches.
        return e == null || !"null".equals(e)
            ? actual != Value.REF_NULL_VALUE
            : actual == Value.REF_NULL_VALUE;
      default:
        throw new IllegalArgumentException("value type not in the selected proposals: " + expected);
    }
  }

  /** The result as the expected value's type reads, for failure messages. */
  static String describe(Script.Value expected, long actual) {
    switch (expected.type()) {
      case "i32":
        return "i32:" + Integer.toUnsignedString((int) actual) + " (" + (int) actual + ")";
      case "f32":
        return "f32:"
            + Integer.toUnsignedString((int) actual)
            + " ("
            + Float.intBitsToFloat((int) actual)
            + ")";
      case "f64":
        return "f64:"
            + Long.toUnsignedString(actual)
            + " ("
            + Double.longBitsToDouble(actual)
            + ")";
      default:
        return expected.type() + ":" + Long.toUnsignedString(actual);
    }
  }
}
