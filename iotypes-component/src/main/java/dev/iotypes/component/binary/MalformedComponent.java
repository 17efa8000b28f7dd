package dev.iotypes.component.binary;

/**
 * A component binary that does not decode or does not validate. The message is one line that says
 * what is wrong and where (a byte offset), as Chicory's messages for core modules do.
 */
public final class MalformedComponent extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedComponent(String message) {
    super(Names.printable(message));
  }
}
