package dev.iotypes.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Sizes ({@code 65536}, {@code 64K}, {@code 256MiB}, {@code 1G}) and durations ({@code 10s}). */
final class Quantities {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)(?:i?b)?");
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

  private Quantities() {}

  /** Bytes; suffixes K, M, G, T (also KiB, KB, ...) are powers of 1024. */
  static long bytes(String text) {
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("not a size (e.g. 65536, 64K, 256M, 1G): " + text);
    }
    int shift =
        switch (m.group(2)) {
          case "k" -> 10;
          case "m" -> 20;
          case "g" -> 30;
          case "t" -> 40;
          default -> 0;
        };
    try {
      long value = Long.parseLong(m.group(1));
      if (value > (Long.MAX_VALUE >> shift)) {
        throw new IllegalArgumentException("size too large: " + text);
      }
      return value << shift;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("size too large: " + text);
    }
  }

  /** A duration: {@code 500ms}, {@code 10s} (a bare number is seconds), {@code 2m}, {@code 1h}. */
  static Duration duration(String text) {
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration (e.g. 500ms, 10s, 2m): " + text);
    }
    try {
      long value = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      return switch (unit) {
        case "ms" -> Duration.ofMillis(value);
        case "m" -> Duration.ofMinutes(value);
        case "h" -> Duration.ofHours(value);
        default -> Duration.ofSeconds(value);
      };
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("duration too long: " + text);
    }
  }

  static final class Bytes implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        return bytes(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** A size that fits an int (buffers, counts). */
  static final class IntBytes implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        long bytes = bytes(value);
        if (bytes > Integer.MAX_VALUE) {
          throw new TypeConversionException("at most " + Integer.MAX_VALUE + ": " + value);
        }
        return (int) bytes;
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  static final class Time implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return duration(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
