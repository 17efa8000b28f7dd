package dev.iotypes.wasm;

import java.io.ByteArrayOutputStream;

/**
 * Module binaries written byte by byte, for sizes no WAT text should spell out: a module of many
 * empty functions costs a few bytes per function to emit and seconds to parse.
 */
final class Binaries {
  private Binaries() {}

  /** A module of {@code count} functions {@code () -> ()}, each an empty body. */
  static byte[] emptyFunctions(int count) {
    ByteArrayOutputStream module = header();
    section(module, 1, new byte[] {1, 0x60, 0, 0}); // one type: () -> ()
    ByteArrayOutputStream functions = new ByteArrayOutputStream();
    leb(functions, count);
    for (int i = 0; i < count; i++) {
      functions.write(0); // type 0
    }
    section(module, 3, functions.toByteArray());
    ByteArrayOutputStream code = new ByteArrayOutputStream();
    leb(code, count);
    for (int i = 0; i < count; i++) {
      code.write(2); // body size
      code.write(0); // no locals
      code.write(0x0b); // end
    }
    section(module, 10, code.toByteArray());
    return module.toByteArray();
  }

  static ByteArrayOutputStream header() {
    ByteArrayOutputStream module = new ByteArrayOutputStream();
    module.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    return module;
  }

  static void section(ByteArrayOutputStream module, int id, byte[] payload) {
    module.write(id);
    leb(module, payload.length);
    module.writeBytes(payload);
  }

  static void leb(ByteArrayOutputStream out, long value) {
    do {
      int b = (int) (value & 0x7f);
      value >>>= 7;
      out.write(value == 0 ? b : b | 0x80);
    } while (value != 0);
  }
}
