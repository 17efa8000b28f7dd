package dev.iotypes.wasi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.IoTypes;
import dev.iotypes.wasm.Guest;
import dev.iotypes.wasm.GuestOptions;
import dev.iotypes.wasm.LimitExceeded;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The run's limits hold for a WASI command as for a typed main. */
class WasiLimitsTest {
  private static GuestOptions options(boolean interpreter) {
    return GuestOptions.DEFAULTS.withoutCache().withInterpreter(interpreter);
  }

  @ParameterizedTest(name = "interpreter={0}")
  @ValueSource(booleans = {false, true})
  void aWasiCommandThatNeverEndsIsStoppedByTheTimeout(boolean interpreter) throws Exception {
    byte[] wasm =
        com.dylibso.chicory.wabt.Wat2Wasm.parse(
            "(module (memory (export \"memory\") 1)"
                + " (func (export \"_start\") (loop $l (br $l))))");
    Guest guest =
        Guest.load(wasm, "spin.wasm", options(interpreter).withTimeout(Duration.ofMillis(300)));
    WasiOptions wasi =
        WasiOptions.builder()
            .stdin(IoTypes.input(new byte[0]))
            .stdout(IoTypes.output(new ByteArrayOutputStream()))
            .stderr(IoTypes.output(new ByteArrayOutputStream()))
            .build();
    assertThatThrownBy(() -> WasiCommand.run(guest, wasi))
        .isInstanceOf(LimitExceeded.class)
        .hasMessage("spin.wasm: time limit of 300ms reached");
    assertThat(Thread.interrupted()).isFalse();
  }
}
