package dev.iotypes.cli;

/**
 * A command-line argument that cannot become the I/O type asked for: a missing file, an unreachable
 * URL, a malformed {@code data:} URL. The message is one line naming the argument as the user wrote
 * it and the problem, ready to print after {@code iotypes: }.
 */
public final class BoundaryException extends Exception {
  private final boolean timedOut;

  BoundaryException(String message) {
    this(message, false);
  }

  BoundaryException(String message, boolean timedOut) {
    super(message, null, false, false);
    this.timedOut = timedOut;
  }

  /** Whether binding ran out of the run's time limit ({@code --timeout}). */
  public boolean timedOut() {
    return timedOut;
  }
}
