package dev.iotypes.component.link;

/**
 * A component that cannot be instantiated with what it is given: one line saying what is missing.
 */
public final class LinkError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LinkError(String message) {
    super(dev.iotypes.component.binary.Names.printable(message));
  }
}
