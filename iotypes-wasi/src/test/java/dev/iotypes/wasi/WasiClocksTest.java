package dev.iotypes.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.wasi.WasiPrograms.Result;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clocks, sleeping (poll_oneoff), random bytes and sched_yield, as Node gives them. */
class WasiClocksTest {
  @TempDir java.nio.file.Path dir;

  @Test
  void clocksSleepAndRandomMatchNode() throws Exception {
    Result ours = WasiPrograms.iotypes("clocks", new byte[0], b -> {});
    Result node = WasiPrograms.node(dir, new byte[0], List.of(), "clocks");
    assertThat(ours.stdout()).doesNotContain("FAILED").endsWith("failures=0\n");
    assertThat(ours.status()).isZero();
    // Node is the cross-check, not the oracle: on a loaded machine its nanosleep has been seen to
    // wake before 20 ms of its own monotonic clock. Its output is compared whenever it is clean.
    if (!node.stdout().contains("FAILED")) {
      assertThat(ours).isEqualTo(node);
    }
  }

  @Test
  void theClockAndRandomSourcesAreInjectable() throws Exception {
    // A broken random source (all zeros) is what the program then sees.
    Result ours =
        WasiPrograms.iotypes(
            "clocks",
            new byte[0],
            b ->
                b.random(
                    new java.util.Random() {
                      @Override
                      public void nextBytes(byte[] bytes) {
                        java.util.Arrays.fill(bytes, (byte) 0);
                      }
                    }));
    assertThat(ours.stdout())
        .contains("random bytes differ: FAILED\n", "random bytes not zero: FAILED\n");
  }
}
