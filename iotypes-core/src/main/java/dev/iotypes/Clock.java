package dev.iotypes;

import java.time.Instant;

/**
 * A clock handed to a program like any other I/O type, instead of ambient time: whoever binds it
 * decides what "now" is, so a run can be made reproducible ({@link IoTypes#fixedClock(Instant)}) or
 * sped up, and a program that was handed no clock cannot tell the time.
 *
 * <p>Two readings: monotonic nanoseconds, which never go back and count from when the clock was
 * made (not from the host's boot, which would tell a program how long the machine has been up), and
 * the wall-clock instant, which may step. A {@link #deadline} on the monotonic reading is the only
 * timeout a program has: it is a {@link Pollable}, so a program waits for it and for its streams in
 * one {@link Poll#poll}.
 */
public interface Clock {
  /** Nanoseconds since the clock was made; never less than an earlier reading. */
  long monotonicNanos();

  /** The wall-clock time. */
  Instant now();

  /** The smallest step between two readings that differ, in nanoseconds; at least 1. */
  long resolutionNanos();

  /** Ready once {@link #monotonicNanos()} reaches {@code monotonicNanos}. */
  Pollable deadline(long monotonicNanos);
}
