package dev.iotypes;

/**
 * A clock's deadline as a pollable: ready once the clock's monotonic reading reaches {@code at}. It
 * sleeps as long as its clock says the wait lasts in real time; {@link Poll} moves a stopped clock
 * instead.
 */
record Deadline(Clock clock, long at, Timeline timeline) implements Pollable {
  /** How a clock made here turns a wait in its own time into real time. */
  interface Timeline {
    /**
     * Real nanoseconds until the clock reads {@code at}: 0 if it does, MAX_VALUE if never alone.
     */
    long realNanosUntil(long at);
  }

  @Override
  public boolean isReady() {
    return clock.monotonicNanos() >= at;
  }

  @Override
  public long nanosUntilReady() {
    return timeline.realNanosUntil(at);
  }
}
