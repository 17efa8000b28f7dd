package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.IoTypes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every {@link GuestOptions} limit, in both execution modes: growth past a limit is refused the
 * Wasm way, a module that declares too much never starts, and a guest stopped by a limit loses
 * nothing it wrote before.
 */
class LimitsTest {
  private static final String WRITE =
      "(import \"iotypes\" \"output-write\" (func $write (param i32 i32 i32) (result i32 i32)))";

  /**
   * Main writes "before\n", then runs {@code body}, then stores an i32 result at 16 and writes it.
   */
  private static String guest(String extra, String body) {
    return "(module "
        + WRITE
        + extra
        + " (memory 1) (data (i32.const 0) \"before\\n\")"
        + " (func (export \"main\") (param $out i32) (param $n i32)"
        + "   (drop (drop (call $write (local.get $out) (i32.const 0) (i32.const 7))))"
        + body
        + "))";
  }

  private static final String MAIN = "main: func(output: output-stream, n: u32)";

  private static GuestOptions options(boolean interpreter) {
    return GuestOptions.DEFAULTS.withInterpreter(interpreter);
  }

  private static Guest load(String wat, GuestOptions options) throws GuestException {
    return Guest.load(Wat.module(MAIN, wat), "limits.wasm", options);
  }

  private static int resultAt16(ByteArrayOutputStream out) {
    byte[] bytes = out.toByteArray();
    return ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
  }

  private static final String GROW_AND_REPORT =
      " (i32.store (i32.const 16) (memory.grow (local.get $n)))"
          + " (drop (drop (call $write (local.get $out) (i32.const 16) (i32.const 4))))";

  @ParameterizedTest(name = "interpreter={0}")
  @ValueSource(booleans = {false, true})
  void memoryGrowPastTheLimitReturnsMinusOne(boolean interpreter) throws Exception {
    Guest guest = load(guest("", GROW_AND_REPORT), options(interpreter).withMaxMemory(1 << 20));
    ByteArrayOutputStream within = new ByteArrayOutputStream();
    assertThat(guest.main().bind(0, within).bind(1, 15L).call()).isZero();
    assertThat(resultAt16(within)).as("grown from 1 page to 16").isEqualTo(1);
    ByteArrayOutputStream past = new ByteArrayOutputStream();
    assertThat(guest.main().bind(0, past).bind(1, 16L).call()).isZero();
    assertThat(resultAt16(past)).as("17 pages > 1 MiB").isEqualTo(-1);
    ByteArrayOutputStream huge = new ByteArrayOutputStream();
    assertThat(guest.main().bind(0, huge).bind(1, 0xFFFF_FFFFL).call()).isZero();
    assertThat(resultAt16(huge)).isEqualTo(-1);
  }

  @Test
  void theDefaultLimitIs256MiB() throws Exception {
    Guest guest = load(guest("", GROW_AND_REPORT), GuestOptions.DEFAULTS);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    guest.main().bind(0, out).bind(1, 4096L).call();
    assertThat(resultAt16(out)).as("1 + 4096 pages > 256 MiB").isEqualTo(-1);
  }

  @ParameterizedTest(name = "interpreter={0}")
  @ValueSource(booleans = {false, true})
  void aModuleDeclaringMoreMemoryIsRefusedBeforeItRuns(boolean interpreter) throws Exception {
    String wat = guest("", "").replace("(memory 1)", "(memory 65536)");
    Guest guest = load(wat, options(interpreter));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(() -> guest.main().bind(0, out).bind(1, 0L).call())
        .isInstanceOf(LimitExceeded.class)
        .hasMessage(
            "limits.wasm declares 4294967296 bytes of initial memory, more than the limit of "
                + (256 << 20))
        .extracting(e -> ((LimitExceeded) e).limit())
        .isEqualTo(LimitExceeded.Limit.MEMORY);
    assertThat(out.size()).isZero();
    // Raised to all of wasm32, the module is still refused: the runtime holds less than 2 GiB.
    Guest raised = load(wat, options(interpreter).withMaxMemory(GuestOptions.WASM32_MEMORY));
    assertThatThrownBy(() -> raised.main().bind(0, out).bind(1, 0L).call())
        .isInstanceOf(LimitExceeded.class)
        .hasMessageEndingWith("more than the limit of " + (32767L << 16));
    Guest fits = load(wat.replace("(memory 65536)", "(memory 16)"), options(interpreter));
    assertThat(fits.main().bind(0, out).bind(1, 0L).call()).isZero();
  }

