package dev.iotypes.wasm;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokens of the little WIT an {@code iotypes-main} section holds: identifiers, the punctuation
 * {@code : , ( ) < > { } ->}, and doc comments ({@code ///}, kept, since they become help text).
 * Plain {@code //} comments and whitespace are dropped; each token keeps its line for errors.
 */
final class WitTokens {
  /** A token; {@code kind} is {@code id}, {@code doc}, the punctuation itself, or {@code end}. */
  record Token(String kind, String text, int line) {
    @Override
    public String toString() {
      return kind.equals("end")
          ? "the end"
          : kind.equals("doc") ? "a doc comment" : "'" + text + "'";
    }
  }

  private final List<Token> tokens;
  private int next;

  WitTokens(String source) {
    this.tokens = lex(source);
  }

  Token peek() {
    return tokens.get(next);
  }

  Token take() {
    Token token = tokens.get(next);
    if (next < tokens.size() - 1) {
      next++;
    }
    return token;
  }

  boolean at(String kind) {
    return peek().kind().equals(kind);
  }

  /** Takes a token of {@code kind}, or fails saying what was {@code expected} there. */
  Token expect(String kind, String expected) {
    Token token = take();
    if (!token.kind().equals(kind)) {
      throw error(token, "expected " + expected + ", found " + token);
    }
    return token;
  }

  /** Takes the doc comments here, one string per line. */
  List<String> docs() {
    List<String> lines = new ArrayList<>();
    while (at("doc")) {
      lines.add(take().text());
    }
    return lines;
  }

  static IllegalArgumentException error(Token at, String message) {
    return new IllegalArgumentException("line " + at.line() + ": " + message);
  }

  private static List<Token> lex(String source) {
    List<Token> out = new ArrayList<>();
    int line = 1;
    int i = 0;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (c == '\n') {
        line++;
        i++;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (source.startsWith("//", i)) {
        int end = source.indexOf('\n', i);
        end = end < 0 ? source.length() : end;
        if (source.startsWith("///", i) && !source.startsWith("////", i)) {
          String text = source.substring(i + 3, end);
          out.add(
              new Token(
                  "doc",
                  text.startsWith(" ") ? text.substring(1).stripTrailing() : text.strip(),
                  line));
        }
        i = end;
      } else if (source.startsWith("->", i)) {
        out.add(new Token("->", "->", line));
        i += 2;
      } else if (":,()<>{}".indexOf(c) >= 0) {
        out.add(new Token(String.valueOf(c), String.valueOf(c), line));
        i++;
      } else if (c == '%' || isIdChar(c)) {
        int start = i++;
        while (i < source.length() && isIdChar(source.charAt(i))) {
          i++;
        }
        out.add(new Token("id", source.substring(start, i), line));
      } else {
        throw new IllegalArgumentException("line " + line + ": unexpected character '" + c + "'");
      }
    }
    out.add(new Token("end", "", line));
    return out;
  }

  private static boolean isIdChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  }
}
