package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.wasm.runtime.ModuleSizeLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Modules past the documented size limits are refused from their section headers, before Chicory
 * parses them, with one line naming the limit; real programs stay well inside them.
 */
class ModuleSizeLimitsTest {
  @Test
  void aModuleOfTwoHundredThousandFunctionsIsRefusedBeforeItIsParsed() {
    byte[] module = Binaries.emptyFunctions(200_000);
    long start = System.nanoTime();
    assertThatThrownBy(() -> Guest.load(module, "many.wasm", GuestOptions.DEFAULTS))
        .isInstanceOf(LimitExceeded.class)
        .hasMessage(
            "many.wasm declares 200000 functions, more than the limit of "
                + ModuleSizeLimits.FUNCTIONS)
        .satisfies(
            e -> assertThat(((LimitExceeded) e).limit()).isEqualTo(LimitExceeded.Limit.SIZE));
    assertThat((System.nanoTime() - start) / 1_000_000).as("ms").isLessThan(1_000);
  }

  @Test
  void aFunctionBodyPastTheLimitIsRefused() {
    int size = ModuleSizeLimits.FUNCTION_BODY_BYTES + 1;
    java.io.ByteArrayOutputStream module = Binaries.header();
    Binaries.section(module, 1, new byte[] {1, 0x60, 0, 0});
    Binaries.section(module, 3, new byte[] {1, 0});
    java.io.ByteArrayOutputStream code = new java.io.ByteArrayOutputStream();
    Binaries.leb(code, 1);
    Binaries.leb(code, size);
    code.write(0);
    for (int i = 0; i < size - 2; i++) {
      code.write(0x01); // nop
    }
    code.write(0x0b);
    Binaries.section(module, 10, code.toByteArray());
    assertThatThrownBy(() -> Guest.load(module.toByteArray(), "big.wasm", GuestOptions.DEFAULTS))
        .isInstanceOf(LimitExceeded.class)
        .hasMessageStartingWith("big.wasm declares a function body of " + size + " bytes");
  }

  @Test
  void yosysStaysWithinEveryLimit() throws Exception {
    // where bench/programs.sh puts it; a checkout without the benchmarks built skips this
    Path yosys = Path.of("..", "bench", "work", "yosys", "current", "yosys.wasm");
    Assumptions.assumeTrue(Files.isReadable(yosys), "no yosys.wasm here");
    ModuleSizeLimits.check("yosys.wasm", Files.readAllBytes(yosys));
  }

  @Test
  void aModuleJustInsideTheLimitsLoads() throws Exception {
    Guest.load(Binaries.emptyFunctions(1000), "few.wasm", GuestOptions.DEFAULTS);
  }
}
