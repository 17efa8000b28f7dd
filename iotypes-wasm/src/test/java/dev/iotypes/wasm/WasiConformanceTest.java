package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.wasm.WasiPrograms.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code guests/wasi/src/conformance.c}: preview1 semantics called directly, as the WASI test suite
 * checks them (wasmtime's errno where POSIX leaves room). Node is not the reference here: it
 * reports escapes as ENOTCAPABLE, leaves "." and ".." out of fd_readdir and lets ".." climb above a
 * directory descriptor to its preopen.
 */
class WasiConformanceTest {
  @TempDir Path dir;

  @Test
  void everyCheckPassesAndTheScratchDirectoryIsGone() throws Exception {
    Path fs = Files.createDirectories(dir.resolve("fs-tests.dir"));
    Result ours =
        WasiPrograms.iotypes(
            "conformance", new byte[0], b -> b.preopen(fs, "fs-tests.dir"), "fs-tests.dir");
    assertThat(ours.stdout()).doesNotContain("FAIL").endsWith("failures=0\n");
    assertThat(ours.status()).isZero();
    assertThat(WasiPrograms.snapshot(fs)).containsOnlyKeys("/");
  }
}
