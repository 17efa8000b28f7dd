package dev.iotypes;

/**
 * The readiness of something a program may wait for: an input that has bytes or its end, an output
 * with room, a clock's deadline. {@link Poll#poll} waits for any of several; a read or write stays
 * blocking, and a program that polls first does not block on a stream that was not ready.
 *
 * <p>No thread watches a pollable: a backend that can say when it changed ({@link Pipe}, an input
 * {@link IoTypes#readAhead read ahead} by a thread of its own) calls the wakers given to {@link
 * #watch}; a deadline says how long to sleep ({@link #nanosUntilReady}); a backend that never
 * blocks (files, memory) is always {@link #READY}.
 */
public interface Pollable {
  /** Always ready: the null object for backends whose calls never wait. */
  Pollable READY =
      new Pollable() {
        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public String toString() {
          return "ready";
        }
      };

  /** Whether a call on what it watches would return without waiting, now. */
  boolean isReady();

  /**
   * Real nanoseconds after which it may have become ready with nothing else happening (a deadline),
   * or {@link Long#MAX_VALUE} if only an event it {@link #watch watches} can make it ready.
   */
  default long nanosUntilReady() {
    return Long.MAX_VALUE;
  }

  /**
   * Runs {@code wake} (on any thread, quickly) whenever it may have become ready, until the
   * returned handle is run to stop watching.
   */
  default Runnable watch(Runnable wake) {
    return () -> {};
  }
}
