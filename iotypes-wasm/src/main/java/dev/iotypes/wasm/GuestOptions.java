package dev.iotypes.wasm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How guests run: immutable, with safe defaults; each {@code with*} returns a copy. Every limit is
 * per instance, so one guest cannot use up another's share. What a guest sees when it reaches one
 * is in {@code docs/security.md}.
 *
 * @param interpreter run Chicory's interpreter instead of compiling the module to JVM bytecode
 *     (slower, but starts at once)
 * @param maxHandles the most handles one instance may hold open at a time; one more ends the run
 *     ({@link LimitExceeded.Limit#HANDLES})
 * @param maxAnonymousLength the most bytes one anonymous array (or from-stream) may hold; a write
 *     past it fails (an outcome the guest sees, not the end of the run)
 * @param maxMemory the most bytes of linear memory an instance may have: {@code memory.grow} past
 *     it returns -1, and a module that declares more at its start is refused before it runs
 * @param maxTableElements the most elements a table may have, by declaration or {@code table.grow}
 * @param timeout the wall-clock budget of a run (start function, {@code _initialize} and main);
 *     {@link Duration#ZERO} for none
 * @param pipeCapacity the buffer of each pipe the guest makes, in bytes
 * @param cache a directory where compiled modules are kept, keyed by the module's SHA-256, so that
 *     a module is compiled once rather than at every load; none by default
 */
public record GuestOptions(
    boolean interpreter,
    int maxHandles,
    long maxAnonymousLength,
    long maxMemory,
    int maxTableElements,
    Duration timeout,
    int pipeCapacity,
    Optional<Path> cache) {
  /** Wasm's 32-bit address space: 65536 pages of 64 KiB. */
  public static final long WASM32_MEMORY = 1L << 32;

  /** The most pages any limit allows: 2 GiB less one page, what the runtime's memory can hold. */
  static final int MAX_MEMORY_PAGES = 32767;

  public static final GuestOptions DEFAULTS =
      new GuestOptions(
          false, 4096, 1L << 32, 256L << 20, 1 << 20, Duration.ZERO, 64 * 1024, Optional.empty());

  public GuestOptions {
    Objects.requireNonNull(cache, "cache");
    if (maxHandles < 1) {
      throw new IllegalArgumentException("maxHandles < 1: " + maxHandles);
    }
    if (maxAnonymousLength < 0) {
      throw new IllegalArgumentException("maxAnonymousLength < 0: " + maxAnonymousLength);
    }
    if (maxMemory < 0) {
      throw new IllegalArgumentException("maxMemory < 0: " + maxMemory);
    }
    if (maxTableElements < 0) {
      throw new IllegalArgumentException("maxTableElements < 0: " + maxTableElements);
    }
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout < 0: " + timeout);
    }
    if (pipeCapacity < 1) {
      throw new IllegalArgumentException("pipeCapacity < 1: " + pipeCapacity);
    }
  }

  public GuestOptions withInterpreter(boolean interpreter) {
    return new GuestOptions(
        interpreter,
        maxHandles,
        maxAnonymousLength,
        maxMemory,
        maxTableElements,
        timeout,
        pipeCapacity,
        cache);
  }

  public GuestOptions withMaxHandles(int maxHandles) {
    return new GuestOptions(
        interpreter,
        maxHandles,
        maxAnonymousLength,
        maxMemory,
        maxTableElements,
        timeout,
        pipeCapacity,
        cache);
  }

  public GuestOptions withMaxAnonymousLength(long maxAnonymousLength) {
    return new GuestOptions(
        interpreter,
        maxHandles,
        maxAnonymousLength,
        maxMemory,
        maxTableElements,
        timeout,
        pipeCapacity,
        cache);
  }

  /** Larger than 2 GiB - 64 KiB is taken as that: the most the runtime's memory can hold. */
  public GuestOptions withMaxMemory(long maxMemory) {
    return new GuestOptions(
        interpreter,
        maxHandles,
        maxAnonymousLength,
        maxMemory,
        maxTableElements,
        timeout,
        pipeCapacity,
        cache);
  }

  public GuestOptions withMaxTableElements(int maxTableElements) {
    return new GuestOptions(
        interpreter,
        maxHandles,
        maxAnonymousLength,
        maxMemory,
        maxTableElements,
        timeout,
        pipeCapacity,
        cache);
  }

  public GuestOptions withTimeout(Duration timeout) {
    return new GuestOptions(
        interpreter,
        maxHandles,
        maxAnonymousLength,
        maxMemory,
        maxTableElements,
        timeout,
        pipeCapacity,
        cache);
  }

  public GuestOptions withPipeCapacity(int pipeCapacity) {
    return new GuestOptions(
        interpreter,
        maxHandles,
        maxAnonymousLength,
        maxMemory,
        maxTableElements,
        timeout,
        pipeCapacity,
        cache);
  }

  /** Keeps compiled modules in {@code directory} (created if missing, private to its owner). */
  public GuestOptions withCache(Path directory) {
    return new GuestOptions(
        interpreter,
        maxHandles,
        maxAnonymousLength,
        maxMemory,
        maxTableElements,
        timeout,
        pipeCapacity,
        Optional.of(directory.toAbsolutePath()));
  }

  public GuestOptions withoutCache() {
    return new GuestOptions(
        interpreter,
        maxHandles,
        maxAnonymousLength,
        maxMemory,
        maxTableElements,
        timeout,
        pipeCapacity,
        Optional.empty());
  }

  /** {@code $XDG_CACHE_HOME/iotypes}, else {@code ~/.cache/iotypes}. */
  public static Path defaultCacheDirectory() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "iotypes");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "iotypes");
  }

  /**
   * {@link #maxMemory} in whole Wasm pages, at most {@link #MAX_MEMORY_PAGES}: Chicory's memory is
   * one {@code ByteBuffer}, which cannot hold 2 GiB (a module declaring that much would otherwise
   * fail with an index exception inside Chicory).
   */
  int maxMemoryPages() {
    return (int)
        Math.min(maxMemory / com.dylibso.chicory.runtime.Memory.PAGE_SIZE, MAX_MEMORY_PAGES);
  }
}
