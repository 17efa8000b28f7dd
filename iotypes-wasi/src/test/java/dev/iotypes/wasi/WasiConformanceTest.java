package dev.iotypes.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.wasi.WasiPrograms.Result;
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

  /**
   * {@code guests/wasi/src/semantics.c}: the checks of the WASI test suite's Rust programs (rights,
   * offsets, append, truncation, renumbering over and closing a preopen, link times, readdir
   * cookies, nofollow errors, odd paths, poll_oneoff on stdio), re-expressed in C. Node is no
   * reference: it hangs once APPEND is set again by fd_fdstat_set_flags.
   */
  @Test
  void theSuitesSemanticsHold() throws Exception {
    Path fs = Files.createDirectories(dir.resolve("fs-tests.dir"));
    Result ours =
        WasiPrograms.iotypes(
            "semantics", new byte[0], b -> b.preopen(fs, "fs-tests.dir"), "fs-tests.dir");
    assertThat(ours.stdout()).doesNotContain("FAIL").endsWith("failures=0\n");
    assertThat(ours.status()).isZero();
    assertThat(WasiPrograms.snapshot(fs)).containsOnlyKeys("/");
  }

  /** Rights that fd_fdstat_set_rights took away are gone: read and write are ENOTCAPABLE. */
  @Test
  void droppedRightsAreEnforced() throws Exception {
    Path fs = Files.createDirectories(dir.resolve("fs-tests.dir"));
    Result ours =
        WasiPrograms.iotypes(
            "semantics", new byte[0], b -> b.preopen(fs, "fs-tests.dir"), "fs-tests.dir");
    assertThat(ours.stdout())
        .contains("ok   read without the right\n")
        .contains("ok   write without the right\n")
        .contains("ok   rights never grow\n");
  }

  /**
   * With no preopen and no bound name there is no descriptor 3 (as under wasmtime without --dir):
   * the suite's sock_shutdown-invalid_fd wants EBADF for it, fopen-with-no-access ENOTCAPABLE.
   */
  @Test
  void nothingBoundMeansNoPreopen() throws Exception {
    Result ours = WasiPrograms.iotypes("semantics", new byte[0], b -> {});
    assertThat(ours.stdout())
        .contains("ok   no fd 3\n")
        .contains("ok   sock_shutdown of fd 3\n")
        .contains("ok   fopen without a preopen is ENOTCAPABLE\n")
        .endsWith("failures=0\n");
    assertThat(ours.status()).isZero();
  }
}
