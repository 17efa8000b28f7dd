package dev.iotypes.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The words inside a composition's brackets, split as a POSIX shell splits a command line, since
 * the user writes them as one: blanks separate words, {@code 'single'} quotes keep everything,
 * {@code "double"} quotes keep all but the escapes {@code \"}, {@code \\}, {@code \$} and {@code
 * \`}, and a backslash outside quotes escapes the next character. Two forms stay one word as
 * written, for the binding below to read: {@code $(command)}, and a word starting with {@code [},
 * up to its matching {@code ]}, which is a composition of its own (so compositions nest). Quotes
 * inside either are skipped when matching, and kept.
 */
final class Words {
  private Words() {}

  /**
   * The words of {@code text}.
   *
   * @throws IllegalArgumentException for an unterminated quote, bracket or parenthesis, or a
   *     trailing backslash, with a message saying which
   */
  static List<String> split(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n') {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
        i++;
        continue;
      }
      if (word == null && c == '[') {
        int end = closing(text, i, '[', ']');
        words.add(text.substring(i, end + 1));
        i = end + 1;
        if (i < n && !Character.isWhitespace(text.charAt(i))) {
          throw new IllegalArgumentException("a blank must follow the ']' of a nested composition");
        }
        continue;
      }
      if (word == null) {
        word = new StringBuilder();
      }
      if (c == '\'') {
        int end = text.indexOf('\'', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated ' quote");
        }
        word.append(text, i + 1, end);
        i = end + 1;
      } else if (c == '"') {
        i = doubleQuoted(text, i, word);
      } else if (c == '\\') {
        if (i + 1 >= n) {
          throw new IllegalArgumentException("a \\ at the end escapes nothing");
        }
        word.append(text.charAt(i + 1));
        i += 2;
      } else if (c == '$' && i + 1 < n && text.charAt(i + 1) == '(') {
        int end = closing(text, i + 1, '(', ')');
        word.append(text, i, end + 1);
        i = end + 1;
      } else {
        word.append(c);
        i++;
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }

  /**
   * Appends the text of the double quote at {@code start} to {@code word}; returns what follows.
   */
  private static int doubleQuoted(String text, int start, StringBuilder word) {
    int i = start + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\' && i + 1 < text.length() && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) {
        word.append(text.charAt(i + 1));
        i += 2;
      } else {
        word.append(c);
        i++;
      }
    }
    throw new IllegalArgumentException("unterminated \" quote");
  }

  /** The index of the {@code close} matching the {@code open} at {@code start}, quotes skipped. */
  private static int closing(String text, int start, char open, char close) {
    int depth = 0;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '\'') {
        i = text.indexOf('\'', i + 1);
        if (i < 0) {
          break;
        }
      } else if (c == '"') {
        for (i++; i < text.length() && text.charAt(i) != '"'; i++) {
          if (text.charAt(i) == '\\') {
            i++;
          }
        }
      } else if (c == open) {
        depth++;
      } else if (c == close && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unterminated '" + open + "' (no matching '" + close + "')");
  }
}
