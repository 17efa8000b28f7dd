package dev.iotypes.wasm.runtime;

import dev.iotypes.wasm.LimitExceeded;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The wall-clock budget of one run, on the thread that runs the guest. When time is up:
 *
 * <ul>
 *   <li>if the guest is executing Wasm, the thread is interrupted, and Chicory (compiled or
 *       interpreted) throws at the next call or backward branch;
 *   <li>if it is inside a host function, that call is let finish (so an I/O call is never cut in
 *       half) and the run ends as it returns; a call still blocked after {@link #GRACE} (a pipe no
 *       one drains, a silent stdin) is interrupted too.
 * </ul>
 *
 * {@link #close()} disarms the watchdog and clears any interrupt it caused, before outputs are
 * flushed and closed, so an interrupt never lands on the cleanup.
 */
public final class Watchdog implements AutoCloseable {
  /** How long a host call may go on once time is up, before it is interrupted too. */
  static final Duration GRACE = Duration.ofMillis(200);

  /** A watchdog that never fires, for runs without a budget. */
  public static final Watchdog NONE = new Watchdog(null, Duration.ZERO);

  /** The timer thread, made on the first run with a budget (a run without one never pays it). */
  private static final class Timer {
    static final ScheduledExecutorService TIMER =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "iotypes-watchdog");
              thread.setDaemon(true);
              return thread;
            });
  }

  private static final int IN_GUEST = 0;
  private static final int IN_HOST = 1;
  private static final int EXPIRED = 2;
  private static final int DISARMED = 3;

  private final Thread thread;
  private final Duration timeout;
  private final AtomicInteger state = new AtomicInteger(IN_GUEST);
  private volatile boolean timedOut;
  private ScheduledFuture<?> pending;
  private boolean interrupted;

  private Watchdog(Thread thread, Duration timeout) {
    this.thread = thread;
    this.timeout = timeout;
    if (thread == null) {
      state.set(DISARMED);
    }
  }

  /** Arms a watchdog for the current thread, or returns {@link #NONE} for a zero timeout. */
  public static Watchdog start(Duration timeout) {
    if (timeout.isZero()) {
      return NONE;
    }
    Watchdog watchdog = new Watchdog(Thread.currentThread(), timeout);
    synchronized (watchdog) {
      watchdog.pending =
          Timer.TIMER.schedule(watchdog::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
    return watchdog;
  }

  public Duration timeout() {
    return timeout;
  }

  /** Whether there is a budget at all: {@link #NONE} is not armed, and its gate is a no-op. */
  public boolean armed() {
    return thread != null;
  }

  /** Whether time ran out. */
  public boolean expired() {
    return timedOut;
  }

  /** A host function starts: refused once time is up. */
  public void enter(String function) {
    if (thread == null) {
      return; // no budget: nothing to watch on the hot path of every host call
    }
    if (!state.compareAndSet(IN_GUEST, IN_HOST) && state.get() == EXPIRED) {
      throw reached(function);
    }
  }

  /** A host function returns: the run ends here if time ran out meanwhile. */
  public void exit(String function) {
    if (thread == null) {
      return;
    }
    if (!state.compareAndSet(IN_HOST, IN_GUEST) && state.get() == EXPIRED) {
      throw reached(function);
    }
  }

  private LimitReached reached(String function) {
    return new LimitReached(
        LimitExceeded.Limit.TIME, "time limit of " + describe(timeout) + " reached in " + function);
  }

  private void expire() {
    if (state.get() == DISARMED) {
      return;
    }
    timedOut = true;
    int was = state.getAndUpdate(s -> s == DISARMED ? DISARMED : EXPIRED);
    if (was == IN_GUEST) {
      interrupt();
    } else if (was == IN_HOST) {
      synchronized (this) {
        if (pending != null) {
          pending = Timer.TIMER.schedule(this::interrupt, GRACE.toNanos(), TimeUnit.NANOSECONDS);
        }
      }
    }
  }

  private synchronized void interrupt() {
    if (pending != null) { // not closed yet
      interrupted = true;
      thread.interrupt();
    }
  }

  /** Disarms; clears the thread's interrupt if this watchdog set it. Call on the guest's thread. */
  @Override
  public void close() {
    if (thread == null) {
      return;
    }
    synchronized (this) {
      if (pending != null) {
        pending.cancel(false);
        pending = null;
      }
      state.set(DISARMED);
      if (interrupted) {
        Thread.interrupted();
      }
    }
  }

  /** {@code 5s}, {@code 250ms}: as the flag is written. */
  public static String describe(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
