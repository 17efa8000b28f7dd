package dev.iotypes;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes that several anonymous arrays draw their pages from, so that together they stay below a
 * bound: each array's own limit ({@link IoTypes#anonymous(long)}) is about offsets and may be far
 * larger than the heap, while a program that makes array after array, each under its limit, would
 * otherwise run the heap out. A page is taken when first written and given back when the array
 * drops it (a shorter length, {@code close}); a write that finds the allowance spent fails with
 * {@link Failure.Kind#TOO_LARGE}, and {@link #exhausted()} tells the one who granted it.
 */
public final class Allowance {
  /** No bound beyond each array's own. */
  public static final Allowance UNLIMITED = new Allowance(Long.MAX_VALUE);

  private final long limit;
  private final AtomicLong used = new AtomicLong();
  private final AtomicBoolean exhausted = new AtomicBoolean();

  private Allowance(long limit) {
    this.limit = limit;
  }

  /** A fresh allowance of {@code limit} bytes. */
  public static Allowance of(long limit) {
    Checks.nonNegative("limit", limit);
    return new Allowance(limit);
  }

  public long limit() {
    return limit;
  }

  /** Bytes taken and not given back. */
  public long used() {
    return used.get();
  }

  /** Whether a page was ever refused: the program asked for more than it was allowed. */
  public boolean exhausted() {
    return exhausted.get();
  }

  /** Takes {@code bytes} if they fit; else marks this allowance exhausted and returns false. */
  boolean take(long bytes) {
    if (this == UNLIMITED) {
      return true;
    }
    long now = used.addAndGet(bytes);
    if (now > limit || now < 0) {
      used.addAndGet(-bytes);
      exhausted.set(true);
      return false;
    }
    return true;
  }

  void give(long bytes) {
    if (this != UNLIMITED) {
      used.addAndGet(-bytes);
    }
  }
}
