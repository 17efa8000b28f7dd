package dev.iotypes;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Waiting for the first of several {@link Pollable}s, on the caller's thread and no other: the
 * pollables that can tell when they change wake it, the deadlines among them bound its sleep. A
 * {@link IoTypes#fixedClock stopped clock} does not make a program wait: when nothing is ready,
 * time jumps to the earliest of its deadlines, so a run on it takes no time and is reproducible.
 */
public final class Poll {
  private Poll() {}

  /**
   * Blocks until at least one of {@code pollables} is ready and returns the indexes of those that
   * are. There is no other timeout than a deadline among them.
   *
   * @throws IllegalArgumentException if {@code pollables} is empty: nothing could end the wait
   * @throws IllegalStateException if the thread is interrupted while waiting (its interrupt stays
   *     set)
   */
  public static BitSet poll(List<? extends Pollable> pollables) {
    if (pollables.isEmpty()) {
      throw new IllegalArgumentException("poll of no pollables would wait forever");
    }
    BitSet ready = ready(pollables);
    if (!ready.isEmpty()) {
      return ready;
    }
    Waiter waiter = new Waiter();
    List<Runnable> stops = new ArrayList<>(pollables.size());
    try {
      for (Pollable pollable : pollables) {
        stops.add(pollable.watch(waiter::wake));
      }
      while (true) {
        ready = ready(pollables);
        if (!ready.isEmpty()) {
          return ready;
        }
        if (jumpToEarliestDeadline(pollables)) {
          continue;
        }
        long sleep = Long.MAX_VALUE;
        for (Pollable pollable : pollables) {
          sleep = Math.min(sleep, Math.max(0, pollable.nanosUntilReady()));
        }
        waiter.await(sleep);
      }
    } finally {
      stops.forEach(Runnable::run);
    }
  }

  private static BitSet ready(List<? extends Pollable> pollables) {
    BitSet ready = new BitSet(pollables.size());
    for (int i = 0; i < pollables.size(); i++) {
      if (pollables.get(i).isReady()) {
        ready.set(i);
      }
    }
    return ready;
  }

  /**
   * Moves the stopped clock of the earliest stopped-clock deadline there; false if there is none.
   */
  private static boolean jumpToEarliestDeadline(List<? extends Pollable> pollables) {
    Deadline earliest = null;
    for (Pollable pollable : pollables) {
      if (pollable instanceof Deadline d
          && d.clock() instanceof StoppedClock
          && (earliest == null || d.at() < earliest.at())) {
        earliest = d;
      }
    }
    if (earliest == null) {
      return false;
    }
    ((StoppedClock) earliest.clock()).advanceTo(earliest.at());
    return true;
  }

  /** A wake-up that is not lost when it comes between a check and the wait. */
  private static final class Waiter {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean signalled;

    void wake() {
      lock.lock();
      try {
        signalled = true;
        woken.signalAll();
      } finally {
        lock.unlock();
      }
    }

    /** One wait, ended by a wake-up, {@code nanos}, or spuriously: the caller checks again. */
    void await(long nanos) {
      lock.lock();
      try {
        if (!signalled) {
          if (nanos == Long.MAX_VALUE) {
            woken.await();
          } else {
            woken.awaitNanos(Math.min(nanos, TimeUnit.DAYS.toNanos(1)));
          }
        }
        signalled = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while polling");
      } finally {
        lock.unlock();
      }
    }
  }
}
