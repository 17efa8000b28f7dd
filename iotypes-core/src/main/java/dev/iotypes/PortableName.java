package dev.iotypes;

import java.util.ArrayList;
import java.util.List;

/**
 * The rule every {@link DirectoryEntry} name obeys, whatever the backend: what makes a name safe to
 * hand to a program that may one day write it beneath another directory, on another platform.
 *
 * <p>A portable name is non-empty UTF-8, relative, its segments separated by single {@code /}, none
 * of them empty, {@code .} or {@code ..}, and it holds no backslash (a separator elsewhere), no NUL
 * and no control character. Nothing else is forbidden: no platform's reserved names, case rules or
 * lengths.
 *
 * <p>Archives are read the same way with two allowances for what archivers really write: a {@code
 * .} segment is dropped ({@code tar -C dir .} writes {@code ./a}), and the entry for the root
 * itself ({@code ./}) is skipped. Any other name breaking the rule ({@code ../x}, {@code /abs},
 * {@code a/../../b}, {@code a\b}, a NUL) refuses the whole archive: a tool that silently skipped
 * {@code ../evil} would report a tree that is not the one the user has.
 */
public final class PortableName {
  private PortableName() {}

  /**
   * {@code name} if it is portable.
   *
   * @throws IllegalArgumentException naming the rule it breaks and the name
   */
  public static String check(String name) {
    String reason = problem(name);
    if (reason != null) {
      throw new IllegalArgumentException("not a portable name (" + reason + "): " + quote(name));
    }
    return name;
  }

  /** Whether {@code name} is portable. */
  public static boolean isPortable(String name) {
    return problem(name) == null;
  }

  /**
   * An archive entry's name made portable: a trailing {@code /} (a directory's) and {@code .}
   * segments dropped. Empty when it names the root itself.
   *
   * @throws IllegalArgumentException if what is left is not portable
   */
  static String ofArchive(String raw) {
    String name = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
    if (name.startsWith("/") || name.isEmpty() && raw.startsWith("/")) {
      throw new IllegalArgumentException("not a portable name (absolute): " + quote(raw));
    }
    List<String> kept = new ArrayList<>();
    for (String segment : name.split("/", -1)) {
      if (!segment.equals(".")) {
        kept.add(segment);
      }
    }
    String joined = String.join("/", kept);
    if (joined.isEmpty() && !name.isEmpty() && !name.contains("//")) {
      return ""; // "." or "./": the root
    }
    try {
      return check(joined);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not a portable name (" + problem(joined) + "): " + quote(raw));
    }
  }

  private static String problem(String name) {
    if (name.isEmpty()) {
      return "empty";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == 0) {
        return "NUL";
      }
      if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0) {
        return "control character";
      }
      if (c == '\\') {
        return "backslash";
      }
      if (Character.isSurrogate(c)
          && !(Character.isHighSurrogate(c)
              && i + 1 < name.length()
              && Character.isLowSurrogate(name.charAt(++i)))) {
        return "not UTF-8";
      }
    }
    if (name.startsWith("/")) {
      return "absolute";
    }
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty()) {
        return "empty segment";
      }
      if (segment.equals(".") || segment.equals("..")) {
        return segment + " segment";
      }
    }
    return null;
  }

  /** The name as Java would write it in source, so that a NUL or newline shows. */
  static String quote(String name) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : name.toCharArray()) {
      if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
