package dev.iotypes;

import java.io.InterruptedIOException;

/**
 * How a loop that moves bytes on a caller's behalf ({@link Input#forward}, {@link Input#skip},
 * {@link Output#writeZeros}, {@link IoArray#copyTo}) is told to stop: its thread's interrupt,
 * looked at once per chunk. A source that never runs dry (a pipe fed by its own reader, an endless
 * stream, zeros) never blocks, so no blocking call would ever notice an interrupt, and the loop
 * would go on for as long as the count allows; a caller with a deadline (the Wasm host's watchdog)
 * interrupts the thread instead, and the loop returns what it moved with a failure.
 *
 * <p>The stream itself did not fail, so the failure is not sticky: the next call works, as after a
 * {@code read(2)} cut short by a signal. The interrupt is left set for whoever set it to clear.
 */
final class Interruption {
  private Interruption() {}

  /** Whether the current thread was asked to stop; its interrupt stays set. */
  static boolean requested() {
    return Thread.currentThread().isInterrupted();
  }

  /** The outcome of a loop stopped after {@code done} bytes. */
  static Outcome stopped(long done) {
    return Outcome.failed(
        done, Failure.from(new InterruptedIOException("interrupted after " + done + " bytes")));
  }
}
