package dev.iotypes.cli;

import dev.iotypes.wasm.Param;
import dev.iotypes.wasm.ParamType;
import dev.iotypes.wasm.TypedMain;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The help of a guest, generated from its typed main as a GNU tool's reads: a usage line, the
 * function's doc comment, one line per option and per argument with its doc, then what each kind of
 * argument may be. What {@code MODULE --help} prints.
 */
final class Usage {
  private static final int WIDTH = 80;
  private static final int COLUMN = 24;

  private Usage() {}

  /** {@code Usage: wc.wasm [OPTION]... [INPUTS]... OUTPUT}: required options, then arguments. */
  static String line(String module, TypedMain main) {
    StringBuilder text = new StringBuilder("Usage: ").append(module);
    boolean optional = false;
    for (Param param : main.params()) {
      if (param.isOption()) {
        if (required(param)) {
          text.append(' ')
              .append(ProgramArgs.option(param))
              .append(' ')
              .append(param.placeholder());
        } else {
          optional = true;
        }
      }
    }
    if (optional) {
      text.append(" [OPTION]...");
    }
    for (Param param : main.params()) {
      if (param.isPositional()) {
        text.append(' ')
            .append(
                switch (param.arity()) {
                  case ONE -> param.placeholder();
                  case OPTIONAL -> "[" + param.placeholder() + "]";
                  case LIST -> "[" + param.placeholder() + "]...";
                });
      }
    }
    return text.toString();
  }

  /** GNU's hint after a usage error. */
  static String tryHelp(String module) {
    return "Try 'iotypes run " + module + " --help' for more information.";
  }

  /** The whole help. */
  static String full(String module, TypedMain main) {
    StringBuilder text = new StringBuilder(line(module, main)).append('\n');
    if (!main.doc().isEmpty()) {
      wrap(text, "", main.doc());
    }
    text.append('\n');
    for (Param param : main.params()) {
      if (param.isOption()) {
        entry(text, optionLabel(param), optionHelp(param));
      }
    }
    entry(text, "  -h, --help", "display this help and exit");
    List<Param> positional = main.params().stream().filter(Param::isPositional).toList();
    if (!positional.isEmpty()) {
      text.append('\n');
      Set<ParamType> kinds = new LinkedHashSet<>();
      for (Param param : positional) {
        String label =
            "  " + param.placeholder() + (param.arity() == Param.Arity.LIST ? "..." : "");
        if (!param.type().isHandle()) {
          entry(
              text,
              label,
              valueHelp(param, param.arity() == Param.Arity.ONE ? "" : "(may be omitted)"));
          continue;
        }
        String help = param.doc().text().isEmpty() ? "" : param.doc().text() + " ";
        help +=
            "(" + param.wit() + (param.arity() == Param.Arity.ONE ? "" : ", may be omitted") + ")";
        entry(text, label, help);
        kinds.add(param.type());
      }
      text.append('\n');
      for (ParamType kind : kinds) {
        wrap(text, "", "An " + kind.wit() + " argument is " + accepts(kind) + ".");
      }
    }
    text.append("\nTyped main: ").append(main).append('\n');
    return text.toString();
  }

  static boolean required(Param param) {
    return param.arity() == Param.Arity.ONE
        && param.type() != ParamType.BOOL
        && !param.doc().hasDefault();
  }

  private static String optionLabel(Param param) {
    String flag = param.doc().shortName().isEmpty() ? "    " : "-" + param.doc().shortName() + ", ";
    String value = param.type() == ParamType.BOOL ? "" : "=" + param.placeholder();
    return "  " + flag + ProgramArgs.option(param) + value;
  }

  private static String optionHelp(Param param) {
    return valueHelp(
        param,
        param.doc().hasDefault()
            ? "(default: " + param.doc().defaultValue() + ")"
            : required(param) ? "(required)" : "");
  }

  /** A plain value's doc, then what it may be, then {@code note} if any. */
  private static String valueHelp(Param param, String note) {
    List<String> parts = new ArrayList<>();
    if (!param.doc().text().isEmpty()) {
      parts.add(param.doc().text());
    }
    if (param.type() == ParamType.ENUM) {
      parts.add(param.placeholder() + " is one of: " + String.join(", ", param.cases()));
    } else if (param.type().isInteger()) {
      parts.add(param.placeholder() + " is an integer from " + param.type().range());
    } else if (param.type() == ParamType.F64) {
      parts.add(param.placeholder() + " is a decimal number");
    }
    if (!note.isEmpty()) {
      parts.add(note);
    }
    return String.join("; ", parts).replace("; (", " (");
  }

  /** {@code label}, then {@code help} from column 24 (or the next line), wrapped at 80. */
  private static void entry(StringBuilder text, String label, String help) {
    if (label.length() + 2 > COLUMN) {
      text.append(label).append('\n');
      wrap(text, " ".repeat(COLUMN), help);
    } else {
      StringBuilder first = new StringBuilder(label);
      first.append(" ".repeat(COLUMN - label.length()));
      wrapFrom(text, first, " ".repeat(COLUMN), help);
    }
  }

  private static void wrap(StringBuilder text, String indent, String words) {
    wrapFrom(text, new StringBuilder(indent), indent, words);
  }

  private static void wrapFrom(
      StringBuilder text, StringBuilder line, String indent, String words) {
    int start = line.length();
    for (String word : words.split(" +")) {
      if (word.isEmpty()) {
        continue;
      }
      if (line.length() > start && line.length() + 1 + word.length() > WIDTH) {
        text.append(line.toString().stripTrailing()).append('\n');
        line = new StringBuilder(indent);
        start = line.length();
      }
      if (line.length() > start) {
        line.append(' ');
      }
      line.append(word);
    }
    text.append(line.toString().stripTrailing()).append('\n');
  }

  private static String accepts(ParamType type) {
    return switch (type) {
      case INPUT_STREAM ->
          "a path, - (stdin), a file:, http:, https: or data: URL, NAME.gz (decompressed),"
              + " $(command) (its stdout), or [MODULE.wasm ARGS...] (a guest that provides it)";
      case OUTPUT_STREAM ->
          "a path (created or replaced when main succeeds), - (stdout), NAME.gz (compressed),"
              + " $(command) (its stdin), or [MODULE.wasm ARGS...] (a guest that provides it)";
      case INPUT_DIRECTORY -> "a folder, or a .zip, .tar, .tar.gz or .tgz file, read-only";
      case OUTPUT_DIRECTORY ->
          "a folder (made if missing), or a .zip, .tar, .tar.gz or .tgz file (created or"
              + " replaced when main succeeds), where the program creates new files";
      default ->
          "a path, read-only unless named by --writable or --create before the module, any"
              + " input form above, read to its end first (read-only), or [MODULE.wasm ARGS...]"
              + " (a guest that provides it)";
    };
  }
}
