package dev.iotypes.cli;

import dev.iotypes.wasm.Param;
import dev.iotypes.wasm.ParamType;
import dev.iotypes.wasm.TypedMain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A program's arguments read against its typed main: handle parameters take the positional
 * arguments in declaration order; plain-value parameters are options {@code --NAME VALUE} (or
 * {@code --NAME=VALUE}; a bool is {@code --NAME} alone), anywhere among them. {@code --} ends the
 * options, so a file may be named {@code --x}. {@code --help}, unless a parameter is named {@code
 * help}, asks for the usage.
 *
 * @param handles the argument of each handle parameter, by parameter
 * @param values the value of each plain parameter: {@link Long}, {@link Boolean} or {@link String}
 * @param help whether {@code --help} was given
 */
record ProgramArgs(Map<Param, String> handles, Map<Param, Object> values, boolean help) {

  /**
   * Reads {@code args} against {@code main}.
   *
   * @throws IllegalArgumentException with a one-line message: an unknown option, a missing or bad
   *     value, a wrong number of positional arguments
   */
  static ProgramArgs parse(TypedMain main, List<String> args) {
    Map<String, Param> options = new HashMap<>();
    List<Param> positional = new ArrayList<>();
    for (Param param : main.params()) {
      if (param.type().isHandle()) {
        positional.add(param);
      } else {
        options.put(param.name(), param);
      }
    }
    List<String> given = new ArrayList<>();
    Map<Param, Object> values = new HashMap<>();
    boolean help = false;
    boolean optionsEnded = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (optionsEnded || !arg.startsWith("--")) {
        given.add(arg);
        continue;
      }
      if (arg.equals("--")) {
        optionsEnded = true;
        continue;
      }
      int equals = arg.indexOf('=');
      String name = arg.substring(2, equals < 0 ? arg.length() : equals);
      String inline = equals < 0 ? null : arg.substring(equals + 1);
      Param param = options.get(name);
      if (param == null) {
        if (name.equals("help") && inline == null) {
          help = true;
          continue;
        }
        throw new IllegalArgumentException("unknown option --" + name);
      }
      if (values.containsKey(param)) {
        throw new IllegalArgumentException("option --" + name + " given twice");
      }
      String text;
      if (param.type() == ParamType.BOOL) {
        text = inline == null ? "true" : inline;
      } else if (inline != null) {
        text = inline;
      } else if (i + 1 < args.size()) {
        text = args.get(++i);
      } else {
        throw new IllegalArgumentException(
            "option --" + name + " needs a value (" + param.type().wit() + ")");
      }
      values.put(param, value(param, text));
    }
    if (help) {
      return new ProgramArgs(Map.of(), Map.of(), true);
    }
    for (Param param : main.params()) {
      if (!param.type().isHandle() && !values.containsKey(param)) {
        if (param.type() == ParamType.BOOL) {
          values.put(param, false);
        } else {
          throw new IllegalArgumentException(
              "missing option --" + param.name() + " " + Usage.placeholder(param));
        }
      }
    }
    if (given.size() < positional.size()) {
      Param missing = positional.get(given.size());
      throw new IllegalArgumentException(
          "missing argument " + Usage.placeholder(missing) + " (" + missing.type().wit() + ")");
    }
    if (given.size() > positional.size()) {
      throw new IllegalArgumentException(
          "too many arguments: expected "
              + positional.size()
              + ", got "
              + given.size()
              + " (first extra: "
              + Boundary.shown(given.get(positional.size()))
              + ")");
    }
    Map<Param, String> handles = new HashMap<>();
    for (int i = 0; i < positional.size(); i++) {
      handles.put(positional.get(i), given.get(i));
    }
    return new ProgramArgs(Map.copyOf(handles), Map.copyOf(values), false);
  }

  private static Object value(Param param, String text) {
    String option = "--" + param.name();
    try {
      return switch (param.type()) {
        case BOOL -> {
          if (!text.equals("true") && !text.equals("false")) {
            throw new NumberFormatException();
          }
          yield Boolean.valueOf(text);
        }
        case U32 -> ranged(Long.parseLong(text), 0, 0xFFFF_FFFFL);
        case S32 -> ranged(Long.parseLong(text), Integer.MIN_VALUE, Integer.MAX_VALUE);
        case U64 -> {
          if (text.startsWith("+") || text.startsWith("-")) {
            throw new NumberFormatException();
          }
          yield Long.parseUnsignedLong(text);
        }
        case S64 -> Long.parseLong(text);
        case STRING -> text;
        case INPUT_STREAM, OUTPUT_STREAM, ARRAY ->
            throw new IllegalStateException("handle " + param + " is not an option");
      };
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          option + ": not a " + param.type().wit() + ": " + Boundary.shown(text));
    }
  }

  private static long ranged(long value, long min, long max) {
    if (value < min || value > max) {
      throw new NumberFormatException();
    }
    return value;
  }
}
