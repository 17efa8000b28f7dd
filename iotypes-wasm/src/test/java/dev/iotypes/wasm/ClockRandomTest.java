package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.IoTypes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Clock and random parameters: bound from the call or from Java, read through their imports. */
class ClockRandomTest {
  /**
   * Writes its readings to the output: monotonic (i64 at 0), wall seconds (i64 at 8) and nanos (i32
   * at 16), resolution (i64 at 20), then 16 random bytes at 28; 44 bytes in all.
   */
  private static final String READER =
      """
      (module
        (import "iotypes" "clock-monotonic-now" (func $mono (param i32) (result i64)))
        (import "iotypes" "clock-wall-now" (func $wall (param i32) (result i64 i32)))
        (import "iotypes" "clock-resolution" (func $res (param i32) (result i64)))
        (import "iotypes" "random-fill" (func $fill (param i32 i32 i32) (result i32)))
        (import "iotypes" "output-write" (func $write (param i32 i32 i32) (result i32 i32)))
        (memory (export "memory") 1)
        (func (export "main") (param $c i32) (param $r i32) (param $out i32) (result i32)
          (local $secs i64) (local $nanos i32)
          (i64.store (i32.const 0) (call $mono (local.get $c)))
          (call $wall (local.get $c))
          (local.set $nanos)
          (local.set $secs)
          (i64.store (i32.const 8) (local.get $secs))
          (i32.store (i32.const 16) (local.get $nanos))
          (i64.store (i32.const 20) (call $res (local.get $c)))
          (drop (call $fill (local.get $r) (i32.const 28) (i32.const 16)))
          (drop (drop (call $write (local.get $out) (i32.const 0) (i32.const 44))))
          (i32.const 0)))
      """;

  private static final String READER_MAIN =
      "main: func(clock: clock, random: random, output: output-stream) -> result";

  private static ByteBuffer run(MainCall call) throws GuestException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(call.bind("output", out).call()).isZero();
    return ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static byte[] randomBytes(ByteBuffer readings) {
    return Arrays.copyOfRange(readings.array(), 28, 44);
  }

  @Test
  void aFixedClockReadsItsInstantAndStandsStill() throws Exception {
    Guest guest = Wat.guest(READER_MAIN, READER);
    ByteBuffer readings =
        run(
            guest
                .main()
                .clock(IoTypes.fixedClock(Instant.parse("2024-01-01T00:00:00.5Z")))
                .random(IoTypes.seededRandom(42)));
    assertThat(readings.getLong(0)).isZero();
    assertThat(readings.getLong(8)).isEqualTo(1704067200L);
    assertThat(readings.getInt(16)).isEqualTo(500_000_000);
    assertThat(readings.getLong(20)).isEqualTo(1);
  }

  @Test
  void oneSeedGivesTheSameBytesAndAnotherSeedOthers() throws Exception {
    Guest guest = Wat.guest(READER_MAIN, READER);
    byte[] first = randomBytes(run(guest.main().random(IoTypes.seededRandom(42))));
    byte[] again = randomBytes(run(guest.main().random(IoTypes.seededRandom(42))));
    byte[] other = randomBytes(run(guest.main().random(IoTypes.seededRandom(43))));
    byte[] secure = randomBytes(run(guest.main()));
    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    assertThat(secure).isNotEqualTo(first).isNotEqualTo(new byte[16]);
  }

  @Test
  void aSeededRandomGivesOneSequenceHoweverTheCallsSplitIt() {
    var whole = ByteBuffer.allocate(20_000);
    IoTypes.seededRandom(7).fill(whole);
    var random = IoTypes.seededRandom(7);
    var pieces = ByteBuffer.allocate(20_000);
    for (int n : new int[] {1, 9000, 3, 10_996}) {
      random.fill(pieces.slice(pieces.position(), n));
      pieces.position(pieces.position() + n);
    }
    assertThat(pieces.array()).isEqualTo(whole.array());
  }

  @Test
  void javaBindsAnyInstantSourceAndRandomGenerator() throws Exception {
    Guest guest = Wat.guest(READER_MAIN, READER);
    RandomGenerator ones = () -> 0x0101010101010101L;
    ByteBuffer readings =
        run(
            guest
                .main()
                .bind("clock", java.time.Clock.fixed(Instant.ofEpochSecond(5, 7), ZoneOffset.UTC))
                .bind("random", ones));
    assertThat(readings.getLong(8)).isEqualTo(5);
    assertThat(readings.getInt(16)).isEqualTo(7);
    assertThat(randomBytes(readings)).containsOnly(1);
  }

  @Test
  void aClockParameterTakesNoOtherValue() throws Exception {
    Guest guest = Wat.guest(READER_MAIN, READER);
    assertThatThrownBy(() -> guest.main().bind("clock", "now"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a Clock or InstantSource");
    assertThatThrownBy(() -> guest.main().bind("random", 42L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a Random or RandomGenerator");
  }

  @ParameterizedTest
  @ValueSource(strings = {"list<clock>", "option<random>"})
  void aRunHasOneClockAndOneRandomSoNoListOrOptionOfThem(String type) {
    assertThatThrownBy(() -> TypedMain.parse("main: func(x: " + type + ")"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a run has one");
  }

  /**
   * Misuse, one case per {@code which}: 0 a random handle read as a clock, 1 a forged clock, 2 a
   * random fill past memory, 3 a clock dropped then read, 4 a fill that wraps, 5 a fill of all
   * memory (fine).
   */
  private static final String MISUSE =
      """
      (module
        (import "iotypes" "clock-monotonic-now" (func $mono (param i32) (result i64)))
        (import "iotypes" "clock-drop" (func $drop (param i32)))
        (import "iotypes" "random-fill" (func $fill (param i32 i32 i32) (result i32)))
        (memory (export "memory") 1)
        (func (export "main") (param $c i32) (param $r i32) (param $which i32)
          (block $fine (block $5 (block $4 (block $3 (block $2 (block $1 (block $0
            (br_table $0 $1 $2 $3 $4 $5 (local.get $which)))
            (drop (call $mono (local.get $r))) (br $fine))
            (drop (call $mono (i32.const 999))) (br $fine))
            (drop (call $fill (local.get $r) (i32.const 65530) (i32.const 7))) (br $fine))
            (call $drop (local.get $c)) (drop (call $mono (local.get $c))) (br $fine))
            (drop (call $fill (local.get $r) (i32.const -1) (i32.const 2))) (br $fine))
            (drop (call $fill (local.get $r) (i32.const 0) (i32.const 65536))))))
      """;

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void misuseOfAClockOrRandomHandleTraps(int which) throws Exception {
    Guest guest = Wat.guest("main: func(clock: clock, random: random, which: u32)", MISUSE);
    assertThatThrownBy(() -> guest.main().bind("which", which).call())
        .isInstanceOf(GuestTrap.class)
        .hasMessageMatching(
            "(?s).*(clock-monotonic-now|random-fill).*(not a clock|not a handle|was dropped|outside|memory).*");
  }

  @Test
  void aFillOfAllMemoryIsNoMisuse() throws Exception {
    Guest guest = Wat.guest("main: func(clock: clock, random: random, which: u32)", MISUSE);
    assertThat(guest.main().bind("which", 5).call()).isZero();
  }
}
