package dev.iotypes.wasm;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How guests run: immutable, with safe defaults; each {@code with*} returns a copy.
 *
 * @param interpreter run Chicory's interpreter instead of compiling the module to JVM bytecode
 *     (slower, but starts at once)
 * @param maxHandles the most handles one instance may hold open at a time
 * @param maxAnonymousLength the most bytes one anonymous array (or from-stream) may hold
 * @param cache a directory where compiled modules are kept, keyed by the module's SHA-256, so that
 *     a module is compiled once rather than at every load; none by default
 */
public record GuestOptions(
    boolean interpreter, int maxHandles, long maxAnonymousLength, Optional<Path> cache) {
  public static final GuestOptions DEFAULTS =
      new GuestOptions(false, 4096, 1L << 32, Optional.empty());

  public GuestOptions {
    Objects.requireNonNull(cache, "cache");
    if (maxHandles < 1) {
      throw new IllegalArgumentException("maxHandles < 1: " + maxHandles);
    }
    if (maxAnonymousLength < 0) {
      throw new IllegalArgumentException("maxAnonymousLength < 0: " + maxAnonymousLength);
    }
  }

  public GuestOptions withInterpreter(boolean interpreter) {
    return new GuestOptions(interpreter, maxHandles, maxAnonymousLength, cache);
  }

  public GuestOptions withMaxHandles(int maxHandles) {
    return new GuestOptions(interpreter, maxHandles, maxAnonymousLength, cache);
  }

  public GuestOptions withMaxAnonymousLength(long maxAnonymousLength) {
    return new GuestOptions(interpreter, maxHandles, maxAnonymousLength, cache);
  }

  /** Keeps compiled modules in {@code directory} (created if missing, private to its owner). */
  public GuestOptions withCache(Path directory) {
    return new GuestOptions(
        interpreter, maxHandles, maxAnonymousLength, Optional.of(directory.toAbsolutePath()));
  }

  public GuestOptions withoutCache() {
    return new GuestOptions(interpreter, maxHandles, maxAnonymousLength, Optional.empty());
  }

  /** {@code $XDG_CACHE_HOME/iotypes}, else {@code ~/.cache/iotypes}. */
  public static Path defaultCacheDirectory() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "iotypes");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "iotypes");
  }
}
