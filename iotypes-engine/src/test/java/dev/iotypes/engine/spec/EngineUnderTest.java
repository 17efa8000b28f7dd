package dev.iotypes.engine.spec;

import com.dylibso.chicory.runtime.ByteBufferMemory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.iotypes.engine.DirectMemory;
import dev.iotypes.engine.Engine;
import java.util.function.Function;

/**
 * The two choices that make an instance run on the engine under test, in one place: which machine
 * executes the code, and which Memory implementation backs every memory, the spectest module's
 * included (the engine reads memory through its own type, so an imported memory must be of that
 * type too).
 *
 * <p>{@code -Diotypes.spec.machine=interpreter} runs the same scripts on Chicory's interpreter and
 * default memory instead: a reference run that tells a harness or script problem from an engine
 * bug.
 */
final class EngineUnderTest {
  private EngineUnderTest() {}

  static final boolean INTERPRETER =
      "interpreter".equals(System.getProperty("iotypes.spec.machine", "engine"));

  static Instance.Builder builder(WasmModule module) {
    return Instance.builder(module)
        .withMachineFactory(machineFactory(module))
        .withMemoryFactory(memoryFactory());
  }

  static Function<Instance, Machine> machineFactory(WasmModule module) {
    return INTERPRETER ? InterpreterMachine::new : Engine.machineFactory(module);
  }

  static Function<MemoryLimits, Memory> memoryFactory() {
    return INTERPRETER ? ByteBufferMemory::new : DirectMemory::new;
  }
}
