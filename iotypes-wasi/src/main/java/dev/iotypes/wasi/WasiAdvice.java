package dev.iotypes.wasi;

import dev.iotypes.Advice;

/**
 * Preview1's {@code advice} codes ({@code fd_advise}), written out so that the core {@link Advice}
 * may be reordered without changing what a guest's code means.
 */
final class WasiAdvice {
  private WasiAdvice() {}

  /** The advice preview1 numbers {@code code}; {@code EINVAL} if it numbers none. */
  static Advice of(long code) {
    if (code == 0) {
      return Advice.NORMAL;
    } else if (code == 1) {
      return Advice.SEQUENTIAL;
    } else if (code == 2) {
      return Advice.RANDOM;
    } else if (code == 3) {
      return Advice.WILL_NEED;
    } else if (code == 4) {
      return Advice.DONT_NEED;
    } else if (code == 5) {
      return Advice.NO_REUSE;
    }
    throw Errno.INVAL.raise();
  }
}
