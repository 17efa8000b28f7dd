package dev.iotypes.cli;

import dev.iotypes.wasm.Param;
import dev.iotypes.wasm.ParamType;
import dev.iotypes.wasm.TypedMain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A program's arguments read against its typed main by picocli, from a command model built from the
 * signature: each plain-value parameter is an option {@code --NAME VALUE} (or {@code --NAME=VALUE},
 * and {@code -X} when its doc declares one; a bool is a flag), anywhere among the arguments; the
 * handle parameters, and plain values documented {@code positional}, take the positional arguments
 * in declaration order, a {@code list} as many as the others leave, an {@code option} one if there
 * is one to spare. {@code --} ends the options; {@code -h} or {@code --help} anywhere asks for the
 * help.
 *
 * @param handles the arguments of each handle parameter, by parameter: one for a plain handle, none
 *     or one for an {@code option}, any number for a {@code list}
 * @param values the value of each plain parameter given: {@link Long}, {@link Double}, {@link
 *     Boolean} or {@link String} (an enum's case); absent ones are left to the call (none, the
 *     default, false)
 * @param help whether the help was asked for
 */
record ProgramArgs(Map<Param, List<String>> handles, Map<Param, Object> values, boolean help) {

  /**
   * Reads {@code args} against {@code main}.
   *
   * @throws IllegalArgumentException with a one-line message: an unknown option (with picocli's
   *     suggestion), a missing or bad value, a wrong number of positional arguments
   */
  static ProgramArgs parse(String module, TypedMain main, List<String> args) {
    if (asksForHelp(args)) {
      return new ProgramArgs(Map.of(), Map.of(), true);
    }
    if (onlyPositionals(main, args)) {
      // What picocli would make of it, without the 0.2 s its classes cost a run: they are Java 5
      // class files, which the launcher's start-up archive cannot hold.
      return dealt(main, args, Map.of());
    }
    return withPicocli(module, main, args);
  }

  /** {@link #parse} by picocli's model of {@code main}, whatever {@code args} hold. */
  static ProgramArgs withPicocli(String module, TypedMain main, List<String> args) {
    CommandSpec spec = spec(module, main);
    CommandLine line = new CommandLine(spec);
    line.setExpandAtFiles(false);
    CommandLine.ParseResult parsed;
    try {
      parsed = line.parseArgs(args.toArray(String[]::new));
    } catch (UnmatchedArgumentException e) {
      List<String> suggestions = e.getSuggestions();
      if (suggestions.isEmpty() && !e.getUnmatched().isEmpty()) {
        suggestions = closest(e.getUnmatched().get(0), spec);
      }
      throw new IllegalArgumentException(
          oneLine(e.getMessage())
              + (suggestions.isEmpty()
                  ? ""
                  : " (did you mean " + String.join(" or ", suggestions) + "?)"),
          e);
    } catch (ParameterException e) {
      throw new IllegalArgumentException(oneLine(e.getMessage()), e);
    }
    Map<Param, Object> values = new HashMap<>();
    for (Param param : main.params()) {
      if (param.isOption() && parsed.hasMatchedOption(option(param))) {
        Object value = parsed.matchedOptionValue(option(param), null);
        values.put(param, value);
      } else if (param.isOption() && Usage.required(param)) {
        // checked here, not by picocli, so that an unknown option is reported first
        throw new IllegalArgumentException(
            "missing option "
                + option(param)
                + " "
                + param.placeholder()
                + " ("
                + param.wit()
                + ")");
      }
    }
    List<String> given = parsed.matchedPositionalValue(0, List.of());
    return dealt(main, given, values);
  }

