package dev.iotypes.wasm.runtime;

import dev.iotypes.wasm.GuestException;
import dev.iotypes.wasm.LimitExceeded;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The time budget of loading a module: parsing, validation and Chicory's compiler, none of which
 * looks at interrupts. The work runs on a thread of its own while the caller waits at most the
 * budget; when it is spent, the caller gets a {@link LimitExceeded} at once, and the loading thread
 * is interrupted and gives up at its next {@link #checkpoint()} (between parsed sections, and
 * between parsing, validating and compiling), its result unused and never cached.
 */
public final class LoadBudget {
  private LoadBudget() {}

  /** What loading does: the same work, whether on the caller's thread or a thread of its own. */
  public interface Work<T> {
    T run() throws GuestException;
  }

  /**
   * Runs {@code work} within {@code timeout}, on the caller's thread if there is no budget ({@link
   * Duration#ZERO}).
   */
  public static <T> T within(Duration timeout, String name, Work<T> work) throws GuestException {
    if (timeout.isZero()) {
      return work.run();
    }
    FutureTask<T> task = new FutureTask<>(work::run);
    Thread loader = new Loader(task, name);
    loader.start();
    try {
      return task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      loader.interrupt();
      throw new LimitExceeded(
          LimitExceeded.Limit.TIME,
          name + ": time limit of " + Watchdog.describe(timeout) + " reached while loading",
          null);
    } catch (InterruptedException e) {
      loader.interrupt();
      Thread.currentThread().interrupt();
      throw new GuestException(name + ": interrupted while loading", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof GuestException g) {
        throw g;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new GuestException(name + " could not be loaded: " + cause, cause);
    }
  }

  /**
   * Gives up loading if the caller stopped waiting: nobody will use the result. A load without a
   * budget, on the caller's thread, is never given up here, whatever its interrupt status.
   */
  public static void checkpoint() {
    if (Thread.currentThread() instanceof Loader && Thread.currentThread().isInterrupted()) {
      throw new Abandoned();
    }
  }

  /** The thread a module loads on when there is a budget. */
  private static final class Loader extends Thread {
    Loader(Runnable task, String name) {
      super(task, "iotypes-load " + name);
      setDaemon(true);
    }
  }

  /** Loading given up after its budget was spent; the caller was told already. */
  static final class Abandoned extends RuntimeException {
    Abandoned() {
      super("load abandoned: time limit reached", null, false, false);
    }
  }
}
