package dev.iotypes;

import java.io.IOException;

/**
 * Carries a failure a backend was told of, so that the stream or array built on it reports the very
 * same {@link Failure} rather than a new one: what a backend of {@link BaseInput}, {@link
 * BaseOutput} or {@link BaseArray} throws when it wraps another I/O type (an input over an array, a
 * test wrapper).
 */
public final class Failed extends IOException {
  final Failure failure;

  public Failed(Failure failure) {
    super("failed");
    this.failure = java.util.Objects.requireNonNull(failure, "failure");
  }

  public Failure failure() {
    return failure;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this; // a carrier, not a diagnosis: the failure inside has the detail
  }
}
