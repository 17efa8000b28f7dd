package dev.iotypes.engine;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Coverage-guided fuzzing of the compiler with Jazzer, two ways.
 *
 * <ul>
 *   <li>{@link #generatedModules}: the differential generator of {@link DifferentialProperties}
 *       with every choice it makes taken from the fuzzer's bytes, so the fuzzer steers towards
 *       shapes of code that reach new compiler paths; the engine must agree with Chicory's
 *       interpreter on every result, trap and final state.
 *   <li>{@link #moduleBytes}: any bytes as a module. Whatever Chicory parses and validates, the
 *       engine compiles and runs each exported function with zero arguments: it may trap, but it
 *       may not throw anything else, hang or take the JVM down.
 * </ul>
 *
 * <p>{@code mvn verify} replays the committed inputs in {@code
 * src/test/resources/dev/iotypes/engine/CompilerFuzzTestsInputs/} with the other tests, then fuzzes
 * {@link #generatedModules} for a few seconds in the surefire execution {@code fuzz} of {@code
 * iotypes-engine/pom.xml}, reporting (not failing on) a new finding, whose input is saved there to
 * commit. A longer run: raise {@code maxDuration} and run
 *
 * <pre>
 * JAZZER_FUZZ=1 mvn -B -pl iotypes-engine test -Dtest='CompilerFuzzTests#generatedModules' \
 *     -Diotypes.skipFuzz -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class CompilerFuzzTests {

  @FuzzTest(maxDuration = "10s")
  void generatedModules(FuzzedDataProvider data) {
    boolean big = data.remainingBytes() > 64 && data.consumeInt(0, 15) == 0;
    DifferentialProperties.check(
        new RandomModule(new Steered(data), big),
        new Steered(data),
        "a fuzzer's input (" + data.remainingBytes() + " bytes left)",
        big);
  }

  @FuzzTest(maxDuration = "10s")
  void moduleBytes(byte[] bytes) {
    WasmModule module;
    try {
      module = Parser.parse(bytes);
    } catch (RuntimeException | AssertionError e) {
      // Chicory's parser on bytes that are no module (a BufferUnderflowException when they end
      // early, an AssertionError on some bad immediates; iotypes' loader reports either as not a
      // valid module, exit 65): not the compiler's input.
      return;
    }
    if (module.memorySection().isPresent()
        && module.memorySection().get().memoryCount() > 0
        && module.memorySection().get().getMemory(0).limits().initialPages() > 16) {
      return; // big memories test the allocator, not the compiler
    }
    Thread self = Thread.currentThread();
    ScheduledFuture<?> alarm = ALARM.schedule(self::interrupt, 2, TimeUnit.SECONDS);
    try {
      Instance instance = Differential.instance(module, Engine.machineFactory(module));
      for (int i = 0; i < module.exportSection().exportCount(); i++) {
        Export export = module.exportSection().getExport(i);
        if (export.exportType() == ExternalType.FUNCTION) {
          call(instance, module, export);
        }
      }
    } catch (ChicoryException e) {
      // invalid, unlinkable (imports) or trapped while starting
    } finally {
      alarm.cancel(false);
      Thread.interrupted();
    }
  }

  private static void call(Instance instance, WasmModule module, Export export) {
    int imported = module.importSection().count(ExternalType.FUNCTION);
    int typeIndex = module.functionSection().getFunctionType(export.index() - imported);
    int params = module.typeSection().getType(typeIndex).params().size();
    try {
      instance.export(export.name()).apply(new long[params]);
    } catch (ChicoryException trapped) {
      // a trap (or the alarm's interrupt) is an answer
    }
  }

  private static final ScheduledExecutorService ALARM =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "compiler-fuzz-alarm");
            t.setDaemon(true);
            return t;
          });

  /**
   * A {@link Random} whose bits come from the fuzzer, and are zero once its input is spent (every
   * choice then takes its first option, so generation still ends).
   */
  private static final class Steered extends Random {
    private final transient FuzzedDataProvider data;

    Steered(FuzzedDataProvider data) {
      super(0);
      this.data = data;
    }

    @Override
    protected int next(int bits) {
      return data.remainingBytes() == 0 ? 0 : data.consumeInt() >>> (32 - bits);
    }
  }
}
