package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What was rejected is never cached: a module refused at load or at instantiation leaves no
 * compiled entry behind, whichever compiler made its classes.
 */
class RejectedModuleCacheTest {
  private static final String MAIN = "main: func()";

  @TempDir Path root;

  private List<Path> entries() throws Exception {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  private GuestOptions options(Execution execution) {
    return GuestOptions.DEFAULTS.withExecution(execution).withCache(root);
  }

  @ParameterizedTest
  @EnumSource(
      value = Execution.class,
      names = {"CHICORY", "IOTYPES"})
  void aModuleRefusedForItsDeclaredMemoryLeavesNoEntry(Execution execution) throws Exception {
    byte[] module = Wat.module(MAIN, "(module (memory 2) (func (export \"main\")))");
    Guest guest = Guest.load(module, "big.wasm", options(execution).withMaxMemory(65536));
    assertThatThrownBy(() -> guest.main().call()).isInstanceOf(LimitExceeded.class);
    assertThat(entries()).isEmpty();
  }

  @Test
  void aModuleThatDeclaresTooMuchMemoryIsNotCompiledAtAll() throws Exception {
    // 20 000 functions: seconds of Chicory's compiler, for a module refused when instantiated.
    java.io.ByteArrayOutputStream module = Binaries.header();
    Binaries.section(module, 1, new byte[] {1, 0x60, 0, 0});
    java.io.ByteArrayOutputStream functions = new java.io.ByteArrayOutputStream();
    Binaries.leb(functions, 20_000);
    functions.writeBytes(new byte[20_000]);
    Binaries.section(module, 3, functions.toByteArray());
    Binaries.section(module, 5, new byte[] {1, 0, 2}); // memory of 2 pages
    java.io.ByteArrayOutputStream code = new java.io.ByteArrayOutputStream();
    Binaries.leb(code, 20_000);
    for (int i = 0; i < 20_000; i++) {
      code.writeBytes(new byte[] {2, 0, 0x0b});
    }
    Binaries.section(module, 10, code.toByteArray());
    long start = System.nanoTime();
    Guest guest =
        Guest.load(
            module.toByteArray(), "big.wasm", options(Execution.CHICORY).withMaxMemory(65536));
    assertThat((System.nanoTime() - start) / 1_000_000).as("ms to load").isLessThan(3_000);
    assertThat(guest.exports()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = Execution.class,
      names = {"CHICORY", "IOTYPES"})
  void aModuleWithAnImportNobodyProvidesLeavesNoEntry(Execution execution) throws Exception {
    byte[] module =
        Wat.module(
            MAIN,
            "(module (import \"nowhere\" \"f\" (func $f)) (func (export \"main\") (call $f)))");
    Guest guest = Guest.load(module, "unlinked.wasm", options(execution));
    assertThatThrownBy(() -> guest.main().call())
        .isInstanceOf(GuestException.class)
        .hasMessageContaining("import");
    assertThat(entries()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = Execution.class,
      names = {"CHICORY", "IOTYPES"})
  void aModuleWhoseStartFunctionTrapsLeavesNoEntry(Execution execution) throws Exception {
    byte[] module =
        Wat.module(
            MAIN,
            "(module (func $start (call $deeper)) (func $deeper unreachable)"
                + " (start $start) (func (export \"main\")))");
    Guest guest = Guest.load(module, "trap.wasm", options(execution));
    assertThatThrownBy(() -> guest.main().call()).isInstanceOf(GuestException.class);
    assertThat(entries()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = Execution.class,
      names = {"CHICORY", "IOTYPES"})
  void aModuleThatFailsValidationLeavesNoEntry(Execution execution) throws Exception {
    byte[] module =
        Wat.module(MAIN, "(module (func (export \"main\") (result i32) (i32.const 1)))");
    module = invalid(module);
    byte[] bad = module;
    assertThatThrownBy(() -> Guest.load(bad, "invalid.wasm", options(execution)))
        .isInstanceOf(GuestException.class);
    assertThat(entries()).isEmpty();
  }

  /** {@code i32.const 1} becomes {@code i64.const 1}: a type error in a well-formed body. */
  private static byte[] invalid(byte[] module) {
    for (int i = module.length - 3; i >= 0; i--) {
      if (module[i] == 0x41 && module[i + 1] == 1 && module[i + 2] == 0x0b) {
        module[i] = 0x42;
        return module;
      }
    }
    throw new AssertionError("no i32.const 1 in the module");
  }

  @ParameterizedTest
  @EnumSource(
      value = Execution.class,
      names = {"CHICORY", "IOTYPES"})
  void aModuleThatRunsIsCached(Execution execution) throws Exception {
    byte[] module = Wat.module(MAIN, "(module (func (export \"main\")))");
    Guest guest = Guest.load(module, "fine.wasm", options(execution));
    assertThat(guest.main().call()).isZero();
    assertThat(entries()).hasSize(1);
  }
}
