package dev.iotypes;

/**
 * Where a stream or array stands after a call. {@link #ENDED} and {@link #FAILED} are sticky on
 * streams: once reported, every later call reports them again and never touches the backend.
 */
public enum Status {
  /** More calls may do more work. */
  OPEN,
  /** An input has no more bytes (or an array read reached its length). */
  ENDED,
  /** The backend failed; the {@link Failure} says why, but only to the host. */
  FAILED
}
