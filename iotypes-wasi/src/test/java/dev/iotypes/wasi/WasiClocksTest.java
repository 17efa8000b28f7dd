package dev.iotypes.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.IoTypes;
import dev.iotypes.wasi.WasiPrograms.Result;
import java.time.Duration;
import java.time.Instant;
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

  @Test
  void anIoTypesClockAndRandomMakeEveryClockAndRandomGetReproducible() throws Exception {
    Result first = WasiPrograms.iotypes("stamp", new byte[0], WasiClocksTest::fixedAndSeeded);
    Result again = WasiPrograms.iotypes("stamp", new byte[0], WasiClocksTest::fixedAndSeeded);

    assertThat(first.status()).as(first.stderr()).isZero();
    assertThat(again).isEqualTo(first);
    assertThat(first.stdout())
        .startsWith(
            "realtime 1704067200.000000000\n"
                + "monotonic 0.000000000\n"
                + "process cputime 0.000000000\n" // CPU time is the clock's too: no host time
                + "after nanosleep 2s 1704067202.000000000\n"
                + "after poll 100ms 2.100000000\n"
                + "getentropy ");
    String seeded = first.stdout().lines().reduce((a, b) -> b).orElseThrow();
    byte[] expected = new byte[16];
    IoTypes.seededRandom(42).fill(java.nio.ByteBuffer.wrap(expected));
    assertThat(seeded).isEqualTo("getentropy " + java.util.HexFormat.of().formatHex(expected));
  }

  @Test
  void onAStoppedClockASleepMovesTheClockAndTakesNoTime() throws Exception {
    long start = System.nanoTime();
    Result result =
        WasiPrograms.iotypes(
            "clocks",
            new byte[0],
            b -> b.clock(IoTypes.fixedClock(Instant.parse("2024-01-01T00:00:00Z"))));

    assertThat(result.stdout()).doesNotContain("FAILED").endsWith("failures=0\n");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
  }

  private static void fixedAndSeeded(WasiOptions.Builder b) {
    b.clock(IoTypes.fixedClock(Instant.parse("2024-01-01T00:00:00Z")))
        .random(IoTypes.seededRandom(42));
  }
}
