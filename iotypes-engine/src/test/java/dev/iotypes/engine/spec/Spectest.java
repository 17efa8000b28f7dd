package dev.iotypes.engine.spec;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportTable;
import com.dylibso.chicory.runtime.Store;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.MutabilityType;
import com.dylibso.chicory.wasm.types.Table;
import com.dylibso.chicory.wasm.types.TableLimits;
import com.dylibso.chicory.wasm.types.ValType;
import com.dylibso.chicory.wasm.types.Value;
import java.util.List;

/**
 * The "spectest" module that the spec scripts import from, as the reference interpreter defines it.
 * Each script gets a fresh one, since scripts grow its table and memory.
 */
final class Spectest {
  private Spectest() {}

  static void addTo(Store store) {
    String m = "spectest";
    store.addFunction(
        print(m, "print"),
        print(m, "print_i32", ValType.I32),
        print(m, "print_i64", ValType.I64),
        print(m, "print_f32", ValType.F32),
        print(m, "print_f64", ValType.F64),
        print(m, "print_i32_f32", ValType.I32, ValType.F32),
        print(m, "print_f64_f64", ValType.F64, ValType.F64));
    store.addGlobal(
        global(m, "global_i32", ValType.I32, 666),
        global(m, "global_i64", ValType.I64, 666),
        global(m, "global_f32", ValType.F32, Float.floatToRawIntBits(666.6f)),
        global(m, "global_f64", ValType.F64, Double.doubleToRawLongBits(666.6)));
    store.addTable(
        new ImportTable(
            m,
            "table",
            new TableInstance(
                new Table(ValType.FuncRef, new TableLimits(10, 20)), Value.REF_NULL_VALUE)));
    store.addMemory(
        new ImportMemory(
            m, "memory", EngineUnderTest.memoryFactory().apply(new MemoryLimits(1, 2))));
  }

  /** The scripts only call the print functions for their effect, which a test need not see. */
  private static HostFunction print(String module, String name, ValType... params) {
    return new HostFunction(
        module, name, FunctionType.of(List.of(params), List.of()), (instance, args) -> null);
  }

  private static ImportGlobal global(String module, String name, ValType type, long bits) {
    return new ImportGlobal(module, name, new GlobalInstance(bits, 0, type, MutabilityType.Const));
  }
}
