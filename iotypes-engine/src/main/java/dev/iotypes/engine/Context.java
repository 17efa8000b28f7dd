package dev.iotypes.engine;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.Instance;
import java.lang.invoke.MethodHandle;
import java.util.HashMap;
import java.util.Map;

/**
 * One instance as compiled code sees it: the last parameter of every generated function. Compiled
 * classes are shared by every instance of a module, so whatever belongs to one instance (memory,
 * globals, tables, imports) is reached through here.
 */
public final class Context {
  /** Loop headers passed between two looks at the thread's interrupt flag. */
  static final int POLL_INTERVAL = 1 << 14;

  public final Instance instance;
  public final GlobalInstance[] globals;
  final ModuleCode code;
  private final DirectMemory memory;

  /**
   * Counts down at each loop header; at zero, {@link #poll()}. A plain field: the compiled loop may
   * keep it in a register, and the interrupt flag (a volatile read that would pin every load in the
   * loop) is read only every {@link #POLL_INTERVAL} iterations.
   */
  public int fuel = POLL_INTERVAL;

  Context(ModuleCode code, Instance instance, DirectMemory memory) {
    this.code = code;
    this.instance = instance;
    this.memory = memory;
    this.globals = new GlobalInstance[instance.globalCount()];
    for (int i = 0; i < globals.length; i++) {
      globals[i] = instance.global(i);
    }
  }

  /**
   * Where the memory's bytes are now, and how many: a grow may move them, so compiled code reads
   * both again after every call and {@code memory.grow}.
   */
  public long address() {
    return memory.address();
  }

  public int size() {
    return memory.size();
  }

  private Interpreter interpreter;

  /** A function of another instance that this one calls through a table, as a type. */
  private record Foreign(Instance target, int funcId, int typeIdx) {}

  /**
   * The bound call of each foreign function this instance has reached through a table, type-checked
   * once: a component's core instances call each other this way all the time. Held here, per
   * instance, so that nothing outlives the instances it names.
   */
  private final Map<Foreign, MethodHandle> foreign = new HashMap<>();

  MethodHandle foreign(Instance target, int funcId, int typeIdx) {
    return foreign.get(new Foreign(target, funcId, typeIdx));
  }

  void foreign(Instance target, int funcId, int typeIdx, MethodHandle call) {
    foreign.put(new Foreign(target, funcId, typeIdx), call);
  }

  Interpreter interpreter() {
    if (interpreter == null) {
      interpreter = new Interpreter(instance, code);
    }
    return interpreter;
  }

  DirectMemory directMemory() {
    return memory;
  }

  /** Ends the run if its thread was interrupted (the watchdog's way to stop a guest). */
  public void poll() {
    fuel = POLL_INTERVAL;
    if (Thread.currentThread().isInterrupted()) {
      throw new ChicoryInterruptedException("Thread interrupted");
    }
  }
}
