package dev.iotypes.wasm;

/**
 * How guests run: immutable, with safe defaults; each {@code with*} returns a copy.
 *
 * @param interpreter run Chicory's interpreter instead of compiling the module to JVM bytecode
 *     (slower, but starts at once)
 * @param maxHandles the most handles one instance may hold open at a time
 * @param maxAnonymousLength the most bytes one anonymous array (or from-stream) may hold
 */
public record GuestOptions(boolean interpreter, int maxHandles, long maxAnonymousLength) {
  public static final GuestOptions DEFAULTS = new GuestOptions(false, 4096, 1L << 32);

  public GuestOptions {
    if (maxHandles < 1) {
      throw new IllegalArgumentException("maxHandles < 1: " + maxHandles);
    }
    if (maxAnonymousLength < 0) {
      throw new IllegalArgumentException("maxAnonymousLength < 0: " + maxAnonymousLength);
    }
  }

  public GuestOptions withInterpreter(boolean interpreter) {
    return new GuestOptions(interpreter, maxHandles, maxAnonymousLength);
  }

  public GuestOptions withMaxHandles(int maxHandles) {
    return new GuestOptions(interpreter, maxHandles, maxAnonymousLength);
  }

  public GuestOptions withMaxAnonymousLength(long maxAnonymousLength) {
    return new GuestOptions(interpreter, maxHandles, maxAnonymousLength);
  }
}
