package dev.iotypes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.wasm.GuestOptions;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's side of loading under limits: a module past a size limit is a limit (exit 75)
 * in one line, and {@code IOTYPES_CACHE_MAX} caps the module cache.
 */
class LoadLimitsTest {
  @TempDir Path dir;

  /** 200 000 functions {@code () -> ()} with empty bodies: past the limit of 100 000. */
  private static byte[] manyFunctions() {
    int count = 200_000;
    ByteArrayOutputStream module = new ByteArrayOutputStream();
    module.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0});
    module.writeBytes(new byte[] {3, (byte) 0xc3, (byte) 0x9a, 0x0c}); // 200003 bytes
    module.writeBytes(new byte[] {(byte) 0xc0, (byte) 0x9a, 0x0c}); // 200000
    module.writeBytes(new byte[count]);
    module.writeBytes(new byte[] {10, (byte) 0xc3, (byte) 0xcf, 0x24}); // 600003 bytes
    module.writeBytes(new byte[] {(byte) 0xc0, (byte) 0x9a, 0x0c});
    for (int i = 0; i < count; i++) {
      module.writeBytes(new byte[] {2, 0, 0x0b});
    }
    return module.toByteArray();
  }

  @Test
  void aModulePastASizeLimitIsALimitInOneLine() throws Exception {
    Path many = Files.write(dir.resolve("many.wasm"), manyFunctions());
    MainTest.assertOneLineError(
        MainTest.run("run", many.toString()),
        75,
        "many.wasm declares 200000 functions, more than the limit of 100000");
  }

  @Test
  void theCacheCapComesFromIotypesCacheMax() {
    GuestOptions options = Runner.cached(GuestOptions.DEFAULTS, dir.toString(), "64M");
    assertThat(options.cache()).contains(dir);
    assertThat(options.maxCacheBytes()).isEqualTo(64L << 20);
    assertThat(Runner.cached(GuestOptions.DEFAULTS, dir.toString(), null).maxCacheBytes())
        .isEqualTo(1L << 30);
    assertThat(Runner.cached(GuestOptions.DEFAULTS, dir.toString(), "lots").maxCacheBytes())
        .as("not a size: the default")
        .isEqualTo(1L << 30);
    assertThat(Runner.cached(GuestOptions.DEFAULTS, "off", "64M").cache()).isEmpty();
  }
}
