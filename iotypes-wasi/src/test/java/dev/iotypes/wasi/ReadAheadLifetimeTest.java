package dev.iotypes.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wabt.Wat2Wasm;
import dev.iotypes.IoTypes;
import dev.iotypes.wasm.Guest;
import dev.iotypes.wasm.GuestOptions;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** A read-ahead belongs to its run: once the run is over, its thread and buffer are gone. */
class ReadAheadLifetimeTest {
  /** Polls stdin once for reading, as libc does before a read it must not block in. */
  private static final String POLL_STDIN =
      """
      (module
        (import "wasi_snapshot_preview1" "poll_oneoff"
          (func $poll (param i32 i32 i32 i32) (result i32)))
        (memory (export "memory") 1)
        (func (export "_start")
          (i32.store8 (i32.const 8) (i32.const 1))
          (i32.store (i32.const 16) (i32.const 0))
          (drop (call $poll (i32.const 0) (i32.const 100) (i32.const 1) (i32.const 200)))))
      """;

  private static long readAheadThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("wasi-read-ahead"))
        .count();
  }

  @Test
  void manyRunsThatPollStdinLeaveNoReaderThreadBehind() throws Exception {
    Guest guest = Guest.load(Wat2Wasm.parse(POLL_STDIN), "poll.wasm", GuestOptions.DEFAULTS);
    long before = readAheadThreads();
    for (int i = 0; i < 300; i++) {
      WasiOptions options =
          WasiOptions.builder()
              .stdin(IoTypes.input(new byte[] {'x'}))
              .stdout(IoTypes.output(new ByteArrayOutputStream()))
              .stderr(IoTypes.output(new ByteArrayOutputStream()))
              .build();
      assertThat(WasiCommand.run(guest, options)).isZero();
      assertThat(readAheadThreads()).as("after run %d", i).isEqualTo(before);
    }
  }
}
