package dev.iotypes.wasm;

import java.util.Objects;

/**
 * What a parameter's doc comment ({@code ///} lines before it) tells the command line, since WIT
 * itself has no syntax for it: a first line {@code -n: TEXT} or {@code -n, --lines: TEXT} declares
 * the short flag {@code -n}; a line {@code default: VALUE} the value an omitted option takes; the
 * other lines are the help text. See {@code docs/abi.md}.
 *
 * @param text the help text, lines joined by spaces; empty when undocumented
 * @param shortName the one-letter flag without its {@code -}, or empty
 * @param defaultValue the default as written, or {@code null} for none
 */
public record ParamDoc(String text, String shortName, String defaultValue) {
  /** No doc comment. */
  public static final ParamDoc NONE = new ParamDoc("", "", null);

  public ParamDoc {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(shortName, "shortName");
  }

  /** Whether the doc declares a default. */
  public boolean hasDefault() {
    return defaultValue != null;
  }
}
