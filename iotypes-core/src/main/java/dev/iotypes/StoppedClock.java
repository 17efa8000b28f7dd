package dev.iotypes;

import java.time.Instant;

/**
 * A clock that stands still at an instant, so that every reading of a run is the same on every run;
 * it moves only when {@link Poll} finds nothing ready but one of its deadlines, and then straight
 * to that deadline: a program that sleeps wakes at once, at the time it asked for.
 */
final class StoppedClock extends BaseClock {
  private final Instant start;
  private long elapsed; // nanoseconds the clock was moved on

  StoppedClock(Instant start) {
    this.start = start;
  }

  @Override
  public synchronized long monotonicNanos() {
    return elapsed;
  }

  @Override
  public synchronized Instant now() {
    return start.plusNanos(elapsed);
  }

  @Override
  public long realNanosUntil(long at) {
    return monotonicNanos() >= at ? 0 : Long.MAX_VALUE;
  }

  synchronized void advanceTo(long at) {
    elapsed = Math.max(elapsed, at);
  }

  @Override
  public String toString() {
    return "fixed:" + start;
  }
}
