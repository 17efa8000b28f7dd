package dev.iotypes.wasm;

import dev.iotypes.engine.DirectMemory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How guests run: immutable, with safe defaults; each {@code with*} returns a copy, and {@link
 * #toBuilder()} changes several at once. Every limit is per instance, so one guest cannot use up
 * another's share. What a guest sees when it reaches one is in {@code docs/security.md}.
 *
 * @param execution what runs the guest's code: iotypes' compiler by default
 * @param maxHandles the most handles one instance may hold open at a time; one more ends the run
 *     ({@link LimitExceeded.Limit#HANDLES})
 * @param maxAnonymousLength the most bytes one anonymous array (or from-stream) may hold; a write
 *     past it fails (an outcome the guest sees, not the end of the run)
 * @param maxAnonymousTotal the most bytes all the anonymous arrays of one run may hold together
 *     (pages written, counted in 64 KiB): the per-array limit is about offsets and may exceed the
 *     heap, so a guest making array after array would otherwise run the heap out; one page more
 *     ends the run ({@link LimitExceeded.Limit#MEMORY}) once its arrays are released. By default a
 *     quarter of the JVM's maximum heap ({@link #DEFAULT_ANONYMOUS_TOTAL})
 * @param maxMemory the most bytes of linear memory an instance may have: {@code memory.grow} past
 *     it returns -1, and a module that declares more at its start is refused before it runs
 * @param maxTableElements the most elements a table may have, by declaration or {@code table.grow}
 * @param timeout the wall-clock budget of a run (start function, {@code _initialize} and main);
 *     {@link Duration#ZERO} for none
 * @param pipeCapacity the buffer of each pipe the guest makes, in bytes
 * @param cache a directory where compiled classes are kept (docs/security.md says what it trusts):
 *     Chicory's compiler's whole modules, and the functions iotypes' engine compiled in earlier
 *     runs, so that code is compiled once rather than at every load; none by default
 * @param maxCacheBytes the most bytes of compiled classes the cache directory holds, every
 *     compiler's together: storing past it deletes the entries used least recently; 1 GiB by
 *     default ({@code IOTYPES_CACHE_MAX} for the command line)
 * @param atomicOutputs whether an output bound from a {@link Path} is written beside its file and
 *     put in place only when main returns {@code ok} (exit status 0), leaving the old file as it
 *     was on {@code err}, a trap or a limit ({@link dev.iotypes.AtomicFile}); on by default
 */
public record GuestOptions(
    Execution execution,
    int maxHandles,
    long maxAnonymousLength,
    long maxAnonymousTotal,
    long maxMemory,
    int maxTableElements,
    Duration timeout,
    int pipeCapacity,
    Optional<Path> cache,
    long maxCacheBytes,
    boolean atomicOutputs) {
  /** Wasm's 32-bit address space: 65536 pages of 64 KiB. */
  public static final long WASM32_MEMORY = 1L << 32;

  /** The most pages any limit allows: 2 GiB less one page, what the runtime's memory can hold. */
  static final int MAX_MEMORY_PAGES = 32767;

  /**
   * A quarter of the heap the JVM may grow to: room for the arrays of one run, with the rest left
   * to the embedder and to the runs beside it.
   */
  public static final long DEFAULT_ANONYMOUS_TOTAL = Runtime.getRuntime().maxMemory() / 4;

  public static final GuestOptions DEFAULTS =
      new GuestOptions(
          Execution.IOTYPES,
          4096,
          1L << 32,
          DEFAULT_ANONYMOUS_TOTAL,
          256L << 20,
          1 << 20,
          Duration.ZERO,
          64 * 1024,
          Optional.empty(),
          1L << 30,
          true);

  public GuestOptions {
    Objects.requireNonNull(execution, "execution");
    Objects.requireNonNull(cache, "cache");
    if (maxHandles < 1) {
      throw new IllegalArgumentException("maxHandles < 1: " + maxHandles);
    }
    if (maxAnonymousLength < 0) {
      throw new IllegalArgumentException("maxAnonymousLength < 0: " + maxAnonymousLength);
    }
    if (maxAnonymousTotal < 0) {
      throw new IllegalArgumentException("maxAnonymousTotal < 0: " + maxAnonymousTotal);
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
    if (maxCacheBytes < 0) {
      throw new IllegalArgumentException("maxCacheBytes < 0: " + maxCacheBytes);
    }
  }

  /** Chicory's interpreter, or else the default compiler. */
  public GuestOptions withInterpreter(boolean interpreter) {
    return withExecution(interpreter ? Execution.INTERPRETER : Execution.IOTYPES);
  }

  public GuestOptions withExecution(Execution execution) {
    return toBuilder().execution(execution).build();
  }

  /** Whether Chicory's interpreter runs the guest. */
  public boolean interpreter() {
    return execution == Execution.INTERPRETER;
  }

  public GuestOptions withMaxHandles(int maxHandles) {
    return toBuilder().maxHandles(maxHandles).build();
  }

  public GuestOptions withMaxAnonymousLength(long maxAnonymousLength) {
    return toBuilder().maxAnonymousLength(maxAnonymousLength).build();
  }

  public GuestOptions withMaxAnonymousTotal(long maxAnonymousTotal) {
    return toBuilder().maxAnonymousTotal(maxAnonymousTotal).build();
  }

  /** Larger than 2 GiB - 64 KiB is taken as that: the most the runtime's memory can hold. */
  public GuestOptions withMaxMemory(long maxMemory) {
    return toBuilder().maxMemory(maxMemory).build();
  }

  public GuestOptions withMaxTableElements(int maxTableElements) {
    return toBuilder().maxTableElements(maxTableElements).build();
  }

  public GuestOptions withTimeout(Duration timeout) {
    return toBuilder().timeout(timeout).build();
  }

  public GuestOptions withPipeCapacity(int pipeCapacity) {
    return toBuilder().pipeCapacity(pipeCapacity).build();
  }

  /** Keeps compiled modules in {@code directory} (created if missing, private to its owner). */
  public GuestOptions withCache(Path directory) {
    return toBuilder().cache(Optional.of(directory.toAbsolutePath())).build();
  }

  /** At most {@code maxCacheBytes} in the cache directory; 0 stores nothing. */
  public GuestOptions withMaxCacheBytes(long maxCacheBytes) {
    return toBuilder().maxCacheBytes(maxCacheBytes).build();
  }

  /** Whether outputs bound from a path replace their file only when main returns ok. */
  public GuestOptions withAtomicOutputs(boolean atomicOutputs) {
    return toBuilder().atomicOutputs(atomicOutputs).build();
  }

  public GuestOptions withoutCache() {
    return toBuilder().cache(Optional.empty()).build();
  }

  /** A builder starting from these options, for changing several at once. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Several options changed at once; {@link #build()} checks them as the record does. */
  public static final class Builder {
    private Execution execution;
    private int maxHandles;
    private long maxAnonymousLength;
    private long maxAnonymousTotal;
    private long maxMemory;
    private int maxTableElements;
    private Duration timeout;
    private int pipeCapacity;
    private Optional<Path> cache;
    private long maxCacheBytes;
    private boolean atomicOutputs;

    private Builder(GuestOptions from) {
      execution = from.execution;
      maxHandles = from.maxHandles;
      maxAnonymousLength = from.maxAnonymousLength;
      maxAnonymousTotal = from.maxAnonymousTotal;
      maxMemory = from.maxMemory;
      maxTableElements = from.maxTableElements;
      timeout = from.timeout;
      pipeCapacity = from.pipeCapacity;
      cache = from.cache;
      maxCacheBytes = from.maxCacheBytes;
      atomicOutputs = from.atomicOutputs;
    }

    public Builder execution(Execution execution) {
      this.execution = execution;
      return this;
    }

    public Builder maxHandles(int maxHandles) {
      this.maxHandles = maxHandles;
      return this;
    }

    public Builder maxAnonymousLength(long maxAnonymousLength) {
      this.maxAnonymousLength = maxAnonymousLength;
      return this;
    }

    public Builder maxAnonymousTotal(long maxAnonymousTotal) {
      this.maxAnonymousTotal = maxAnonymousTotal;
      return this;
    }

    public Builder maxMemory(long maxMemory) {
      this.maxMemory = maxMemory;
      return this;
    }

    public Builder maxTableElements(int maxTableElements) {
      this.maxTableElements = maxTableElements;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public Builder pipeCapacity(int pipeCapacity) {
      this.pipeCapacity = pipeCapacity;
      return this;
    }

    public Builder cache(Optional<Path> cache) {
      this.cache = cache;
      return this;
    }

    public Builder maxCacheBytes(long maxCacheBytes) {
      this.maxCacheBytes = maxCacheBytes;
      return this;
    }

    public Builder atomicOutputs(boolean atomicOutputs) {
      this.atomicOutputs = atomicOutputs;
      return this;
    }

    public GuestOptions build() {
      return new GuestOptions(
          execution,
          maxHandles,
          maxAnonymousLength,
          maxAnonymousTotal,
          maxMemory,
          maxTableElements,
          timeout,
          pipeCapacity,
          cache,
          maxCacheBytes,
          atomicOutputs);
    }
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
   * {@link #maxMemory} in whole Wasm pages, at most {@link #MAX_MEMORY_PAGES}: guest memory is one
   * {@code ByteBuffer} ({@link DirectMemory}), which cannot hold 2 GiB.
   */
  public int maxMemoryPages() {
    return (int)
        Math.min(maxMemory / com.dylibso.chicory.runtime.Memory.PAGE_SIZE, MAX_MEMORY_PAGES);
  }
}
