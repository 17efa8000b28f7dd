package dev.iotypes.component.wasi;

/** {@code wasi:cli/exit}: unwinds the guest to the host with the status it asked for. */
public final class ComponentExit extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  ComponentExit(int status) {
    super("exit " + status, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
