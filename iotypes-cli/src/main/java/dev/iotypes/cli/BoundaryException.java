package dev.iotypes.cli;

/**
 * A command-line argument that cannot become the I/O type asked for: a missing file, an unreachable
 * URL, a malformed {@code data:} URL. The message is one line naming the argument as the user wrote
 * it and the problem, ready to print after {@code iotypes: }.
 */
public final class BoundaryException extends Exception {
  BoundaryException(String message) {
    super(message, null, false, false);
  }
}
