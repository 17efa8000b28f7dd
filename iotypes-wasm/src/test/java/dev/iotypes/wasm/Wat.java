package dev.iotypes.wasm;

import com.dylibso.chicory.wabt.Wat2Wasm;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Hand-written guests for tests: WAT text plus the typed-main section wabt cannot emit. */
final class Wat {
  private Wat() {}

  /** Compiles {@code wat} and appends an {@code iotypes-main} section declaring {@code main}. */
  static byte[] module(String main, String wat) {
    return withSection(Wat2Wasm.parse(wat), TypedMain.SECTION, main);
  }

  static Guest guest(String main, String wat) throws GuestException {
    return Guest.load(module(main, wat), "test.wasm", GuestOptions.DEFAULTS);
  }

  /** Appends a name section naming function {@code index}, as compilers emit for debugging. */
  static byte[] withFunctionName(byte[] module, int index, String name) {
    byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream map = new ByteArrayOutputStream();
    leb(map, 1); // one entry
    leb(map, index);
    leb(map, utf8.length);
    map.writeBytes(utf8);
    ByteArrayOutputStream sub = new ByteArrayOutputStream();
    sub.write(1); // subsection: function names
    leb(sub, map.size());
    sub.writeBytes(map.toByteArray());
    return withSection(module, "name", sub.toByteArray());
  }

  static byte[] withSection(byte[] module, String name, String payload) {
    return withSection(module, name, payload.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] withSection(byte[] module, String name, byte[] payloadBytes) {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    leb(body, nameBytes.length);
    body.writeBytes(nameBytes);
    body.writeBytes(payloadBytes);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(module);
    out.write(0);
    leb(out, body.size());
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  private static void leb(ByteArrayOutputStream out, int value) {
    do {
      int b = value & 0x7f;
      value >>>= 7;
      out.write(value != 0 ? b | 0x80 : b);
    } while (value != 0);
  }
}
