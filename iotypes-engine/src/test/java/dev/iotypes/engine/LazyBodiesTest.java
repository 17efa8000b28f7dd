package dev.iotypes.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.runtime.ByteBufferMemory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wabt.Wat2Wasm;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import org.junit.jupiter.api.Test;

/**
 * A module parsed without its code section runs as the same module parsed whole: compiled functions
 * decode their bodies when first compiled, functions left to Chicory's interpreter (here: more
 * parameters than a JVM method takes) get theirs installed into each instance, by direct call, by a
 * call from the interpreter and through the table, and a module whose memory is not the engine's
 * runs wholly interpreted.
 */
class LazyBodiesTest {
  private static final byte[] BYTES =
      Wat2Wasm.parse(
          """
          (module
            (type $unary (func (param i32) (result i32)))
            (memory 1)
            (table 4 funcref)
            (elem (i32.const 0) $twice $tail $viaTail)
            (data $greeting "hello")
            (func $twice (type $unary) (i32.add (local.get 0) (local.get 0)))
            (func $tail (type $unary)
              (call $wide
                (i64.extend_i32_s (local.get 0))
                %s
                (i64.extend_i32_s (call $twice (i32.const 1)))))
            (func $wide (param %s) (result i32)
              (i32.add (i32.wrap_i64 (local.get 0)) (i32.wrap_i64 (local.get 129))))
            (func $viaTail (type $unary) (call $tail (call $twice (local.get 0))))
            (func (export "indirect") (param i32 i32) (result i32)
              (call_indirect (type $unary) (local.get 0) (local.get 1)))
            (func (export "tailFromInterpreter") (param i32) (result i32)
              (call $viaTail (local.get 0)))
            (func (export "tail") (param i32) (result i32) (call $tail (local.get 0)))
            (func (export "init") (result i32)
              (memory.init $greeting (i32.const 100) (i32.const 0) (i32.const 5))
              (i32.load8_u (i32.const 104)))
            (func (export "loop") (param i32) (result i32) (local i32)
              (block (loop
                (br_if 1 (i32.eqz (local.get 0)))
                (local.set 1 (i32.add (local.get 1) (call $twice (local.get 0))))
                (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                (br 0)))
              (local.get 1)))
          """
              .formatted("(i64.const 0) ".repeat(128), "i64 ".repeat(130)));

  private static WasmModule withoutCode() {
    WasmModule whole = Parser.parse(BYTES);
    return WasmModule.builder()
        .withValidation(false)
        .setTypeSection(whole.typeSection())
        .setImportSection(whole.importSection())
        .setFunctionSection(whole.functionSection())
        .setTableSection(whole.tableSection())
        .setMemorySection(whole.memorySection().orElseThrow())
        .setGlobalSection(whole.globalSection())
        .setExportSection(whole.exportSection())
        .setElementSection(whole.elementSection())
        .setDataSection(whole.dataSection())
        .setDataCountSection(whole.dataCountSection().orElseThrow())
        .setCodeSection(LazyBodies.placeholders(whole.functionSection().functionCount()))
        .build();
  }

  private static Instance lazyInstance() {
    WasmModule module = withoutCode();
    return Differential.instance(
        module, Engine.compile(module, null, LazyBodies.of(BYTES, module)));
  }

  @Test
  void eachExportGivesWhatTheWholeModuleGivesUnderTheInterpreter() {
    assertThat(LazyBodies.supported()).isTrue();
    Instance lazy = lazyInstance();
    Instance reference = Differential.interpreter(Parser.parse(BYTES));
    assertThat(Differential.same(lazy, reference, "indirect", 21, 0).values()).containsExactly(42);
    assertThat(Differential.same(lazy, reference, "indirect", 21, 1).values()).containsExactly(23);
    assertThat(Differential.same(lazy, reference, "indirect", 21, 2).values()).containsExactly(44);
    assertThat(Differential.same(lazy, reference, "indirect", 21, 3).trap()).isNotNull();
    assertThat(Differential.same(lazy, reference, "tail", 20).values()).containsExactly(22);
    assertThat(Differential.same(lazy, reference, "tailFromInterpreter", 5).values())
        .containsExactly(12);
    assertThat(Differential.same(lazy, reference, "init").values()).containsExactly('o');
    assertThat(Differential.same(lazy, reference, "loop", 1000).values())
        .containsExactly(1000 * 1001);
    Differential.sameState(lazy, reference);
  }

  @Test
  void aSecondInstanceGetsItsOwnBodiesInstalled() {
    WasmModule module = withoutCode();
    Engine.Compiled code = Engine.compile(module, null, LazyBodies.of(BYTES, module));
    Instance first = Differential.instance(module, code);
    assertThat(Differential.call(first, "tail", 1).values()).containsExactly(3);
    Instance second = Differential.instance(module, code);
    assertThat(Differential.call(second, "tailFromInterpreter", 1).values()).containsExactly(4);
  }

  @Test
  void aModuleWhoseMemoryIsNotTheEnginesRunsWhollyInterpreted() {
    WasmModule module = withoutCode();
    Instance instance =
        Instance.builder(module)
            .withMachineFactory(Engine.compile(module, null, LazyBodies.of(BYTES, module)))
            .withMemoryFactory(ByteBufferMemory::new)
            .build();
    assertThat(Differential.call(instance, "loop", 10).values()).containsExactly(110);
    assertThat(Differential.call(instance, "indirect", 4, 2).values()).containsExactly(10);
  }

  @Test
  void classesFromTheCacheNeedNoBodyAndNewFunctionsAreDecoded() {
    WasmModule module = withoutCode();
    Engine.Compiled first = Engine.compile(module, null, LazyBodies.of(BYTES, module));
    assertThat(Differential.call(Differential.instance(module, first), "loop", 3).values())
        .containsExactly(12);
    byte[] kept = first.toCache();
    assertThat(kept).isNotNull();
    Engine.Compiled second = Engine.compile(module, kept, LazyBodies.of(BYTES, module));
    Instance instance = Differential.instance(module, second);
    assertThat(Differential.call(instance, "loop", 3).values()).containsExactly(12);
    assertThat(Differential.call(instance, "tail", 2).values()).containsExactly(4);
  }

  @Test
  void aFunctionThatUsesSimdTrapsSayingSoAndTheRestRuns() {
    WasmModule module =
        Differential.wat(
            """
            (module
              (func $simd (result i32) (i32x4.extract_lane 0 (i32x4.splat (i32.const 7))))
              (func (export "simd") (result i32) (call $simd))
              (func (export "plain") (result i32) (i32.const 8)))
            """);
    Instance instance = Differential.engine(module);
    assertThat(Differential.call(instance, "simd").trap())
        .isEqualTo("function 0 uses SIMD (v128), which iotypes does not run");
    assertThat(Differential.call(instance, "plain").values()).containsExactly(8);
  }
}
