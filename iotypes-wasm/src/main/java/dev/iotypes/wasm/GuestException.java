package dev.iotypes.wasm;

/**
 * A guest could not be loaded or started: not a Wasm module, no typed main, an import iotypes does
 * not provide, an argument that does not fit. The message is one line meant for the user.
 */
public class GuestException extends Exception {
  public GuestException(String message) {
    super(message);
  }

  public GuestException(String message, Throwable cause) {
    super(message, cause);
  }
}
