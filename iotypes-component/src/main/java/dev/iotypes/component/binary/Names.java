package dev.iotypes.component.binary;

/** The Component Model's name grammar: kebab-case words, and the shapes of import names. */
public final class Names {
  private Names() {}

  /**
   * {@code message} as one line that is safe on a terminal: the names in it come from the binary,
   * and a control character (a newline, an escape sequence) is shown as {@code \\uXXXX}.
   */
  public static String printable(String message) {
    StringBuilder out = new StringBuilder(message.length());
    message
        .codePoints()
        .forEach(
            c -> {
              if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }

  /** {@code word ('-' word)*}, each word lowercase or uppercase letters then digits, as in WIT. */
  static boolean isKebab(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (String word : s.split("-", -1)) {
      if (word.isEmpty() || !Character.isLetter(word.charAt(0))) {
        return false;
      }
      boolean lower = false;
      boolean upper = false;
      for (int i = 0; i < word.length(); i++) {
        char c = word.charAt(i);
        if (c >= 'a' && c <= 'z') {
          lower = true;
        } else if (c >= 'A' && c <= 'Z') {
          upper = true;
        } else if (!(c >= '0' && c <= '9')) {
          return false;
        }
      }
      if (lower && upper) {
        return false;
      }
    }
    return true;
  }
}
