package dev.iotypes.wasm;

/**
 * The guest trapped: a Wasm trap, a misused import, exhausted stack. By the time this is thrown
 * every output the guest held has been flushed and every handle released, so nothing it wrote
 * before the trap is lost.
 */
public final class GuestTrap extends GuestException {
  private final String function;

  GuestTrap(String message, String function, Throwable cause) {
    super(message, cause);
    this.function = function;
  }

  /** The Wasm function that trapped (its name-section name, else {@code func[N]}), if known. */
  public String function() {
    return function;
  }
}
