package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.Input;
import dev.iotypes.IoTypes;
import dev.iotypes.Pipe;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code poll} over an input's readiness and a clock's deadline, from a guest. */
class PollTest {
  /**
   * Polls its input and a deadline {@code wait} nanoseconds on, then writes the two ready flags
   * (bytes 16 and 17) and the clock's monotonic reading after the poll (i64 at 24); returns how
   * many were ready.
   */
  private static final String POLLER =
      """
      (module
        (import "iotypes" "clock-monotonic-now" (func $mono (param i32) (result i64)))
        (import "iotypes" "clock-deadline" (func $deadline (param i32 i64) (result i32)))
        (import "iotypes" "input-pollable" (func $pollable (param i32) (result i32)))
        (import "iotypes" "poll" (func $poll (param i32 i32 i32) (result i32)))
        (import "iotypes" "output-write" (func $write (param i32 i32 i32) (result i32 i32)))
        (memory (export "memory") 1)
        (func (export "main") (param $in i32) (param $c i32) (param $wait i64) (param $out i32)
          (result i32)
          (local $n i32)
          (i32.store (i32.const 0) (call $pollable (local.get $in)))
          (i32.store (i32.const 4)
            (call $deadline (local.get $c)
              (i64.add (call $mono (local.get $c)) (local.get $wait))))
          (local.set $n (call $poll (i32.const 0) (i32.const 2) (i32.const 16)))
          (i64.store (i32.const 24) (call $mono (local.get $c)))
          (drop (drop (call $write (local.get $out) (i32.const 16) (i32.const 16))))
          (local.get $n)))
      """;

  private static final String POLLER_MAIN =
      "main: func(input: input-stream, clock: clock, wait: u64, output: output-stream) -> u32";

