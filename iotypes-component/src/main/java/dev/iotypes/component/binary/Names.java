package dev.iotypes.component.binary;

/** The Component Model's name grammar: kebab-case words, and the shapes of import names. */
final class Names {
  private Names() {}

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
