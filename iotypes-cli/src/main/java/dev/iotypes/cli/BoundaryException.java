package dev.iotypes.cli;

/**
 * A command-line argument that cannot become the I/O type asked for: a missing file, an unreachable
 * URL, a malformed {@code data:} URL. The message is one line naming the argument as the user wrote
 * it and the problem, ready to print after {@code iotypes: }.
 */
public final class BoundaryException extends Exception {
  private final ExitStatus status;

  BoundaryException(String message) {
    this(message, false);
  }

  BoundaryException(String message, boolean timedOut) {
    this(message, timedOut ? ExitStatus.TIMEOUT : ExitStatus.BAD_ARGUMENT);
  }

  /**
   * With the status a run that stops here exits with: a composition ({@code [MODULE.wasm ...]})
   * fails as its inner guest would have at the top level (a usage error, a trap, a limit).
   */
  BoundaryException(String message, ExitStatus status) {
    super(message, null, false, false);
    this.status = status;
  }

  /** Whether binding ran out of the run's time limit ({@code --timeout}). */
  public boolean timedOut() {
    return status == ExitStatus.TIMEOUT;
  }

  /** The exit status of a run that stops here. */
  ExitStatus status() {
    return status;
  }
}
