package dev.iotypes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.cli.MainTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --clock} and {@code --seed}: a typed main's clock and random parameters are bound from the
 * run, never from an argument, and these two flags make the run reproducible.
 */
class ClockAndSeedTest {
  private static final String FIXED = "fixed:2024-01-01T00:00:00Z";

  @TempDir Path dir;

  @Test
  void aFixedClockAndASeedPrintTheSameLineOnEveryRun() {
    Result first = MainTest.run("run", "--clock", FIXED, "--seed", "42", guest("stamp"), "-");
    Result again = MainTest.run("run", "--clock", FIXED, "--seed", "42", guest("stamp"), "-");
    assertThat(first.status()).as(first.err()).isZero();
    assertThat(first.outText()).startsWith("2024-01-01T00:00:00.000000000Z ").hasSize(31 + 32 + 1);
    assertThat(again.outText()).isEqualTo(first.outText());
  }

  @Test
  void anotherSeedGivesOtherBytesAndNoSeedSecureOnes() {
    String seed42 = random(MainTest.run("run", "--seed", "42", guest("stamp"), "-"));
    String seed43 = random(MainTest.run("run", "--seed", "43", guest("stamp"), "-"));
    String secure = random(MainTest.run("run", guest("stamp"), "-"));
    assertThat(seed43).isNotEqualTo(seed42).hasSize(32);
    assertThat(secure).isNotEqualTo(seed42).isNotEqualTo(seed43).hasSize(32);
  }

  @Test
  void withoutClockTheRunReadsTheHostsTime() {
    Instant before = Instant.now().minusSeconds(1);
    Result result = MainTest.run("run", guest("stamp"), "-n", "0", "-");
    Instant printed = Instant.parse(result.outText().strip());
    assertThat(printed).isBetween(before, Instant.now().plusSeconds(1));
  }

  @Test
  void aClockWithARateStartsAtItsInstantAndRuns() {
    Result result = MainTest.run("run", "--clock", FIXED + "@1x", guest("stamp"), "--bytes=0", "-");
    Instant printed = Instant.parse(result.outText().strip());
    assertThat(printed)
        .isBetween(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-01T00:01:00Z"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "fixed:2024-01-01",
        "fixed:2024-01-01T00:00:00Z@fast",
        "fixed:2024-01-01T00:00:00Z@-1x",
        "now",
      })
  void aClockThatIsNotOneIsAUsageError(String clock) {
    Result result = MainTest.run("run", "--clock", clock, guest("stamp"), "-");
    assertThat(result.status()).isEqualTo(64);
    assertThat(result.err()).contains("--clock");
  }

  @Test
  void aSeedThatIsNotAnIntegerIsAUsageError() {
    assertThat(MainTest.run("run", "--seed", "x", guest("stamp"), "-").status()).isEqualTo(64);
  }

  @Test
  void clockAndRandomTakeNoArgumentAndHaveNoOption() {
    Result result = MainTest.run("run", guest("stamp"), "--clock", "x", "-");
    assertThat(result.status()).isEqualTo(64);
    assertThat(MainTest.run("run", guest("stamp"), "-", "extra").status()).isEqualTo(64);
  }

  @Test
  void timeoutCopiesAnInputThatIsAlwaysReadyWholeOnAStoppedClock() throws Exception {
    byte[] data = new byte[300_000];
    new java.util.Random(5).nextBytes(data);
    Path in = Files.write(dir.resolve("in"), data);
    Path out = dir.resolve("out");
    Result result =
        MainTest.run(
            "run", "--clock", FIXED, guest("timeout"), "-s", "1", in.toString(), out.toString());
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(Files.readAllBytes(out)).isEqualTo(data);
  }

  /**
   * A deadline that has passed wins over an input that is ready. (A timeout over a silent command:
   * {@code ReadinessTest}.)
   */
  @Test
  void timeoutOfZeroSecondsCopiesNothingAndExits124() throws Exception {
    Path in = Files.writeString(dir.resolve("in"), "never copied");
    Result result =
        MainTest.run("run", "--clock", FIXED, guest("timeout"), "-s", "0", in.toString(), "-");
    assertThat(result.status()).as(result.err()).isEqualTo(124);
    assertThat(result.outText()).isEmpty();
  }

  private static String random(Result result) {
    assertThat(result.status()).as(result.err()).isZero();
    return result.outText().strip().split(" ")[1];
  }

  private static String guest(String name) {
    return MainTest.guest(name);
  }
}