  /**
   * The arguments with the positional ones dealt: a handle keeps its text for the boundary, a
   * positional plain value is read as an option's would be.
   */
  private static ProgramArgs dealt(TypedMain main, List<String> given, Map<Param, Object> options) {
    Map<Param, List<String>> handles = new HashMap<>(positionals(main, given));
    Map<Param, Object> values = new HashMap<>(options);
    for (Param param : main.params()) {
      if (param.isPositional() && !param.type().isHandle()) {
        for (String text : handles.remove(param)) {
          try {
            values.put(param, param.parse(text));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                "invalid value for " + param.placeholder() + ": " + e.getMessage(), e);
          }
        }
      }
    }
    return new ProgramArgs(Map.copyOf(handles), Map.copyOf(values), false);
  }

  /**
   * Why the command line cannot bind {@code main}, if it cannot: its positional arguments must
   * split one way only, so after a {@code list} may come plain handles, never another list or an
   * {@code option} (the Java API binds such a main all the same).
   */
  static Optional<String> unbindable(TypedMain main) {
    Param list = null;
    for (Param param : main.params()) {
      if (!param.isPositional()) {
        continue;
      }
      if (list != null && param.arity() != Param.Arity.ONE) {
        return Optional.of(
            param + " after " + list + ": the command line cannot tell which arguments are whose");
      }
      if (param.arity() == Param.Arity.LIST) {
        list = param;
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code args} hold no option, nor {@code --}, and {@code main} requires none: then every
   * argument is a positional one, which {@link #positionals} deals out.
   */
  private static boolean onlyPositionals(TypedMain main, List<String> args) {
    for (String arg : args) {
      if (arg.startsWith("-") && !arg.equals("-")) {
        return false;
      }
    }
    for (Param param : main.params()) {
      if (!param.isPositional() && Usage.required(param)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code -h} or {@code --help} stands among the options (before any {@code --}). */
  static boolean asksForHelp(List<String> args) {
    for (String arg : args) {
      if (arg.equals("--")) {
        return false;
      }
      if (arg.equals("-h") || arg.equals("--help")) {
        return true;
      }
    }
    return false;
  }

  /** The command model of {@code main}: its options, help, and one list of positional arguments. */
  static CommandSpec spec(String module, TypedMain main) {
    CommandSpec spec = CommandSpec.create().name(module);
    spec.usageMessage().description(main.doc());
    for (Param param : main.params()) {
      if (!param.isOption()) {
        continue;
      }
      List<String> names = new ArrayList<>();
      if (!param.doc().shortName().isEmpty()) {
        names.add("-" + param.doc().shortName());
      }
      names.add(option(param));
      OptionSpec.Builder option =
          OptionSpec.builder(names.toArray(String[]::new))
              .description(param.doc().text())
              .paramLabel(param.placeholder());
      if (param.type() == ParamType.BOOL) {
        // --x alone is true; an option<bool> also takes --x=false
        option.type(Boolean.class).arity(param.arity() == Param.Arity.ONE ? "0" : "0..1");
      } else {
        option
            .type(Object.class)
            .arity("1")
            .converters(
                text -> {
                  try {
                    return param.parse(text);
                  } catch (IllegalArgumentException e) {
                    throw new TypeConversionException(e.getMessage());
                  }
                });
      }
      spec.addOption(option.build());
    }
    spec.addOption(
        OptionSpec.builder("-h", "--help")
            .usageHelp(true)
            .description("display this help and exit")
            .build());
    spec.addPositional(
        PositionalParamSpec.builder()
            .index("0..*")
            .arity("0..*")
            .type(List.class)
            .auxiliaryTypes(String.class)
            .paramLabel("ARG")
            .build());
    return spec;
  }

  static String option(Param param) {
    return "--" + param.name();
  }

  /**
   * Deals the positional arguments to the positional parameters in order: a plain handle takes one,
   * an {@code option} one if more are left than the plain ones after it need, a {@code list} all
   * that those leave ({@link #unbindable} refuses any other parameter with an arity after a list).
   */
  static Map<Param, List<String>> positionals(TypedMain main, List<String> given) {
    List<Param> positional = main.params().stream().filter(Param::isPositional).toList();
    Map<Param, List<String>> handles = new HashMap<>();
    int at = 0;
    for (int i = 0; i < positional.size(); i++) {
      Param param = positional.get(i);
      int needAfter = 0;
      for (Param later : positional.subList(i + 1, positional.size())) {
        needAfter += later.arity() == Param.Arity.ONE ? 1 : 0;
      }
      int left = given.size() - at;
      int take =
          switch (param.arity()) {
            case ONE -> {
              if (left == 0) {
                throw new IllegalArgumentException(
                    "missing argument " + param.placeholder() + " (" + param.wit() + ")");
              }
              yield 1;
            }
            case OPTIONAL -> left > needAfter ? 1 : 0;
            case LIST -> Math.max(0, left - needAfter);
          };
      handles.put(param, List.copyOf(given.subList(at, at + take)));
      at += take;
    }
    if (at < given.size()) {
      throw new IllegalArgumentException(
          "too many arguments: expected "
              + at
              + ", got "
              + given.size()
              + " (first extra: "
              + Boundary.shown(given.get(at))
              + ")");
    }
    return Map.copyOf(handles);
  }

  /**
   * The options within two edits (a typo, a swap) of {@code arg}: picocli suggests only options
   * that share its first letters, and a slip there ({@code --lnes}) deserves a hint too.
   */
  private static List<String> closest(String arg, CommandSpec spec) {
    String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
    List<String> near = new ArrayList<>();
    for (OptionSpec option : spec.options()) {
      String longest = option.longestName();
      if (distance(name, longest) <= 2) {
        near.add(longest);
      }
    }
    return near;
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      for (int j = 0; j <= b.length(); j++) {
        if (i == 0 || j == 0) {
          d[i][j] = i + j;
          continue;
        }
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private static String oneLine(String message) {
    return message.replaceAll("[\\r\\n]+", " ").strip();
  }
}
