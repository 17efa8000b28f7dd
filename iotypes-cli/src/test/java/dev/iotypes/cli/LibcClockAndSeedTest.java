package dev.iotypes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.cli.MainTest.Result;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --clock} and {@code --seed} reach libc: a typed main linked with wasi-libc tells the time
 * of the clock it was handed and draws {@code getentropy} from its random, and a WASI command runs
 * on the run's clock and random, so both print the same lines on every run and sleep without
 * waiting on a stopped clock.
 */
class LibcClockAndSeedTest {
  private static final String FIXED = "fixed:2024-01-01T00:00:00Z";

  private static String libc(String name) {
    return program("guests/libc/wasm/" + name + ".wasm");
  }

  private static String command(String name) {
    return program("guests/wasi/wasm/" + name + ".wasm");
  }

  private static String program(String relative) {
    Path path = TestModules.ROOT.resolve(relative);
    assertThat(path).as("run guests/build.sh and guests/wasi/build.sh").isRegularFile();
    return path.toString();
  }

  private static List<String> lines(Result result) {
    assertThat(result.status()).as(result.err()).isZero();
    return result.outText().lines().toList();
  }

  private static String value(List<String> lines, String what) {
    return lines.stream()
        .filter(l -> l.startsWith(what + " "))
        .map(l -> l.substring(what.length() + 1))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line " + what + " in " + lines));
  }

  @Test
  void aLibcTypedMainReadsTheClockAndRandomItWasHanded() {
    List<String> first =
        lines(MainTest.run("run", "--clock", FIXED, "--seed", "42", libc("stamp"), "-"));
    List<String> again =
        lines(MainTest.run("run", "--clock", FIXED, "--seed", "42", libc("stamp"), "-"));

    assertThat(again).isEqualTo(first);
    assertThat(value(first, "realtime")).isEqualTo("1704067200.000000000");
    assertThat(value(first, "time")).isEqualTo("1704067200");
    // a sleep on a stopped clock moves it by exactly the time asked for, without waiting
    assertThat(value(first, "after nanosleep 1.5s")).isEqualTo("1704067201.500000000");
    assertThat(value(first, "after poll 250ms"))
        .isEqualTo(value(first, "handle monotonic").replaceAll("(\\d{9})$", ".$1"));
    assertThat(value(first, "getentropy")).hasSize(32).isNotEqualTo(value(first, "random-fill"));
  }

  @Test
  void anotherSeedGivesALibcTypedMainOtherBytesAndTheSameTimes() {
    List<String> seed42 =
        lines(MainTest.run("run", "--clock", FIXED, "--seed", "42", libc("stamp"), "-"));
    List<String> seed43 =
        lines(MainTest.run("run", "--clock", FIXED, "--seed", "43", libc("stamp"), "-"));

    assertThat(value(seed43, "getentropy")).isNotEqualTo(value(seed42, "getentropy"));
    assertThat(value(seed43, "random-fill")).isNotEqualTo(value(seed42, "random-fill"));
    assertThat(value(seed43, "after nanosleep 1.5s"))
        .isEqualTo(value(seed42, "after nanosleep 1.5s"));
  }

  @Test
  void withoutClockALibcTypedMainReadsTheHostsTime() {
    long before = Instant.now().getEpochSecond() - 1;
    List<String> lines = lines(MainTest.run("run", libc("stamp"), "-"));
    long realtime = Long.parseLong(value(lines, "realtime").split("\\.")[0]);

    assertThat(realtime).isBetween(before, Instant.now().getEpochSecond() + 1);
  }

  @Test
  void aWasiCommandRunsOnTheRunsClockAndRandom() {
    List<String> first =
        lines(MainTest.run("run", "--clock", FIXED, "--seed", "7", command("stamp")));
    List<String> again =
        lines(MainTest.run("run", "--clock", FIXED, "--seed", "7", command("stamp")));
    List<String> other =
        lines(MainTest.run("run", "--clock", FIXED, "--seed", "8", command("stamp")));

    assertThat(again).isEqualTo(first);
    assertThat(value(first, "realtime")).isEqualTo("1704067200.000000000");
    assertThat(value(first, "after nanosleep 2s")).isEqualTo("1704067202.000000000");
    assertThat(value(first, "after poll 100ms")).isEqualTo("2.100000000");
    assertThat(value(other, "getentropy")).isNotEqualTo(value(first, "getentropy"));
    assertThat(value(other, "after poll 100ms")).isEqualTo("2.100000000");
  }

  @Test
  void aWasiCommandWithoutTheFlagsKeepsTheHostsClockAndASecureRandom() {
    long before = Instant.now().getEpochSecond() - 1;
    List<String> first = lines(MainTest.run("run", command("stamp")));
    List<String> again = lines(MainTest.run("run", command("stamp")));

    long realtime = Long.parseLong(value(first, "realtime").split("\\.")[0]);
    assertThat(realtime).isBetween(before, Instant.now().getEpochSecond() + 5);
    assertThat(value(again, "getentropy")).isNotEqualTo(value(first, "getentropy"));
  }

  @Test
  void theChecksOfTheClocksProgramAllHoldOnAStoppedClock() {
    Result result = MainTest.run("run", "--clock", FIXED, "--seed", "1", command("clocks"));

    assertThat(result.status()).as(result.outText() + result.err()).isZero();
    assertThat(result.outText()).doesNotContain("FAILED").contains("failures=0");
  }
}
