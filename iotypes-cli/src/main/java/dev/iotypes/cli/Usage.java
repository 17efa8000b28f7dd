package dev.iotypes.cli;

import dev.iotypes.wasm.Param;
import dev.iotypes.wasm.ParamType;
import dev.iotypes.wasm.TypedMain;
import java.util.Locale;

/** The usage of a guest, generated from its typed main: what {@code MODULE --help} prints. */
final class Usage {
  private Usage() {}

  /** {@code usage: wc.wasm INPUT OUTPUT}, options first. */
  static String line(String module, TypedMain main) {
    StringBuilder text = new StringBuilder("usage: ").append(module);
    for (Param param : main.params()) {
      if (!param.type().isHandle()) {
        String option = "--" + param.name();
        text.append(' ')
            .append(
                param.type() == ParamType.BOOL
                    ? "[" + option + "]"
                    : option + " " + placeholder(param));
      }
    }
    for (Param param : main.params()) {
      if (param.type().isHandle()) {
        text.append(' ').append(placeholder(param));
      }
    }
    return text.toString();
  }

  /** The usage line, then one line per parameter: its type and what may be passed. */
  static String full(String module, TypedMain main) {
    StringBuilder text = new StringBuilder(line(module, main)).append("\n\n");
    int width = 0;
    for (Param param : main.params()) {
      width = Math.max(width, label(param).length());
    }
    for (Param param : main.params()) {
      text.append("  ")
          .append(String.format(Locale.ROOT, "%-" + width + "s", label(param)))
          .append("  ")
          .append(param.type().wit())
          .append(": ")
          .append(accepts(param.type()))
          .append('\n');
    }
    text.append("\ntyped main: ").append(main).append('\n');
    return text.toString();
  }

  /** {@code INPUT} for a handle or a value's placeholder, {@code N} for numbers. */
  static String placeholder(Param param) {
    return switch (param.type()) {
      case INPUT_STREAM, OUTPUT_STREAM, ARRAY -> param.name().toUpperCase(Locale.ROOT);
      case BOOL -> "";
      case U32, S32, U64, S64 -> "N";
      case STRING -> "TEXT";
    };
  }

  private static String label(Param param) {
    return param.type().isHandle()
        ? placeholder(param)
        : param.type() == ParamType.BOOL
            ? "--" + param.name()
            : "--" + param.name() + " " + placeholder(param);
  }

  private static String accepts(ParamType type) {
    return switch (type) {
      case INPUT_STREAM ->
          "a path, - (stdin), a file:, http:, https: or data: URL, NAME.gz (decompressed),"
              + " or $(command) (its stdout)";
      case OUTPUT_STREAM ->
          "a path (created or truncated), - (stdout), NAME.gz (compressed),"
              + " or $(command) (its stdin)";
      case ARRAY -> "a path (read-write, created if missing; --read-only before the module)";
      case BOOL -> "true if present";
      case U32 -> "an integer from 0 to 4294967295";
      case S32 -> "an integer from -2147483648 to 2147483647";
      case U64 -> "an integer from 0 to 18446744073709551615";
      case S64 -> "a 64-bit signed integer";
      case STRING -> "any text";
    };
  }
}
