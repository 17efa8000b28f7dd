package dev.iotypes.wasi;

import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wabt.Wat2Wasm;
import com.dylibso.chicory.wasm.types.ValType;
import dev.iotypes.wasm.Guest;
import dev.iotypes.wasm.GuestException;
import dev.iotypes.wasm.GuestOptions;
import dev.iotypes.wasm.runtime.GuestAccess;
import java.util.List;
import java.util.Locale;

/**
 * A guest that imports every preview1 function and exports it again under its own name, so that a
 * test calls {@code fd_read} and friends directly, with raw arguments a C program would never pass.
 */
final class Probe {
  private Probe() {}

  /** An instance whose exports are {@code wasi}'s functions, and a one-page memory. */
  static Instance instantiate(WasiPreview1 wasi) throws GuestException {
    StringBuilder wat = new StringBuilder("(module\n");
    for (ImportFunction f : wasi.functions()) {
      wat.append("  (import \"wasi_snapshot_preview1\" \"")
          .append(f.name())
          .append("\" (func $")
          .append(f.name())
          .append(types("param", f.paramTypes()))
          .append(types("result", f.returnTypes()))
          .append("))\n");
    }
    wat.append("  (memory (export \"memory\") 1)\n");
    for (ImportFunction f : wasi.functions()) {
      wat.append("  (export \"").append(f.name()).append("\" (func $").append(f.name());
      wat.append("))\n");
    }
    wat.append("  (func (export \"_start\")))\n");
    Guest guest =
        Guest.load(
            Wat2Wasm.parse(wat.toString()),
            "probe.wasm",
            GuestOptions.DEFAULTS.withInterpreter(true));
    return GuestAccess.get()
        .instantiate(guest, ImportValues.builder().withFunctions(wasi.functions()).build(), false);
  }

  private static String types(String kind, List<ValType> types) {
    StringBuilder b = new StringBuilder();
    for (ValType t : types) {
      b.append(" (").append(kind).append(' ').append(t.name().toLowerCase(Locale.ROOT)).append(')');
    }
    return b.toString();
  }
}
