package dev.iotypes.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wabt.Wat2Wasm;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ValType;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Runs the same module under the engine and under Chicory's interpreter, on a {@link DirectMemory}
 * both, and compares what each export call gives: its results, or the trap (a Chicory exception)
 * and its message. Anything that is not a Chicory exception (a JVM error, a verifier failure, an
 * engine assertion) is not a trap: it propagates and fails the test as it is.
 */
final class Differential {
  private Differential() {}

  /** What one call gave: results, or a trap's message. */
  record Outcome(long[] values, String trap) {
    static Outcome of(long[] values) {
      return new Outcome(values == null ? new long[0] : values.clone(), null);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Outcome other
          && Arrays.equals(values, other.values)
          && java.util.Objects.equals(trap, other.trap);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values) * 31 + java.util.Objects.hashCode(trap);
    }

    @Override
    public String toString() {
      return trap != null ? "trap: " + trap : "values " + Arrays.toString(values);
    }
  }

  static WasmModule wat(String wat) {
    return Parser.parse(Wat2Wasm.parse(wat));
  }

  static Instance engine(WasmModule module) {
    return instance(module, Engine.machineFactory(module));
  }

  static Instance interpreter(WasmModule module) {
    return instance(module, InterpreterMachine::new);
  }

  static Instance instance(WasmModule module, Function<Instance, Machine> machine) {
    return Instance.builder(module)
        .withMachineFactory(machine)
        .withMemoryFactory(DirectMemory::new)
        .build();
  }

  /**
   * One export call; a Chicory exception is a trap, anything else propagates. Results are
   * normalized by type: an i32 or f32 as its 32 bits sign-extended (the interpreter hands back a
   * parameter's long as it was given).
   */
  static Outcome call(Instance instance, String export, long... args) {
    try {
      long[] values = instance.export(export).apply(args);
      List<ValType> types = instance.exportType(export).returns();
      if (values != null) {
        values = values.clone();
        for (int i = 0; i < values.length && i < types.size(); i++) {
          values[i] = normalize(types.get(i), values[i]);
        }
      }
      return Outcome.of(values);
    } catch (ChicoryException e) {
      return new Outcome(null, trapMessage(e));
    }
  }

  static long normalize(ValType type, long value) {
    int id = type.opcode();
    return id == ValType.ID.I64 || id == ValType.ID.F64 ? value : (long) (int) value;
  }

  /**
   * The trap's kind: the message up to any detail after a colon (the interpreter's "out of bounds
   * memory access: attempted to access address: ..." is the engine's "out of bounds memory
   * access"). "uninitialized element 7" names the index, which both machines agree on: kept.
   */
  static String trapMessage(ChicoryException e) {
    String message = String.valueOf(e.getMessage());
    int colon = message.indexOf(':');
    return colon < 0 ? message : message.substring(0, colon);
  }

  /** Calls {@code export} on both instances and asserts the same outcome; returns it. */
  static Outcome same(Instance engine, Instance reference, String export, long... args) {
    Outcome expected = call(reference, export, args);
    Outcome actual = call(engine, export, args);
    assertThat(actual)
        .as("%s%s: engine vs interpreter", export, Arrays.toString(args))
        .isEqualTo(expected);
    return actual;
  }

  /** The instance's observable state: every global, and the memory's size and bytes. */
  static List<Object> state(Instance instance) {
    List<Object> state = new ArrayList<>();
    for (int g = 0; g < instance.globalCount(); g++) {
      var global = instance.global(g);
      state.add("global " + g + " = " + normalize(global.getType(), global.getValue()));
    }
    if (instance.memory() != null) {
      int pages = instance.memory().pages();
      state.add("pages " + pages);
      byte[] bytes = instance.memory().readBytes(0, pages * 65536);
      state.add("memory hash " + Arrays.hashCode(bytes));
    }
    return state;
  }

  static void sameState(Instance engine, Instance reference) {
    assertThat(state(engine))
        .as("globals and memory after the calls %s", memoryDifference(engine, reference))
        .isEqualTo(state(reference));
  }

  /** The first bytes where the two memories differ, for a failure's message. */
  static String memoryDifference(Instance engine, Instance reference) {
    if (engine.memory() == null || engine.memory().pages() != reference.memory().pages()) {
      return "";
    }
    int size = engine.memory().pages() * 65536;
    byte[] a = engine.memory().readBytes(0, size);
    byte[] b = reference.memory().readBytes(0, size);
    int at = Arrays.mismatch(a, b);
    if (at < 0) {
      return "";
    }
    int end = Math.min(size, at + 16);
    return String.format(
        "memory differs from %d: engine %s, interpreter %s",
        at,
        Arrays.toString(Arrays.copyOfRange(a, at, end)),
        Arrays.toString(Arrays.copyOfRange(b, at, end)));
  }

  /**
   * The names of the methods of the class the engine generated for function {@code funcId} of
   * {@code code} ({@code func_<n>}, and {@code func_<n>$<k>} for each outlined region), compiling
   * it if it was not yet.
   */
  static List<String> generatedMethods(ModuleCode code, int funcId) {
    try {
      Class<?> c =
          MethodHandles.publicLookup().revealDirect(code.handle(funcId)).getDeclaringClass();
      List<String> names = new ArrayList<>();
      for (Method m : c.getDeclaredMethods()) {
        names.add(m.getName());
      }
      names.sort(null);
      return names;
    } catch (RuntimeException e) {
      throw new AssertionError("cannot see the generated class of function " + funcId, e);
    }
  }

  /**
   * The compiled code behind a machine factory of {@link Engine}, found by its type (whatever the
   * factory calls its field), for {@link #generatedMethods}.
   */
  static ModuleCode moduleCode(Function<Instance, Machine> factory) {
    for (Class<?> c = factory.getClass(); c != null; c = c.getSuperclass()) {
      for (java.lang.reflect.Field f : c.getDeclaredFields()) {
        if (f.getType() == ModuleCode.class) {
          try {
            f.setAccessible(true);
            return (ModuleCode) f.get(factory);
          } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
          }
        }
      }
    }
    throw new AssertionError("no ModuleCode in " + factory.getClass());
  }
}
