package dev.iotypes;

/**
 * What the clocks made here share: a reading to the nanosecond, and deadlines that wait in the
 * clock's own time, which each clock turns into real time ({@link Deadline.Timeline}).
 */
abstract class BaseClock implements Clock, Deadline.Timeline {
  @Override
  public long resolutionNanos() {
    return 1;
  }

  @Override
  public Pollable deadline(long monotonicNanos) {
    return new Deadline(this, monotonicNanos, this);
  }
}
