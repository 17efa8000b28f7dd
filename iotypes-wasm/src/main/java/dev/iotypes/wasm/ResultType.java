package dev.iotypes.wasm;

/** What a typed main returns, and how that becomes an exit status. */
public enum ResultType {
  /** No result: exit status 0 when main returns. */
  NONE(""),
  /** {@code result}: core i32, 0 for ok (exit 0), anything else err (exit 1). */
  RESULT("result"),
  /** {@code u32}/{@code s32}: core i32, the exit status itself, clamped to 0..255. */
  U32("u32"),
  S32("s32");

  private final String wit;

  ResultType(String wit) {
    this.wit = wit;
  }

  public String wit() {
    return wit;
  }

  int exitStatus(long[] results) {
    return switch (this) {
      case NONE -> 0;
      case RESULT -> (int) results[0] == 0 ? 0 : 1;
      case U32, S32 -> {
        long value = this == U32 ? Integer.toUnsignedLong((int) results[0]) : (int) results[0];
        yield (int) Math.max(0, Math.min(255, value));
      }
    };
  }
}
