package dev.iotypes.wasm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a parameter's doc comment ({@code ///} lines before it) tells the command line, since WIT
 * itself has no syntax for it: a first line {@code -n: TEXT} or {@code -n, --lines: TEXT} declares
 * the short flag {@code -n}; a line {@code default: VALUE} the value an omitted option takes; a
 * line {@code positional} makes a plain value an argument in its place, as GNU grep's pattern is,
 * not an option; the other lines are the help text. See {@code docs/abi.md}. A core module's {@code
 * iotypes-main} section and a component's {@code package-docs} are read by the same {@link #parse}.
 *
 * @param text the help text, lines joined by spaces; empty when undocumented
 * @param shortName the one-letter flag without its {@code -}, or empty
 * @param defaultValue the default as written, or {@code null} for none
 * @param positional whether a plain value is taken from the positional arguments
 */
public record ParamDoc(String text, String shortName, String defaultValue, boolean positional) {
  /** No doc comment. */
  public static final ParamDoc NONE = new ParamDoc("", "", null);

  /** A doc that leaves the parameter where its kind puts it. */
  public ParamDoc(String text, String shortName, String defaultValue) {
    this(text, shortName, defaultValue, false);
  }

  public ParamDoc {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(shortName, "shortName");
  }

  private static final Pattern FLAGS =
      Pattern.compile("(?:-([A-Za-z0-9])(?:,\\s*--(\\S+))?|--(\\S+))\\s*:\\s*(.*)");
  private static final Pattern DEFAULT = Pattern.compile("default:\\s*(.*)");
  private static final String POSITIONAL = "positional";

  /**
   * What the doc lines of the parameter {@code name} say (each line without its {@code ///}).
   *
   * @throws IllegalArgumentException if the flag line names another parameter, or there are two
   *     defaults
   */
  public static ParamDoc parse(String name, List<String> lines) {
    String shortName = "";
    String defaultValue = null;
    boolean positional = false;
    List<String> text = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      Matcher flags = FLAGS.matcher(line);
      Matcher dflt = DEFAULT.matcher(line);
      if (i == 0 && flags.matches()) {
        String longName = flags.group(2) != null ? flags.group(2) : flags.group(3);
        if (longName != null && !longName.equals(name)) {
          throw new IllegalArgumentException(
              "the doc of " + name + " names --" + longName + ", not --" + name);
        }
        shortName = flags.group(1) == null ? "" : flags.group(1);
        text.add(flags.group(4));
      } else if (dflt.matches()) {
        if (defaultValue != null) {
          throw new IllegalArgumentException(name + " has two defaults");
        }
        defaultValue = dflt.group(1).strip();
      } else if (line.equals(POSITIONAL)) {
        positional = true;
      } else {
        text.add(line);
      }
    }
    return new ParamDoc(join(text), shortName, defaultValue, positional);
  }

  /** Doc lines as help text: each stripped, blank ones dropped, joined by spaces. */
  public static String join(List<String> lines) {
    return String.join(" ", lines.stream().map(String::strip).filter(l -> !l.isEmpty()).toList());
  }

  /** Whether the doc declares a default. */
  public boolean hasDefault() {
    return defaultValue != null;
  }
}
