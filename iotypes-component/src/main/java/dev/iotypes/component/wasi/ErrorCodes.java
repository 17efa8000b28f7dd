package dev.iotypes.component.wasi;

import java.util.List;
import java.util.Map;

/**
 * The one place a preview1 errno (as the filesystem layer below names it) becomes a {@code
 * wasi:filesystem} {@code error-code}, the enum's case index.
 */
final class ErrorCodes {
  /** The cases of {@code error-code}, in the WIT's order. */
  static final List<String> CASES =
      List.of(
          "access",
          "would-block",
          "already",
          "bad-descriptor",
          "busy",
          "deadlock",
          "quota",
          "exist",
          "file-too-large",
          "illegal-byte-sequence",
          "in-progress",
          "interrupted",
          "invalid",
          "io",
          "is-directory",
          "loop",
          "too-many-links",
          "message-size",
          "name-too-long",
          "no-device",
          "no-entry",
          "no-lock",
          "insufficient-memory",
          "insufficient-space",
          "not-directory",
          "not-empty",
          "not-recoverable",
          "unsupported",
          "no-tty",
          "no-such-device",
          "overflow",
          "not-permitted",
          "pipe",
          "read-only",
          "invalid-seek",
          "text-file-busy",
          "cross-device");

  private static final Map<String, String> FROM_ERRNO =
      Map.ofEntries(
          Map.entry("acces", "access"),
          Map.entry("again", "would-block"),
          Map.entry("already", "already"),
          Map.entry("badf", "bad-descriptor"),
          Map.entry("busy", "busy"),
          Map.entry("deadlk", "deadlock"),
          Map.entry("dquot", "quota"),
          Map.entry("exist", "exist"),
          Map.entry("fbig", "file-too-large"),
          Map.entry("ilseq", "illegal-byte-sequence"),
          Map.entry("inprogress", "in-progress"),
          Map.entry("intr", "interrupted"),
          Map.entry("inval", "invalid"),
          Map.entry("io", "io"),
          Map.entry("isdir", "is-directory"),
          Map.entry("loop", "loop"),
          Map.entry("mlink", "too-many-links"),
          Map.entry("msgsize", "message-size"),
          Map.entry("nametoolong", "name-too-long"),
          Map.entry("nodev", "no-device"),
          Map.entry("noent", "no-entry"),
          Map.entry("nolck", "no-lock"),
          Map.entry("nomem", "insufficient-memory"),
          Map.entry("nospc", "insufficient-space"),
          Map.entry("notdir", "not-directory"),
          Map.entry("notempty", "not-empty"),
          Map.entry("notrecoverable", "not-recoverable"),
          Map.entry("notsup", "unsupported"),
          Map.entry("nosys", "unsupported"),
          Map.entry("notty", "no-tty"),
          Map.entry("nxio", "no-such-device"),
          Map.entry("overflow", "overflow"),
          Map.entry("perm", "not-permitted"),
          Map.entry("notcapable", "not-permitted"),
          Map.entry("pipe", "pipe"),
          Map.entry("rofs", "read-only"),
          Map.entry("spipe", "invalid-seek"),
          Map.entry("txtbsy", "text-file-busy"),
          Map.entry("xdev", "cross-device"));

  private ErrorCodes() {}

  /** The {@code error-code} case for {@code errno}; {@code io} for one with no counterpart. */
  static int of(String errno) {
    return CASES.indexOf(FROM_ERRNO.getOrDefault(errno, "io"));
  }
}
