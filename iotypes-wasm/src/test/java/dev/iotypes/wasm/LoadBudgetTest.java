package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Loading a module (parse, validation, Chicory's eager compiler) is held to the time budget of
 * {@link GuestOptions#timeout}, as running it is.
 */
class LoadBudgetTest {
  @Test
  void aModuleThatTakesLongerToLoadThanTheTimeoutIsStopped() {
    byte[] module = Binaries.emptyFunctions(90_000); // inside the size limits; seconds to parse
    GuestOptions options = GuestOptions.DEFAULTS.withTimeout(Duration.ofMillis(50));
    long start = System.nanoTime();
    assertThatThrownBy(() -> Guest.load(module, "slow.wasm", options))
        .isInstanceOf(LimitExceeded.class)
        .hasMessage("slow.wasm: time limit of 50ms reached while loading")
        .satisfies(
            e -> assertThat(((LimitExceeded) e).limit()).isEqualTo(LimitExceeded.Limit.TIME));
    assertThat((System.nanoTime() - start) / 1_000_000).as("ms").isLessThan(1_000);
  }

  @Test
  void aModuleThatLoadsInTimeIsNotStopped() throws Exception {
    Guest guest =
        Guest.load(
            GuestToolsTest.GUESTS.resolve("hello.wasm"),
            GuestOptions.DEFAULTS.withTimeout(Duration.ofSeconds(30)));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    assertThat(guest.main().bind("output", out).call()).isZero();
    assertThat(out.toString()).isEqualTo("hello, world\n");
  }
}
