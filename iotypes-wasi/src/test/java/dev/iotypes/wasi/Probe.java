package dev.iotypes.wasi;

import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wabt.Wat2Wasm;
import com.dylibso.chicory.wasm.types.ValType;
import dev.iotypes.wasi.sandbox.Root;
import dev.iotypes.wasm.Guest;
import dev.iotypes.wasm.GuestException;
import dev.iotypes.wasm.GuestOptions;
import dev.iotypes.wasm.runtime.GuestAccess;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;

/**
 * A guest that imports every preview1 function and exports it again under its own name, so that a
 * test calls {@code fd_read} and friends directly, with raw arguments a C program would never pass.
 * A test class extends it, starts the probe over its options, and calls.
 */
abstract class Probe {
  WasiPreview1 wasi;
  Instance instance;
  final List<Root> roots = new ArrayList<>();

  @AfterEach
  void release() throws Exception {
    if (wasi != null) {
      wasi.closeAll();
    }
    for (Root r : roots) {
      r.stream().close();
    }
  }

  /** The descriptor table {@code options} give a command, and the probe over it. */
  void start(WasiOptions options) throws GuestException {
    wasi = new WasiPreview1(options, 64);
    WasiCommand.install(wasi, options, roots);
    instance = instantiate(wasi);
  }

  int call(String name, long... args) {
    return (int) instance.export(name).apply(args)[0];
  }

  Memory memory() {
    return instance.memory();
  }

  int put(int at, String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    memory().write(at, b);
    return b.length;
  }

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
