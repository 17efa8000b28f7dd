package dev.iotypes;

import java.time.Instant;

/**
 * The host's clocks: {@link System#nanoTime()} for monotonic readings, counted from when this clock
 * was made, and {@link Instant#now()} for the wall clock.
 */
final class SystemClock extends BaseClock {
  private final long origin = System.nanoTime();

  @Override
  public long monotonicNanos() {
    return System.nanoTime() - origin;
  }

  @Override
  public Instant now() {
    return Instant.now();
  }

  @Override
  public long realNanosUntil(long at) {
    return Math.max(0, at - monotonicNanos());
  }

  @Override
  public String toString() {
    return "system clock";
  }
}
