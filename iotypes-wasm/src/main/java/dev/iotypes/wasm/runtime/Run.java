package dev.iotypes.wasm.runtime;

import dev.iotypes.wasm.Guest;
import dev.iotypes.wasm.GuestException;
import dev.iotypes.wasm.LimitExceeded;

/**
 * One run of a guest, whatever its ABI (a typed main, a WASI command): the time budget armed for as
 * long as the guest runs, and the one reading of how a run that threw ended, so that a typed main
 * and a command report a limit, a timeout, the heap running out and a trap alike.
 */
public final class Run implements AutoCloseable {
  private final Guest guest;
  private final Watchdog watchdog;

  private Run(Guest guest, Watchdog watchdog) {
    this.guest = guest;
    this.watchdog = watchdog;
  }

  /** Arms the guest's time budget ({@code GuestOptions.timeout}) from now. */
  public static Run start(Guest guest) {
    return new Run(guest, Watchdog.start(GuestAccess.get().options(guest).timeout()));
  }

  public Watchdog watchdog() {
    return watchdog;
  }

  /**
   * What the embedder is told of a run that threw {@code e}: a limit (time, handles, memory, the
   * heap), else a trap. A {@link GuestException} that {@code Guest} already made of it (a trap in a
   * start function, a missing import) stands unless a limit explains it.
   */
  public GuestException ended(Throwable e) {
    GuestException reported = e instanceof GuestException g ? g : null;
    Throwable cause = reported != null && reported.getCause() != null ? reported.getCause() : e;
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof LimitReached r) {
        return new LimitExceeded(r.limit(), guest.name() + ": " + r.getMessage(), cause);
      }
    }
    if (watchdog.expired()) {
      return new LimitExceeded(
          LimitExceeded.Limit.TIME,
          guest.name() + ": time limit of " + Watchdog.describe(watchdog.timeout()) + " reached",
          cause);
    }
    if (cause instanceof OutOfMemoryError) {
      return new LimitExceeded(
          LimitExceeded.Limit.MEMORY, guest.name() + ": the host ran out of memory", cause);
    }
    return reported != null ? reported : guest.trap(cause);
  }

  /** Disarms the budget: before outputs are flushed, so that no interrupt lands on them. */
  @Override
  public void close() {
    watchdog.close();
  }
}
