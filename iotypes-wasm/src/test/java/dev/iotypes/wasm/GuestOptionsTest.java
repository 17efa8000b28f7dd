package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each {@code with*} changes its own option and keeps the others; every value is checked. */
class GuestOptionsTest {
  @Test
  void eachWitherChangesOnlyItsOwnOption() {
    GuestOptions all =
        GuestOptions.DEFAULTS
            .withInterpreter(true)
            .withMaxHandles(7)
            .withMaxAnonymousLength(8)
            .withMaxMemory(9 << 16)
            .withMaxTableElements(10)
            .withTimeout(Duration.ofSeconds(11))
            .withPipeCapacity(12)
            .withCache(Path.of("cache"))
            .withMaxCacheBytes(13)
            .withAtomicOutputs(false);
    assertThat(all)
        .isEqualTo(
            new GuestOptions(
                Execution.INTERPRETER,
                7,
                8,
                GuestOptions.DEFAULT_ANONYMOUS_TOTAL,
                9 << 16,
                10,
                Duration.ofSeconds(11),
                12,
                Optional.of(Path.of("cache").toAbsolutePath()),
                13,
                false));
    assertThat(GuestOptions.DEFAULTS.atomicOutputs()).isTrue();
    assertThat(all.withoutCache().cache()).isEmpty();
    assertThat(all.withoutCache().withCache(Path.of("cache"))).isEqualTo(all);
    assertThat(all.toBuilder().maxHandles(3).pipeCapacity(4).build())
        .isEqualTo(all.withMaxHandles(3).withPipeCapacity(4));
  }

  @Test
  void aBadValueIsRefusedWhicheverWayItComes() {
    assertThatThrownBy(() -> GuestOptions.DEFAULTS.withMaxHandles(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxHandles");
    assertThatThrownBy(
            () -> GuestOptions.DEFAULTS.toBuilder().timeout(Duration.ofSeconds(-1)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout");
    assertThatThrownBy(() -> GuestOptions.DEFAULTS.withPipeCapacity(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
