package dev.iotypes.engine;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.function.Function;

/**
 * iotypes' own execution engine: Wasm functions compiled to JVM bytecode shaped for HotSpot (see
 * {@code docs/engine.md}). Chicory keeps parsing, validation, instances, imports, tables and
 * globals; the engine runs the code, on a {@link DirectMemory}.
 */
public final class Engine {
  private Engine() {}

  /**
   * The machine factory to give Chicory's {@code Instance.Builder} for {@code module}. Compiled
   * code is shared by every instance made with the same factory; a function is compiled the first
   * time it is called.
   */
  public static Function<Instance, Machine> machineFactory(WasmModule module) {
    ModuleCode code = new ModuleCode(module);
    return instance -> new EngineMachine(code, instance);
  }
}
