package dev.iotypes.wasm.abi;

import dev.iotypes.Advice;
import dev.iotypes.Status;

/**
 * The numbers {@code docs/abi.md} gives to a status and an advice, written out: the core enums may
 * be reordered or grown without changing the ABI, since no code here depends on their ordinals.
 */
final class Codes {
  static final int OPEN = 0;
  static final int ENDED = 1;
  static final int FAILED = 2;

  static final int NORMAL = 0;
  static final int SEQUENTIAL = 1;
  static final int RANDOM = 2;
  static final int WILL_NEED = 3;
  static final int DONT_NEED = 4;
  static final int NO_REUSE = 5;

  private Codes() {}

  /** The ABI code of {@code status}. */
  static int status(Status status) {
    return switch (status) {
      case OPEN -> OPEN;
      case ENDED -> ENDED;
      case FAILED -> FAILED;
    };
  }

  /** The advice with ABI code {@code code}; {@code null} if the ABI has none. */
  static Advice advice(long code) {
    return switch ((int) Math.max(-1, Math.min(code, Integer.MAX_VALUE))) {
      case NORMAL -> Advice.NORMAL;
      case SEQUENTIAL -> Advice.SEQUENTIAL;
      case RANDOM -> Advice.RANDOM;
      case WILL_NEED -> Advice.WILL_NEED;
      case DONT_NEED -> Advice.DONT_NEED;
      case NO_REUSE -> Advice.NO_REUSE;
      default -> null;
    };
  }
}
