package dev.iotypes.component.link;

/**
 * Interface names with versions, matched as wasmtime matches them: {@code wasi:io/streams@0.2.12}
 * and {@code wasi:io/streams@0.2.0} are the same interface, since 0.2.x versions only add; a major
 * version (or, below 1.0, a minor one) that differs is another interface.
 */
public final class Versions {
  private Versions() {}

  static String unversioned(String name) {
    int at = name.indexOf('@');
    return at < 0 ? name : name.substring(0, at);
  }

  /** The part of the version that must agree: {@code 1} of 1.4.2, {@code 0.2} of 0.2.12. */
  static String track(String name) {
    int at = name.indexOf('@');
    if (at < 0) {
      return "";
    }
    String[] parts = name.substring(at + 1).split("[.+-]");
    if (parts.length == 0) {
      return "";
    }
    if (!parts[0].equals("0") || parts.length < 2) {
      return parts[0];
    }
    if (!parts[1].equals("0") || parts.length < 3) {
      return "0." + parts[1];
    }
    return "0.0." + parts[2];
  }

  public static boolean compatible(String a, String b) {
    return unversioned(a).equals(unversioned(b)) && track(a).equals(track(b));
  }
}
