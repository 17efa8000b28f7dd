package dev.iotypes.wasm.runtime;

import dev.iotypes.wasm.LimitExceeded;

/**
 * The most a module may declare, checked from its section headers before Chicory parses it: parsing
 * and compiling cost time and heap in proportion to what a module declares, not to what it does, so
 * a 6 MB module of a million empty functions took Chicory 96 s and 2 GB to load. Counting costs a
 * pass over the section headers and the function bodies' sizes (LEB128 reads, no allocation).
 *
 * <p>The limits are those browsers enforce (the JS API's implementation limits) where real
 * toolchains already live within them, and lower where parsing is the cost: a module of 100 000
 * functions loads in seconds; Yosys, a 30 MB module of about 30 000 functions, fits every limit
 * with room to spare. A module that is merely malformed passes this scan and is refused by the
 * parser, with the parser's message.
 */
public final class ModuleSizeLimits {
  private ModuleSizeLimits() {}

  /** The whole module, in bytes. */
  public static final long MODULE_BYTES = 256L << 20;

  /** Function types (the JS API allows a million; a program uses hundreds). */
  public static final int TYPES = 100_000;

  /** Imports of every kind. */
  public static final int IMPORTS = 100_000;

  /** Functions defined by the module: the cost of loading grows with each. */
  public static final int FUNCTIONS = 100_000;

  /** Globals defined by the module. */
  public static final int GLOBALS = 100_000;

  /** Exports. */
  public static final int EXPORTS = 100_000;

  /** Element segments. */
  public static final int ELEMENT_SEGMENTS = 100_000;

  /** Data segments. */
  public static final int DATA_SEGMENTS = 100_000;

  /** The data section, in bytes: what initializes memory, copied at every instantiation. */
  public static final long DATA_BYTES = 128L << 20;

  /** The code section, in bytes: every function body together. */
  public static final long CODE_BYTES = 128L << 20;

  /** One function body, in bytes (the JS API's limit). */
  public static final int FUNCTION_BODY_BYTES = 7_654_321;

  /** Locals of one function, parameters excluded (the JS API's limit). */
  public static final int LOCALS = 50_000;

  /**
   * Refuses {@code module} if it declares more than a limit allows; returns quietly if not, or if
   * its headers are malformed (the parser says how).
   */
  public static void check(String name, byte[] module) throws LimitExceeded {
    checkLength(name, module.length);
    Reader in = new Reader(module, 8);
    while (in.more()) {
      int id = in.u8();
      long size = in.leb();
      if (size < 0 || size > in.remaining()) {
        return;
      }
      int payload = in.at;
      Reader section = new Reader(module, payload, (int) size);
      switch (id) {
        case 1 -> count(name, section, "types", TYPES);
        case 2 -> count(name, section, "imports", IMPORTS);
        case 3 -> count(name, section, "functions", FUNCTIONS);
        case 6 -> count(name, section, "globals", GLOBALS);
        case 7 -> count(name, section, "exports", EXPORTS);
        case 9 -> count(name, section, "element segments", ELEMENT_SEGMENTS);
        case 10 -> code(name, section, size);
        case 11 -> {
          if (size > DATA_BYTES) {
            throw refused(name + " declares " + size + " bytes of data", DATA_BYTES);
          }
          count(name, section, "data segments", DATA_SEGMENTS);
        }
        default -> {}
      }
      in.at = payload + (int) size;
    }
  }

  /** Refuses a module of {@code length} bytes past {@link #MODULE_BYTES}, before it is read. */
  public static void checkLength(String name, long length) throws LimitExceeded {
    if (length > MODULE_BYTES) {
      throw refused(name + " is " + length + " bytes", MODULE_BYTES);
    }
  }

  private static long count(String name, Reader section, String what, long limit)
      throws LimitExceeded {
    long count = section.leb();
    if (count > limit) {
      throw refused(name + " declares " + count + " " + what, limit);
    }
    return count;
  }

  /** The bodies' count, each body's size and each body's locals. */
  private static void code(String name, Reader section, long size) throws LimitExceeded {
    if (size > CODE_BYTES) {
      throw refused(name + " declares " + size + " bytes of code", CODE_BYTES);
    }
    long bodies = count(name, section, "functions", FUNCTIONS);
    for (long i = 0; i < bodies && section.more(); i++) {
      long body = section.leb();
      if (body < 0 || body > section.remaining()) {
        return;
      }
      if (body > FUNCTION_BODY_BYTES) {
        throw refused(
            name + " declares a function body of " + body + " bytes", FUNCTION_BODY_BYTES);
      }
      int next = section.at + (int) body;
      Reader locals = new Reader(section.bytes, section.at, (int) body);
      long groups = locals.leb();
      long declared = 0;
      for (long g = 0; g < groups && locals.more() && declared <= LOCALS; g++) {
        long n = locals.leb();
        if (n < 0) {
          break;
        }
        declared += n;
        locals.u8(); // the type
      }
      if (declared > LOCALS) {
        throw refused(name + " declares a function of " + declared + " locals", LOCALS);
      }
      section.at = next;
    }
  }

  private static LimitExceeded refused(String what, long limit) {
    return new LimitExceeded(
        LimitExceeded.Limit.SIZE, what + ", more than the limit of " + limit, null);
  }

  /** LEB128 and bytes from a window of the module; past its end, reads give -1. */
  private static final class Reader {
    final byte[] bytes;
    final int end;
    int at;

    Reader(byte[] bytes, int at) {
      this(bytes, at, bytes.length - at);
    }

    Reader(byte[] bytes, int at, int length) {
      this.bytes = bytes;
      this.at = at;
      this.end = at + length;
    }

    boolean more() {
      return at < end;
    }

    long remaining() {
      return end - at;
    }

    int u8() {
      return at < end ? bytes[at++] & 0xff : -1;
    }

    /** An unsigned LEB128 of at most 5 bytes (a u32), or -1 if malformed. */
    long leb() {
      long value = 0;
      for (int shift = 0; shift < 35; shift += 7) {
        int b = u8();
        if (b < 0) {
          return -1;
        }
        value |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      return -1;
    }
  }
}
