package dev.iotypes.wasm;

import java.util.Objects;

/**
 * The guest reached one of its {@link GuestOptions} limits and was stopped, or was refused before
 * it started. As with a {@link GuestTrap}, by the time this is thrown every output the guest held
 * has been flushed and every handle released, so nothing it wrote before is lost.
 */
public final class LimitExceeded extends GuestException {
  /** Which limit. */
  public enum Limit {
    /** {@link GuestOptions#maxMemory}, or the JVM's heap running out under the guest. */
    MEMORY,
    /** {@link GuestOptions#maxTableElements}. */
    TABLE,
    /** {@link GuestOptions#maxHandles}. */
    HANDLES,
    /** {@link GuestOptions#timeout}, while the guest runs or while its module loads. */
    TIME,
    /**
     * A module's size: more functions, types, imports, exports, data or code than {@code
     * ModuleSizeLimits} allows, refused before it is parsed.
     */
    SIZE
  }

  private final Limit limit;

  public LimitExceeded(Limit limit, String message, Throwable cause) {
    super(message, cause);
    this.limit = Objects.requireNonNull(limit, "limit");
  }

  public Limit limit() {
    return limit;
  }
}
