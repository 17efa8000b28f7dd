package dev.iotypes.engine;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.StackFrame;
import com.dylibso.chicory.runtime.WasmException;

/**
 * Chicory's interpreter for the functions the engine does not compile (SIMD, threads, exceptions,
 * GC, tail calls): it interprets those, and hands every call to a compiled function back to the
 * engine, so one such function does not drag its callees into the interpreter.
 */
final class Interpreter extends InterpreterMachine {
  private final ModuleCode code;

  Interpreter(Instance instance, ModuleCode code) {
    super(instance);
    this.code = code;
  }

  /** Functions already prepared for this instance: each is prepared once, not at every call. */
  private final java.util.BitSet prepared = new java.util.BitSet();

  private void prepare(Instance instance, int funcId) {
    if (!prepared.get(funcId)) {
      code.prepareToInterpret(instance, funcId); // throws, and so stays unprepared, for SIMD
      prepared.set(funcId);
    }
  }

  @Override
  public long[] call(int funcId, long[] args) {
    prepare(instance(), funcId);
    return super.call(funcId, args);
  }

  @Override
  protected void CALL(Operands operands) {
    Instance instance = instance();
    int funcId = (int) operands.get(0);
    if (funcId < code.importCount() || code.interpreted(funcId)) {
      prepare(instance, funcId);
      super.CALL(operands);
      return;
    }
    var stack = stack();
    var type = instance.type(instance.functionType(funcId));
    long[] args = extractArgsForParams(stack, type.params());
    try {
      long[] results = instance.getMachine().call(funcId, args);
      if (results != null) {
        for (long result : results) {
          stack.push(result);
        }
      }
    } catch (WasmException e) {
      var frame = new StackFrame(instance, funcId, args);
      THROW_REF(instance, instance.registerException(e), stack, frame, callStack);
    }
  }

  @Override
  protected boolean useCurrentInstanceInterpreter(
      Instance instance, Instance refInstance, int funcId) {
    if (refInstance.equals(instance) && code.interpreted(funcId)) {
      prepare(instance, funcId);
      return true;
    }
    return false;
  }
}
