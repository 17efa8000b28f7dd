package dev.iotypes.engine;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.function.Function;

/** iotypes' own execution engine: Wasm functions compiled to JVM bytecode shaped for HotSpot. */
public final class Engine {
  private Engine() {}

  /** The machine factory to give Chicory's {@code Instance.Builder} for {@code module}. */
  public static Function<Instance, Machine> machineFactory(WasmModule module) {
    return InterpreterMachine::new; // placeholder until the compiler lands
  }
}
