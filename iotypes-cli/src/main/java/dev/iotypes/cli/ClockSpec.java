package dev.iotypes.cli;

import dev.iotypes.Clock;
import dev.iotypes.IoTypes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * What {@code --clock} says the run's clock is: {@code system} (the default), {@code fixed:INSTANT}
 * (stopped at an ISO-8601 instant such as {@code 2024-01-01T00:00:00Z}, moved only to a deadline
 * the program waits for, so the run is reproducible and never sleeps), or {@code
 * fixed:INSTANT@RATEx} (started at the instant, then running at RATE times real time: {@code @1x},
 * {@code @60x}, {@code @0.5x}; {@code @0x} is stopped).
 *
 * @param start the instant a fixed clock starts at; null for the system clock
 * @param rate clock seconds per real second; 0 stopped
 */
record ClockSpec(Instant start, double rate) {
  static final ClockSpec SYSTEM = new ClockSpec(null, 1);

  /**
   * Parses a {@code --clock} value.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static ClockSpec parse(String text) {
    if (text.equals("system")) {
      return SYSTEM;
    }
    if (!text.startsWith("fixed:")) {
      throw new IllegalArgumentException(
          "--clock: expected system, fixed:INSTANT or fixed:INSTANT@RATEx, not " + text);
    }
    String rest = text.substring("fixed:".length());
    double rate = 0;
    int at = rest.indexOf('@');
    if (at >= 0) {
      String factor = rest.substring(at + 1).toLowerCase(Locale.ROOT);
      rest = rest.substring(0, at);
      if (!factor.matches("[0-9]+(\\.[0-9]+)?x")) {
        throw new IllegalArgumentException(
            "--clock: a rate is a decimal number and x (1x, 60x, 0.5x), not " + factor);
      }
      rate = Double.parseDouble(factor.substring(0, factor.length() - 1));
      if (Double.isInfinite(rate)) {
        throw new IllegalArgumentException("--clock: rate too large: " + factor);
      }
    }
    try {
      return new ClockSpec(Instant.parse(rest), rate);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--clock: not an ISO-8601 instant (2024-01-01T00:00:00Z): " + rest);
    }
  }

  /** A clock for one run, started now. */
  Clock newClock() {
    return start == null ? IoTypes.systemClock() : IoTypes.clock(start, rate);
  }
}
