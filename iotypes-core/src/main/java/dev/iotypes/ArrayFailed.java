package dev.iotypes;

import java.io.IOException;

/**
 * Carries an array's failure through a stream built on it, so the stream reports the very same
 * {@link Failure} rather than a new one.
 */
final class ArrayFailed extends IOException {
  final Failure failure;

  ArrayFailed(Failure failure) {
    super("array failed");
    this.failure = failure;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this; // a carrier, not a diagnosis: the failure inside has the detail
  }
}
