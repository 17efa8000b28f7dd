package dev.iotypes.wasm.runtime;

import com.dylibso.chicory.runtime.ByteBufferMemory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TableFactory;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.Table;
import dev.iotypes.engine.DirectMemory;
import dev.iotypes.wasm.GuestOptions;
import dev.iotypes.wasm.LimitExceeded;
import java.util.function.Function;

/**
 * The {@link GuestOptions} limits on what an instance allocates itself: linear memory and tables. A
 * module that declares more than allowed is refused before it is instantiated; growth past the
 * limit is refused the Wasm way ({@code memory.grow} and {@code table.grow} return -1).
 */
public final class Limits {
  private Limits() {}

  /** Refuses a module whose declared initial memory or tables exceed the limits. */
  public static void checkDeclared(String name, WasmModule module, GuestOptions options)
      throws LimitExceeded {
    if (module.memorySection().isPresent()) {
      var memories = module.memorySection().get();
      for (int i = 0; i < memories.memoryCount(); i++) {
        long bytes = (long) memories.getMemory(i).limits().initialPages() * Memory.PAGE_SIZE;
        long limit = (long) options.maxMemoryPages() * Memory.PAGE_SIZE;
        if (bytes > limit) {
          throw new LimitExceeded(
              LimitExceeded.Limit.MEMORY,
              name
                  + " declares "
                  + bytes
                  + " bytes of initial memory, more than the limit of "
                  + limit,
              null);
        }
      }
    }
    for (int i = 0; i < module.tableSection().tableCount(); i++) {
      long elements = module.tableSection().getTable(i).limits().min();
      if (elements > options.maxTableElements()) {
        throw new LimitExceeded(
            LimitExceeded.Limit.TABLE,
            name
                + " declares a table of "
                + elements
                + " elements, more than the limit of "
                + options.maxTableElements(),
            null);
      }
    }
  }

  /**
   * Memories whose maximum is the smaller of the declared one and the limit, outside the heap
   * ({@link DirectMemory}) unless shared.
   */
  public static Function<MemoryLimits, Memory> memories(GuestOptions options) {
    int cap = options.maxMemoryPages();
    return declared -> {
      var limited =
          new MemoryLimits(
              declared.initialPages(),
              Math.max(declared.initialPages(), Math.min(declared.maximumPages(), cap)),
              declared.shared());
      return limited.shared() ? new ByteBufferMemory(limited) : new DirectMemory(limited);
    };
  }

  /** Tables that refuse to grow past the limit, with the size computed without wrapping. */
  public static TableFactory tables(GuestOptions options) {
    return (table, ref) -> new LimitedTable(table, ref, options.maxTableElements());
  }

  private static final class LimitedTable extends TableInstance {
    private final int max;

    LimitedTable(Table table, int ref, int max) {
      super(table, ref);
      this.max = max;
    }

    @Override
    public int grow(int delta, int value, Instance instance) {
      long size = (long) size() + Integer.toUnsignedLong(delta);
      if (size > max || size > limits().max()) {
        return -1;
      }
      return super.grow(delta, value, instance);
    }
  }
}
