package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.IoTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A guest that is stopped mid-stream, by a trap, an exit, or any limit, loses nothing it wrote:
 * written in place, every byte is in the file; written atomically (the default), the file is as it
 * was. Either way the file is closed, and no descriptor is left open.
 */
class NothingLostTest {
  @TempDir Path dir;

  /**
   * Writes 3 x 100 KiB to its output (a file), then ends as {@code how} says: 0 returns, 1 traps, 2
   * loops until the timeout, 3 makes handles until the limit, 4 recurses until the stack is gone.
   */
  private static final String GUEST =
      """
      (module
        (import "iotypes" "output-write" (func $write (param i32 i32 i32) (result i32 i32)))
        (import "iotypes" "null-output" (func $null (result i32)))
        (memory 2)
        (func $deep (param i32) (call $deep (i32.add (local.get 0) (i32.const 1))))
        (func (export "main") (param $out i32) (param $how i32)
          (local $i i32)
          (memory.fill (i32.const 0) (i32.const 0x41) (i32.const 102400))
          (loop $chunks
            (drop (drop (call $write (local.get $out) (i32.const 0) (i32.const 102400))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $chunks (i32.lt_u (local.get $i) (i32.const 3))))
          (if (i32.eq (local.get $how) (i32.const 1)) (then unreachable))
          (if (i32.eq (local.get $how) (i32.const 2)) (then (loop $l (br $l))))
          (if (i32.eq (local.get $how) (i32.const 3)) (then (loop $l (drop (call $null)) (br $l))))
          (if (i32.eq (local.get $how) (i32.const 4)) (then (call $deep (i32.const 0))))))
      """;

  /** The writer guest, stopped after 300 ms or 50 handles. */
  private static Guest writer(boolean interpreter, boolean atomic) throws GuestException {
    return Guest.load(
        Wat.module("main: func(output: output-stream, how: u32)", GUEST),
        "writer.wasm",
        GuestOptions.DEFAULTS
            .withInterpreter(interpreter)
            .withTimeout(Duration.ofMillis(300))
            .withMaxHandles(50)
            .withAtomicOutputs(atomic));
  }

  /**
   * No descriptor of this process points into the test's folder. Counting all descriptors was
   * flaky: the JVM opens jars and logs of its own, on threads of its own, at any time.
   */
  private void assertEveryFileClosed() throws IOException {
    assertThat(descriptorsInto(dir)).as("descriptors still open on the run's files").isEmpty();
  }

  private static List<Path> descriptorsInto(Path dir) throws IOException {
    Path real = dir.toRealPath();
    List<Path> open = new ArrayList<>();
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          Path target = Files.readSymbolicLink(fd);
          if (target.startsWith(real) || target.startsWith(dir)) {
            open.add(target);
          }
        } catch (IOException closedMeanwhile) {
          // The descriptor of the listing itself, or one closed since: neither is the run's.
        }
      }
    }
    return open;
  }

  @ParameterizedTest(name = "{0} interpreter={1}")
  @CsvSource({
    "0, false", "1, false", "2, false", "3, false", "4, false",
    "0, true", "1, true", "2, true", "3, true", "4, true"
  })
  void everyByteWrittenBeforeTheEndIsInTheClosedFile(int how, boolean interpreter)
      throws Exception {
    Guest guest = writer(interpreter, false);
    for (int run = 0; run < 6; run++) {
      Path file = dir.resolve("out-" + run);
      MainCall call = guest.main().bind(0, file).bind(1, (long) how);
      if (how == 0) {
        assertThat(call.call()).isZero();
      } else {
        assertThatThrownBy(call::call)
            .isInstanceOf(how == 1 || how == 4 ? GuestTrap.class : LimitExceeded.class);
      }
      assertThat(Files.size(file)).isEqualTo(3 * 102400);
      assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).matches("A{307200}");
    }
    assertEveryFileClosed();
    assertThat(Thread.interrupted()).isFalse();
  }

  @ParameterizedTest(name = "{0} interpreter={1}")
  @CsvSource({
    "0, false", "1, false", "2, false", "3, false", "4, false",
    "0, true", "1, true", "2, true", "3, true", "4, true"
  })
  void writtenAtomicallyAStoppedRunLeavesTheOldFileAndNothingOpen(int how, boolean interpreter)
      throws Exception {
    Guest guest = writer(interpreter, true);
    for (int run = 0; run < 3; run++) {
      Path file = Files.writeString(dir.resolve("out-" + run), "old");
      MainCall call = guest.main().bind(0, file).bind(1, (long) how);
      if (how == 0) {
        assertThat(call.call()).isZero();
        assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).matches("A{307200}");
      } else {
        assertThatThrownBy(call::call)
            .isInstanceOf(how == 1 || how == 4 ? GuestTrap.class : LimitExceeded.class);
        assertThat(Files.readString(file)).isEqualTo("old");
      }
    }
    try (var names = Files.list(dir)) {
      assertThat(names.map(p -> p.getFileName().toString()))
          .as("no staged file is left")
          .containsExactlyInAnyOrder("out-0", "out-1", "out-2");
    }
    assertEveryFileClosed();
  }

  @ParameterizedTest(name = "interpreter={0}")
  @CsvSource({"false", "true"})
  void aWriteThatFailsHalfWayReportsTheHalfThatGotThrough(boolean interpreter) throws Exception {
    // An output over an array that holds 4 bytes: writing 10 gives (4, failed).
    String wat =
        """
        (module
          (import "iotypes" "output-write" (func $write (param i32 i32 i32) (result i32 i32)))
          (import "iotypes" "anonymous" (func $anonymous (result i32)))
          (import "iotypes" "output-from-array" (func $from_array (param i32 i64) (result i32)))
          (memory 1)
          (data (i32.const 0) "0123456789")
          (func (export "main") (param $out i32) (local $count i32) (local $status i32)
            (call $write (call $from_array (call $anonymous) (i64.const 0))
                         (i32.const 0) (i32.const 10))
            (local.set $status)
            (local.set $count)
            (i32.store (i32.const 16) (local.get $count))
            (i32.store (i32.const 20) (local.get $status))
            (drop (drop (call $write (local.get $out) (i32.const 16) (i32.const 8))))))
        """;
    Guest guest =
        Guest.load(
            Wat.module("main: func(output: output-stream)", wat),
            "half.wasm",
            GuestOptions.DEFAULTS.withInterpreter(interpreter).withMaxAnonymousLength(4));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    guest.main().bind(0, out).call();
    ByteBuffer result = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(result.getInt() + " " + result.getInt()).isEqualTo("4 2");
    assertThat(IoTypes.nullOutput()).isNotNull();
  }
}
