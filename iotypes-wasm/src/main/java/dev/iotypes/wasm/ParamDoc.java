package dev.iotypes.wasm;

import java.util.Objects;

/**
 * What a parameter's doc comment ({@code ///} lines before it) tells the command line, since WIT
 * itself has no syntax for it: a first line {@code -n: TEXT} or {@code -n, --lines: TEXT} declares
 * the short flag {@code -n}; a line {@code default: VALUE} the value an omitted option takes; a
 * line {@code positional} makes a plain value an argument in its place, as GNU grep's pattern is,
 * not an option; the other lines are the help text. See {@code docs/abi.md}.
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

  /** Whether the doc declares a default. */
  public boolean hasDefault() {
    return defaultValue != null;
  }
}
