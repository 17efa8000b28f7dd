package dev.iotypes;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * A clock read from a {@link InstantSource}, such as a {@code java.time.Clock} an embedder already
 * uses in its tests: the wall clock is the source's instant, the monotonic reading the time since
 * the first instant, held where it was if the source steps back.
 *
 * <p>A deadline sleeps for the time left divided by the source's {@code rate} (its seconds per real
 * second), and for an embedder's source whose rate is not known at most {@link #RECHECK} before it
 * looks again, so a source that runs fast is noticed and a fixed one is not slept on forever.
 */
final class SourceClock extends BaseClock {
  /** The longest sleep on a source whose rate is unknown. */
  static final long RECHECK = Duration.ofMillis(100).toNanos();

  private final InstantSource source;
  private final double rate; // 0: unknown
  private final Instant origin;
  private long last;

  SourceClock(InstantSource source, double rate) {
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("rate < 0 or not finite: " + rate);
    }
    this.source = source;
    this.rate = rate;
    this.origin = source.instant();
  }

  @Override
  public synchronized long monotonicNanos() {
    long nanos;
    try {
      nanos = Duration.between(origin, source.instant()).toNanos();
    } catch (ArithmeticException e) {
      nanos = Long.MAX_VALUE; // centuries on: as far as the reading goes
    }
    last = Math.max(last, nanos);
    return last;
  }

  @Override
  public Instant now() {
    return source.instant();
  }

  @Override
  public long realNanosUntil(long at) {
    long left = at - monotonicNanos();
    if (left <= 0) {
      return 0;
    }
    return rate == 0 ? Math.min(left, RECHECK) : (long) Math.ceil(left / rate);
  }

  @Override
  public String toString() {
    return "clock over " + source;
  }
}
