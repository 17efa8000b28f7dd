package dev.iotypes.wasm;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.wabt.Wat2Wasm;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ValType;
import dev.iotypes.IoTypes;
import dev.iotypes.wasm.abi.Handles;
import dev.iotypes.wasm.abi.IoTypesImports;
import dev.iotypes.wasm.runtime.Watchdog;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;

/**
 * Coverage-guided fuzzing with Jazzer: module bytes into {@link Guest#load} and every typed main,
 * and arbitrary core values into every host function of the {@code iotypes} module. Neither may
 * throw anything but a {@link GuestException} (loading) or a {@link TrapException} (a host call),
 * and nothing may hang past the timeout.
 *
 * <p>{@code mvn verify} first replays the committed inputs in {@code
 * src/test/resources/dev/iotypes/wasm/FuzzTestsInputs/} with the other tests (a regression fails
 * the build), then fuzzes {@link #hostileInput} (both targets in one) for 5 seconds in the surefire
 * execution {@code fuzz} of {@code iotypes-wasm/pom.xml} ({@code JAZZER_FUZZ=1}; the Jazzer agent
 * and its instrumentation cost some 20 seconds more). A finding there is reported and its input
 * saved, but does not fail the build, so that CI is never made flaky by exploration. A longer run
 * fuzzes one target: raise its {@code maxDuration} (e.g. to {@code "30m"}) and run
 *
 * <pre>
 * JAZZER_FUZZ=1 mvn -B -pl iotypes-core,iotypes-wasm test -Dtest='FuzzTests#moduleLoading' \
 *     -Diotypes.skipFuzz -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * (or {@code #abiCalls}). A finding is written to {@code FuzzTestsInputs/<target>/crash-*}; commit
 * it, renamed for what it shows, and it is replayed from then on. The corpus a run grows stays in
 * {@code iotypes-wasm/.cifuzz-corpus/} (ignored by git).
 */
class FuzzTests {
  private static final GuestOptions FAST =
      GuestOptions.DEFAULTS
          .withInterpreter(true)
          .withTimeout(Duration.ofSeconds(2))
          .withMaxMemory(16 << 20)
          .withMaxHandles(256);

  /**
   * Both targets in one, for the short run of {@code mvn verify} (Jazzer fuzzes one target per JVM,
   * and starting one costs most of the run): the last byte chooses, the rest is the input.
   */
  @FuzzTest(maxDuration = "5s")
  void hostileInput(FuzzedDataProvider data) {
    if (data.consumeBoolean()) {
      moduleLoading(data.consumeRemainingAsBytes());
    } else {
      abiCalls(data);
    }
  }

  @FuzzTest(maxDuration = "5s")
  void moduleLoading(byte[] bytes) {
    MalformedModuleTest.loadAndRun(bytes, FAST);
  }

  private static final WasmModule MEMORY_ONLY =
      Parser.parse(Wat2Wasm.parse("(module (memory (export \"memory\") 1))"));

  /** Every host function, called with arbitrary arguments, over a few live handles of each kind. */
  @FuzzTest(maxDuration = "5s")
  void abiCalls(FuzzedDataProvider data) {
    Handles handles = new Handles(64);
    // A read of a pipe this thread also writes waits forever, as it would in a real guest; the
    // watchdog ends it as it would end that guest (a trap for every call after the budget).
    Watchdog watchdog = Watchdog.start(Duration.ofSeconds(1));
    IoTypesImports imports =
        new IoTypesImports(
            handles,
            GuestOptions.DEFAULTS.withMaxAnonymousLength(1 << 16).withPipeCapacity(1024),
            watchdog);
    List<ImportFunction> functions = imports.functions();
    Instance instance = Instance.builder(MEMORY_ONLY).build();
    handles.addInput(IoTypes.input(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
    handles.addOutput(IoTypes.output(new ByteArrayOutputStream()), false);
    handles.addArray(IoTypes.anonymous(1 << 16));
    try {
      while (data.remainingBytes() > 0) {
        ImportFunction f = functions.get(data.consumeInt(0, functions.size() - 1));
        if (f.name().equals("pipe")
            || f.name().equals("input-read")
            || f.name().equals("input-skip")
            || f.name().equals("input-forward")
            || f.name().equals("from-stream")) {
          // Such reads may wait for the watchdog: keep them rarer, so the run stays fast.
          if (data.consumeBoolean()) {
            continue;
          }
        }
        long[] args = new long[f.paramTypes().size()];
        for (int i = 0; i < args.length; i++) {
          args[i] =
              f.paramTypes().get(i).equals(ValType.I32) || data.consumeBoolean()
                  ? small(data)
                  : data.consumeLong();
        }
        try {
          f.handle().apply(instance, args);
        } catch (TrapException expected) {
          // misuse: fine, and the table is unchanged
        }
      }
    } finally {
      watchdog.close(); // clears an interrupt it caused, before the handles are released
      handles.releaseAll();
    }
  }

  /** Mostly small numbers (handles, lengths), sometimes any i32. */
  private static int small(FuzzedDataProvider data) {
    return data.consumeBoolean() ? data.consumeInt(-2, 70_000) : data.consumeInt();
  }
}