  @ParameterizedTest(name = "interpreter={0}")
  @ValueSource(booleans = {false, true})
  void aGuestThatTrapsAfterARefusedGrowKeepsItsOutput(boolean interpreter) throws Exception {
    // malloc's view: grow, and on -1 dereference the "pointer" past the end anyway.
    String body =
        " (drop (memory.grow (local.get $n)))"
            + " (i32.store (i32.mul (i32.const 65536) (memory.size)) (i32.const 1))";
    Guest guest = load(guest("", body), options(interpreter).withMaxMemory(4 << 16));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(() -> guest.main().bind(0, out).bind(1, 100L).call())
        .isInstanceOf(GuestTrap.class)
        .hasMessageContaining("out of bounds memory access");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("before\n");
  }

  @ParameterizedTest(name = "interpreter={0}")
  @ValueSource(booleans = {false, true})
  void tablesAreLimitedByDeclarationAndByGrowth(boolean interpreter) throws Exception {
    String grow =
        " (i32.store (i32.const 16) (table.grow $t (ref.null func) (local.get $n)))"
            + " (drop (drop (call $write (local.get $out) (i32.const 16) (i32.const 4))))";
    Guest guest =
        load(guest(" (table $t 10 funcref)", grow), options(interpreter).withMaxTableElements(100));
    for (long n : new long[] {90, 91, 0x7FFF_FFFFL, 0xFFFF_FFF8L, 0xFFFF_FFFFL}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThat(guest.main().bind(0, out).bind(1, n).call()).isZero();
      assertThat(resultAt16(out)).as("table.grow " + n).isEqualTo(n == 90 ? 10 : -1);
    }
    Guest large = load(guest(" (table $t 2000000 funcref)", ""), options(interpreter));
    assertThatThrownBy(() -> large.main().bind(0, new ByteArrayOutputStream()).bind(1, 0L).call())
        .isInstanceOf(LimitExceeded.class)
        .hasMessage(
            "limits.wasm declares a table of 2000000 elements, more than the limit of 1048576");
    // Past what Chicory itself allows, the module is not even valid.
    assertThatThrownBy(
            () -> load(guest(" (table $t 0xffffffff funcref)", ""), options(interpreter)))
        .isInstanceOf(GuestException.class)
        .hasMessageContaining("not a valid WebAssembly module");
  }

