package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A guest that traps is reported by the function that trapped, and loses no output. */
class TrapTest {
  private static final String GUEST =
      """
      (module
        (import "iotypes" "output-write" (func $write (param i32 i32 i32) (result i32 i32)))
        (memory 1)
        (data (i32.const 0) "partial output\\n")
        (func $explode (unreachable))
        (func $recurse (param i32) (result i32)
          (i32.add (call $recurse (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))
        (func (export "main") (param $out i32) (param $how i32)
          (drop (drop (call $write (local.get $out) (i32.const 0) (i32.const 15))))
          (if (i32.eqz (local.get $how)) (then (call $explode)))
          (if (i32.eq (local.get $how) (i32.const 1))
            (then (drop (i32.load (i32.const 65536)))))
          (if (i32.eq (local.get $how) (i32.const 2))
            (then (drop (call $recurse (i32.const 0)))))))
      """;

  private static final String MAIN = "main: func(output: output-stream, how: u32)";

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void unreachableNamesTheFunctionAndKeepsWhatWasWritten(boolean interpreter) throws Exception {
    byte[] wasm = Wat.withFunctionName(Wat.module(MAIN, GUEST), 1, "explode");
    Guest guest = Guest.load(wasm, "boom.wasm", GuestOptions.DEFAULTS.withInterpreter(interpreter));
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    BufferedOutputStream buffered = new BufferedOutputStream(sink, 1 << 16);
    assertThatThrownBy(() -> guest.main().bind(0, buffered).bind(1, 0L).call())
        .isInstanceOf(GuestTrap.class)
        .hasMessageStartingWith("boom.wasm trapped")
        .hasMessageContaining("unreachable");
    if (!interpreter) { // compiled functions are JVM methods, so the stack names them
      assertThatThrownBy(() -> guest.main().bind(0, new ByteArrayOutputStream()).bind(1, 0L).call())
          .hasMessageStartingWith("boom.wasm trapped in explode: ")
          .extracting(t -> ((GuestTrap) t).function())
          .isEqualTo("explode");
    }
    assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("partial output\n");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2})
  void outOfBoundsAndExhaustedStackAreTrapsNotCrashes(long how) throws Exception {
    Guest guest = Wat.guest(MAIN, GUEST);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    assertThatThrownBy(() -> guest.main().bind(0, sink).bind(1, how).call())
        .isInstanceOf(GuestTrap.class)
        .hasMessageContaining(how == 1 ? "out of bounds" : "call stack exhausted");
    assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("partial output\n");
  }
}
