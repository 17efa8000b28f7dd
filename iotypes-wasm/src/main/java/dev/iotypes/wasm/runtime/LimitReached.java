package dev.iotypes.wasm.runtime;

import com.dylibso.chicory.runtime.TrapException;
import dev.iotypes.wasm.LimitExceeded;

/**
 * Thrown inside the instance, by a host function or the watchdog, to unwind it: a trap to Chicory,
 * a {@link LimitExceeded} to the embedder once the run has released what it held.
 */
public final class LimitReached extends TrapException {
  private final LimitExceeded.Limit limit;

  public LimitReached(LimitExceeded.Limit limit, String message) {
    super(message);
    this.limit = limit;
  }

  public LimitExceeded.Limit limit() {
    return limit;
  }
}