  @ParameterizedTest(name = "interpreter={0}")
  @ValueSource(booleans = {false, true})
  void anInfiniteLoopEndsAtTheTimeoutAndKeepsItsOutput(boolean interpreter) throws Exception {
    Guest guest =
        load(
            guest("", " (loop $forever (br $forever))"),
            options(interpreter).withTimeout(Duration.ofMillis(300)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long start = System.nanoTime();
    assertThatThrownBy(() -> guest.main().bind(0, out).bind(1, 0L).call())
        .isInstanceOf(LimitExceeded.class)
        .hasMessage("limits.wasm: time limit of 300ms reached")
        .extracting(e -> ((LimitExceeded) e).limit())
        .isEqualTo(LimitExceeded.Limit.TIME);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("before\n");
    assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is cleared").isFalse();
    // The thread, and the guest, are fine for the next run.
    Guest quick = load(guest("", ""), options(interpreter).withTimeout(Duration.ofSeconds(30)));
    assertThat(quick.main().bind(0, new ByteArrayOutputStream()).bind(1, 0L).call()).isZero();
  }

  @ParameterizedTest(name = "interpreter={0}")
  @ValueSource(booleans = {false, true})
  void aLoopThatOnlyCallsTheHostEndsAtTheTimeout(boolean interpreter) throws Exception {
    String body =
        " (loop $forever"
            + "   (drop (drop (call $write (local.get $out) (i32.const 0) (i32.const 0))))"
            + "   (br $forever))";
    Guest guest = load(guest("", body), options(interpreter).withTimeout(Duration.ofMillis(200)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(() -> guest.main().bind(0, out).bind(1, 0L).call())
        .isInstanceOf(LimitExceeded.class)
        .hasMessageContaining("time limit of 200ms reached");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("before\n");
    assertThat(Thread.interrupted()).isFalse();
  }

  @ParameterizedTest(name = "interpreter={0}")
  @ValueSource(booleans = {false, true})
  void deepRecursionEndsAtTheTimeoutOrTheStackNeverCrashes(boolean interpreter) throws Exception {
    String extra = " (func $deep (param i32) (call $deep (i32.add (local.get 0) (i32.const 1))))";
    Guest guest =
        load(
            guest(extra, " (call $deep (i32.const 0))"),
            options(interpreter).withTimeout(Duration.ofSeconds(20)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(() -> guest.main().bind(0, out).bind(1, 0L).call())
        .isInstanceOf(GuestTrap.class)
        .hasMessageContaining("call stack exhausted");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("before\n");
  }

  /** Writes n bytes into a pipe of its own that no one reads: blocks once the buffer is full. */
  private static final String OWN_PIPE =
      "(module (import \"iotypes\" \"pipe\" (func $pipe (result i32 i32)))"
          + WRITE
          + " (memory 2) (data (i32.const 0) \"before\\n\")"
          + " (func (export \"main\") (param $out i32) (param $n i32) (local $pout i32)"
          + "   (drop (drop (call $write (local.get $out) (i32.const 0) (i32.const 7))))"
          + "   (call $pipe) (local.set $pout) (drop)"
          + "   (drop (drop (call $write (local.get $pout) (i32.const 0) (local.get $n))))))";

  @ParameterizedTest(name = "interpreter={0}")
  @ValueSource(booleans = {false, true})
  void pipesHaveTheConfiguredBufferAndABlockedWriteEndsAtTheTimeout(boolean interpreter)
      throws Exception {
    GuestOptions options =
        options(interpreter).withPipeCapacity(4096).withTimeout(Duration.ofMillis(300));
    Guest guest = Guest.load(Wat.module(MAIN, OWN_PIPE), "pipe.wasm", options);
    assertThat(guest.main().bind(0, new ByteArrayOutputStream()).bind(1, 4096L).call())
        .as("4096 bytes fit")
        .isZero();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(() -> guest.main().bind(0, out).bind(1, 4097L).call())
        .isInstanceOf(LimitExceeded.class)
        .hasMessageContaining("time limit of 300ms reached");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("before\n");
    assertThat(Thread.interrupted()).isFalse();
  }

  @ParameterizedTest(name = "interpreter={0}")
  @ValueSource(booleans = {false, true})
  void oneHandleTooManyEndsTheRunAsALimit(boolean interpreter) throws Exception {
    String extra = " (import \"iotypes\" \"null-output\" (func $null (result i32)))";
    String body = " (loop $more (drop (call $null)) (br $more))";
    Guest guest = load(guest(extra, body), options(interpreter).withMaxHandles(100));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(() -> guest.main().bind(0, out).bind(1, 0L).call())
        .isInstanceOf(LimitExceeded.class)
        .hasMessage("limits.wasm: too many open handles (limit 100)")
        .extracting(e -> ((LimitExceeded) e).limit())
        .isEqualTo(LimitExceeded.Limit.HANDLES);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("before\n");
  }

  @Test
  void anAnonymousArrayPastItsLimitFailsAsAnOutcomeNotTheRun() throws Exception {
    String extra =
        " (import \"iotypes\" \"anonymous\" (func $anonymous (result i32)))"
            + " (import \"iotypes\" \"array-write-at\""
            + "   (func $write_at (param i32 i32 i32 i64) (result i32 i32)))";
    String body =
        " (call $write_at (call $anonymous) (i32.const 0) (i32.const 7) (i64.extend_i32_u"
            + " (local.get $n)))"
            + " (local.set $status) (local.set $count)"
            + " (i32.store (i32.const 16) (local.get $count))"
            + " (i32.store (i32.const 20) (local.get $status))"
            + " (drop (drop (call $write (local.get $out) (i32.const 16) (i32.const 8))))";
    String wat =
        guest(extra, body)
            .replace("(param $n i32)", "(param $n i32) (local $count i32) (local $status i32)");
    Guest guest = load(wat, GuestOptions.DEFAULTS.withMaxAnonymousLength(100));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(guest.main().bind(0, out).bind(1, 97L).call()).isZero();
    ByteBuffer result = ByteBuffer.wrap(out.toByteArray(), 7, 8).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(result.getInt() + " " + result.getInt()).as("3 bytes, then failed").isEqualTo("3 2");
  }

  @Test
  void optionsRefuseNonsense() {
    assertThatThrownBy(() -> GuestOptions.DEFAULTS.withMaxMemory(-1))
        .hasMessage("maxMemory < 0: -1");
    assertThatThrownBy(() -> GuestOptions.DEFAULTS.withTimeout(Duration.ofSeconds(-1)))
        .hasMessage("timeout < 0: PT-1S");
    assertThatThrownBy(() -> GuestOptions.DEFAULTS.withPipeCapacity(0))
        .hasMessage("pipeCapacity < 1: 0");
    assertThat(IoTypes.pipe(1)).isNotNull();
  }
}
