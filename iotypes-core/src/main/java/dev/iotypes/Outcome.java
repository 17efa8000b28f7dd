package dev.iotypes;

import java.util.Objects;

/**
 * Partial success and status together: how many bytes a call moved before it stopped, and why it
 * stopped. This is the Java face of the Wasm multi-value return {@code (count, status)}; no I/O
 * failure is ever thrown.
 *
 * @param count bytes read, written, skipped, forwarded or copied, even when the call then failed
 * @param status {@link Status#FAILED} carries a non-{@code null} {@link #failure()}, the others
 *     {@link Failure#NONE}
 */
public record Outcome(long count, Status status, Failure failure) {
  private static final Outcome OPEN_ZERO = new Outcome(0, Status.OPEN, Failure.NONE);
  private static final Outcome ENDED_ZERO = new Outcome(0, Status.ENDED, Failure.NONE);

  public Outcome {
    if (count < 0) {
      throw new IllegalArgumentException("count < 0: " + count);
    }
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(failure, "failure");
    if ((status == Status.FAILED) != (failure != Failure.NONE)) {
      throw new IllegalArgumentException(
          "a FAILED outcome and only it carries a failure: " + status + ", " + failure);
    }
  }

  public static Outcome open(long count) {
    return count == 0 ? OPEN_ZERO : new Outcome(count, Status.OPEN, Failure.NONE);
  }

  public static Outcome ended(long count) {
    return count == 0 ? ENDED_ZERO : new Outcome(count, Status.ENDED, Failure.NONE);
  }

  public static Outcome failed(long count, Failure failure) {
    return new Outcome(count, Status.FAILED, failure);
  }

  /** The same status and failure with another count: how sticky states are replayed. */
  public Outcome withCount(long newCount) {
    return newCount == count ? this : new Outcome(newCount, status, failure);
  }

  public boolean isOpen() {
    return status == Status.OPEN;
  }

  public boolean isEnded() {
    return status == Status.ENDED;
  }

  public boolean isFailed() {
    return status == Status.FAILED;
  }
}
