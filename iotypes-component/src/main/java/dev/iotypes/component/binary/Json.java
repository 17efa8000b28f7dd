package dev.iotypes.component.binary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader (RFC 8259) for the little a custom section holds: objects as {@link Map}s,
 * arrays as {@link List}s, strings, numbers as their text, {@link Boolean}s and {@link #NULL}.
 * Anything else, trailing text, or nesting deeper than {@link #MAX_DEPTH} is an {@link
 * IllegalArgumentException}; the reader never recurses deeper than that, so hostile text cannot
 * exhaust the stack.
 */
final class Json {
  /** How deep arrays and objects may nest. */
  static final int MAX_DEPTH = 32;

  /** JSON's {@code null}. */
  static final Object NULL = new Object();

  private final String text;
  private int pos;

  private Json(String text) {
    this.text = text;
  }

  /** The value {@code text} holds. */
  static Object parse(String text) {
    Json json = new Json(text);
    Object value = json.value(0);
    json.space();
    if (json.pos != text.length()) {
      throw json.error("text after the value");
    }
    return value;
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH);
    }
    space();
    if (pos >= text.length()) {
      throw error("a value expected");
    }
    char c = text.charAt(pos);
    return switch (c) {
      case '{' -> object(depth);
      case '[' -> array(depth);
      case '"' -> string();
      case 't' -> word("true", Boolean.TRUE);
      case 'f' -> word("false", Boolean.FALSE);
      case 'n' -> word("null", NULL);
      default -> number();
    };
  }

  private Map<String, Object> object(int depth) {
    pos++;
    Map<String, Object> out = new LinkedHashMap<>();
    space();
    if (at('}')) {
      return out;
    }
    while (true) {
      space();
      if (pos >= text.length() || text.charAt(pos) != '"') {
        throw error("a key expected");
      }
      String key = string();
      space();
      expect(':');
      out.put(key, value(depth + 1));
      space();
      if (at('}')) {
        return out;
      }
      expect(',');
    }
  }

  private List<Object> array(int depth) {
    pos++;
    List<Object> out = new ArrayList<>();
    space();
    if (at(']')) {
      return out;
    }
    while (true) {
      out.add(value(depth + 1));
      space();
      if (at(']')) {
        return out;
      }
      expect(',');
    }
  }

  private String string() {
    pos++;
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw error("control character in a string");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (pos + 4 > text.length()) {
            throw error("short \\u escape");
          }
          int code = 0;
          for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos++), 16);
            if (digit < 0) {
              throw error("bad \\u escape");
            }
            code = code * 16 + digit;
          }
          out.append((char) code);
        }
        default -> throw error("bad escape \\" + e);
      }
    }
  }

  private String number() {
    int start = pos;
    at('-');
    if (at('0')) {
      // no leading zeros
    } else if (!digits()) {
      throw error("a value expected");
    }
    if (at('.') && !digits()) {
      throw error("digits expected after '.'");
    }
    if (at('e') || at('E')) {
      if (!at('+')) {
        at('-');
      }
      if (!digits()) {
        throw error("digits expected in an exponent");
      }
    }
    return text.substring(start, pos);
  }

  private boolean digits() {
    int start = pos;
    while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      pos++;
    }
    return pos > start;
  }

  private Object word(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw error("a value expected");
    }
    pos += word.length();
    return value;
  }

  private void space() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private boolean at(char c) {
    if (pos < text.length() && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!at(c)) {
      throw error("'" + c + "' expected");
    }
  }

  private IllegalArgumentException error(String message) {
    return new IllegalArgumentException(message + " at character " + pos);
  }
}
