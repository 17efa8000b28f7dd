package dev.iotypes.engine;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.ChicoryException;

/**
 * An instance's entry into compiled code. Traps surface as Chicory's exceptions, with the message
 * the spec names, so everything above the engine reads them as it reads Chicory's.
 */
final class EngineMachine implements Machine {
  private final ModuleCode code;
  private final Instance instance;
  private Context context;
  private Machine fallback;

  EngineMachine(ModuleCode code, Instance instance) {
    this.code = code;
    this.instance = instance;
  }

  @Override
  public long[] call(int funcId, long[] args) throws ChicoryException {
    if (funcId < code.importCount()) {
      return instance.imports().function(funcId).handle().apply(instance, args);
    }
    Context ctx = context();
    if (ctx == null) {
      return fallback.call(funcId, args);
    }
    try {
      return (long[]) code.invoker(funcId).invokeExact(args, ctx);
    } catch (ArrayIndexOutOfBoundsException e) {
      throw e; // the engine's own arrays: a bug, never the guest's access
    } catch (IndexOutOfBoundsException e) {
      throw new WasmRuntimeException("out of bounds memory access", e);
    } catch (StackOverflowError e) {
      throw new ChicoryException("call stack exhausted", e);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /** Made at the first call, once the instance's memory exists; null if it is not ours. */
  private Context context() {
    if (context == null && fallback == null) {
      Memory memory = instance.memory();
      if (memory == null || memory instanceof DirectMemory && Ops.supported()) {
        context = new Context(code, instance, (DirectMemory) memory);
      } else {
        code.prepareToInterpretAll(instance);
        fallback = new InterpreterMachine(instance); // compiled code indexes a DirectMemory only
      }
    }
    return context;
  }
}
