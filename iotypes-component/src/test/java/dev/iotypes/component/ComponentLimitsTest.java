package dev.iotypes.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.IoTypes;
import dev.iotypes.Pipe;
import dev.iotypes.wasi.WasiOptions;
import dev.iotypes.wasm.GuestOptions;
import dev.iotypes.wasm.LimitExceeded;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A component's run is held to the same time limit as a module's. */
class ComponentLimitsTest {
  private static final GuestOptions HALF_A_SECOND =
      GuestOptions.DEFAULTS.withTimeout(Duration.ofMillis(500));

  @Test
  void aComponentThatNeverReturnsIsStoppedAtTheTimeLimit() throws Exception {
    Component spin = Component.load(ComponentValuesTest.DIR.resolve("spin.wasm"), HALF_A_SECOND);
    long start = System.nanoTime();
    assertThatThrownBy(() -> ComponentCommand.run(spin, WasiOptions.builder().args("spin").build()))
        .isInstanceOfSatisfying(
            LimitExceeded.class, e -> assertThat(e.limit()).isEqualTo(LimitExceeded.Limit.TIME));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aComponentBlockedOnStdinIsStoppedAtTheTimeLimit() throws Exception {
    Component cat =
        Component.load(Path.of("..", "guests", "wasi", "components", "cat.wasm"), HALF_A_SECOND);
    Pipe silent = IoTypes.pipe();
    WasiOptions options =
        WasiOptions.builder()
            .args("cat")
            .stdin(silent.input())
            .stdout(IoTypes.output(new ByteArrayOutputStream()))
            .build();
    assertThatThrownBy(() -> ComponentCommand.run(cat, options))
        .isInstanceOfSatisfying(
            LimitExceeded.class, e -> assertThat(e.limit()).isEqualTo(LimitExceeded.Limit.TIME));
    silent.output().close();
  }
}