  private static ByteBuffer poll(MainCall call, long wait, int expectedReady) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(call.bind("wait", wait).bind("output", out).call()).isEqualTo(expectedReady);
    return ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
  }

  @Test
  void aFileInputIsReadyAtOnce() throws Exception {
    Guest guest = Wat.guest(POLLER_MAIN, POLLER);
    ByteBuffer flags =
        poll(
            guest.main().bind("input", "bytes".getBytes(StandardCharsets.UTF_8)),
            60_000_000_000L,
            1);
    assertThat(flags.get(0)).isEqualTo((byte) 1);
    assertThat(flags.get(1)).isEqualTo((byte) 0);
  }

  @Test
  void aPipeBecomesReadyWhenAnotherThreadWrites() throws Exception {
    Guest guest = Wat.guest(POLLER_MAIN, POLLER);
    Pipe pipe = IoTypes.pipe();
    Thread writer =
        new Thread(
            () -> {
              sleep(Duration.ofMillis(100));
              pipe.output().write(ByteBuffer.wrap(new byte[] {'x'}));
            });
    long start = System.nanoTime();
    writer.start();
    ByteBuffer flags = poll(guest.main().bind("input", pipe.input()), 60_000_000_000L, 1);
    writer.join();
    assertThat(flags.get(0)).isEqualTo((byte) 1);
    assertThat(flags.get(1)).isEqualTo((byte) 0);
    assertThat(System.nanoTime() - start).isBetween(90_000_000L, 30_000_000_000L);
  }

  @Test
  void aPipeWhoseWriterIsGoneIsReady() throws Exception {
    Guest guest = Wat.guest(POLLER_MAIN, POLLER);
    Pipe pipe = IoTypes.pipe();
    pipe.output().close();
    ByteBuffer flags = poll(guest.main().bind("input", pipe.input()), 60_000_000_000L, 1);
    assertThat(flags.get(0)).isEqualTo((byte) 1);
  }

  @Test
  void aDeadlineFiresWhenNothingElseIsReady() throws Exception {
    Guest guest = Wat.guest(POLLER_MAIN, POLLER);
    Pipe silent = IoTypes.pipe();
    long start = System.nanoTime();
    ByteBuffer flags = poll(guest.main().bind("input", silent.input()), 150_000_000L, 1);
    long took = System.nanoTime() - start;
    assertThat(flags.get(0)).isEqualTo((byte) 0);
    assertThat(flags.get(1)).isEqualTo((byte) 1);
    assertThat(flags.getLong(8)).isGreaterThanOrEqualTo(150_000_000L);
    assertThat(took).isGreaterThanOrEqualTo(150_000_000L);
  }

  @Test
  void aSilentChildProcessReadAheadIsNotReadyAndTheDeadlineFires() throws Exception {
    Guest guest = Wat.guest(POLLER_MAIN, POLLER);
    Process child = new ProcessBuilder("/bin/sh", "-c", "exec sleep 30").start();
    try (Input output = IoTypes.readAhead(IoTypes.input(child.getInputStream()))) {
      ByteBuffer flags = poll(guest.main().bind("input", output), 150_000_000L, 1);

      assertThat(flags.get(0)).isEqualTo((byte) 0);
      assertThat(flags.get(1)).isEqualTo((byte) 1);
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void aChildProcessReadAheadBecomesReadyWhenItWrites() throws Exception {
    Guest guest = Wat.guest(POLLER_MAIN, POLLER);
    Process child = new ProcessBuilder("/bin/sh", "-c", "sleep 0.3; echo x; exec sleep 30").start();
    long start = System.nanoTime();
    try (Input output = IoTypes.readAhead(IoTypes.input(child.getInputStream()))) {
      ByteBuffer flags = poll(guest.main().bind("input", output), 60_000_000_000L, 1);

      assertThat(flags.get(0)).isEqualTo((byte) 1);
      assertThat(flags.get(1)).isEqualTo((byte) 0);
      assertThat(System.nanoTime() - start).isBetween(200_000_000L, 30_000_000_000L);
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void aStoppedClockJumpsToTheDeadlineInsteadOfWaiting() throws Exception {
    Guest guest = Wat.guest(POLLER_MAIN, POLLER);
    Pipe silent = IoTypes.pipe();
    long hour = Duration.ofHours(1).toNanos();
    long start = System.nanoTime();
    ByteBuffer flags =
        poll(
            guest
                .main()
                .bind("input", silent.input())
                .clock(IoTypes.fixedClock(Instant.parse("2024-01-01T00:00:00Z"))),
            hour,
            1);
    assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(30).toNanos());
    assertThat(flags.get(1)).isEqualTo((byte) 1);
    assertThat(flags.getLong(8)).isEqualTo(hour);
  }

  @Test
  void aClockRunningFastReachesItsDeadlineSooner() throws Exception {
    Guest guest = Wat.guest(POLLER_MAIN, POLLER);
    long start = System.nanoTime();
    ByteBuffer flags =
        poll(
            guest
                .main()
                .bind("input", IoTypes.pipe().input())
                .clock(IoTypes.clock(Instant.EPOCH, 1000)),
            Duration.ofSeconds(100).toNanos(),
            1);
    long took = System.nanoTime() - start;
    assertThat(flags.get(1)).isEqualTo((byte) 1);
    assertThat(took).isBetween(90_000_000L, 30_000_000_000L);
  }

  /**
   * Misuse of poll, one case per {@code which}: 0 no pollables, 1 a clock handle among them, 2 the
   * handles past memory, 3 the flags past memory, 4 a negative count.
   */
  private static final String MISUSE =
      """
      (module
        (import "iotypes" "poll" (func $poll (param i32 i32 i32) (result i32)))
        (import "iotypes" "clock-deadline" (func $deadline (param i32 i64) (result i32)))
        (memory (export "memory") 1)
        (func (export "main") (param $c i32) (param $which i32)
          (i32.store (i32.const 0) (call $deadline (local.get $c) (i64.const 0)))
          (i32.store (i32.const 4) (local.get $c))
          (block $fine (block $4 (block $3 (block $2 (block $1 (block $0
            (br_table $0 $1 $2 $3 $4 (local.get $which)))
            (drop (call $poll (i32.const 0) (i32.const 0) (i32.const 16))) (br $fine))
            (drop (call $poll (i32.const 0) (i32.const 2) (i32.const 16))) (br $fine))
            (drop (call $poll (i32.const 65532) (i32.const 2) (i32.const 16))) (br $fine))
            (drop (call $poll (i32.const 0) (i32.const 1) (i32.const 65536))) (br $fine))
            (drop (call $poll (i32.const 0) (i32.const -1) (i32.const 16))))))
      """;

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void misuseOfPollTraps(int which) throws Exception {
    Guest guest = Wat.guest("main: func(clock: clock, which: u32)", MISUSE);
    assertThatThrownBy(() -> guest.main().bind("which", which).call())
        .isInstanceOf(GuestTrap.class)
        .hasMessageContaining("poll");
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
