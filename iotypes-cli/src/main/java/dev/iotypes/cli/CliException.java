package dev.iotypes.cli;

import java.util.Objects;

/**
 * The command cannot go on: a one-line message for {@code iotypes: ...}, an optional hint line
 * (e.g. the usage), and the exit status that says which kind of problem it was.
 */
final class CliException extends Exception {
  private final ExitStatus status;
  private final String hint;

  CliException(ExitStatus status, String message) {
    this(status, message, (String) null);
  }

  /** With the failure behind it, which {@code IOTYPES_DEBUG=1} prints. */
  CliException(ExitStatus status, String message, Throwable cause) {
    super(message, cause, false, false);
    this.status = Objects.requireNonNull(status, "status");
    this.hint = null;
  }

  CliException(ExitStatus status, String message, String hint) {
    super(message, null, false, false);
    this.status = Objects.requireNonNull(status, "status");
    this.hint = hint;
  }

  ExitStatus status() {
    return status;
  }

  /** A second line to print after the message, or {@code null}. */
  String hint() {
    return hint;
  }
}
