package dev.iotypes.engine;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * iotypes' own execution engine: Wasm functions compiled to JVM bytecode shaped for HotSpot (see
 * {@code docs/engine.md}). Chicory keeps parsing, validation, instances, imports, tables and
 * globals; the engine runs the code, on a {@link DirectMemory}.
 */
public final class Engine {
  private Engine() {}

  /**
   * The machine factory to give Chicory's {@code Instance.Builder} for {@code module}. Compiled
   * code is shared by every instance made with the same factory; a function is compiled the first
   * time it is called.
   */
  public static Function<Instance, Machine> machineFactory(WasmModule module) {
    return compile(module, null);
  }

  /**
   * As {@link #machineFactory}, starting from the classes an earlier run of the same module kept
   * ({@link Compiled#toCache()}, or null): those are defined as they are, not compiled again.
   */
  public static Compiled compile(WasmModule module, byte[] cached) {
    return new Compiled(new ModuleCode(module, cached, null));
  }

  /**
   * As {@link #compile}, for a module {@link LazyBodies#parser() parsed without its code}: each
   * function's body is decoded from {@code bodies} when the function is first compiled.
   */
  public static Compiled compile(WasmModule module, byte[] cached, LazyBodies bodies) {
    return new Compiled(new ModuleCode(module, cached, bodies));
  }

  /** A module's compiled code, growing as its functions are first called. */
  public static final class Compiled implements Function<Instance, Machine> {
    private final ModuleCode code;

    private Compiled(ModuleCode code) {
      this.code = code;
    }

    @Override
    public Machine apply(Instance instance) {
      return new EngineMachine(code, instance);
    }

    /**
     * Every class compiled or loaded so far, to keep for the next run of the same module bytes with
     * the same {@link #version()}; null if nothing new was compiled since the last call.
     */
    public byte[] toCache() {
      return code.toCache();
    }
  }

  private static volatile String version;

  /**
   * What compiled classes depend on: a checksum of the engine's own code generators, so a cache
   * never serves classes another build of the engine made.
   */
  public static String version() {
    String v = version;
    if (v == null) {
      CRC32C crc = new CRC32C();
      for (Class<?> c :
          new Class<?>[] {
            FunctionCompiler.class,
            Instructions.class,
            Emitter.class,
            Comparison.class,
            ModuleCode.class,
            Outliner.class,
            Stubs.class,
            Ops.class,
            Context.class,
            DirectMemory.class
          }) {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
          crc.update(in.readAllBytes());
        } catch (IOException | RuntimeException e) {
          crc.update(c.getName().getBytes(java.nio.charset.StandardCharsets.UTF_8));
          crc.update(Long.toString(System.nanoTime()).getBytes()); // unknown: never matches
        }
      }
      version = v = HexFormat.of().toHexDigits((int) crc.getValue());
    }
    return v;
  }
}
