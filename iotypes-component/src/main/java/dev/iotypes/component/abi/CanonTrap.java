package dev.iotypes.component.abi;

/**
 * A trap the Canonical ABI requires (a pointer out of bounds, bad UTF-8, a handle of the wrong
 * type): the run ends, as at a core trap; nothing of it reaches the guest as a value.
 */
public final class CanonTrap extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CanonTrap(String message) {
    super(message);
  }

  public static void trapIf(boolean condition, String message) {
    if (condition) {
      throw new CanonTrap(message);
    }
  }
}
