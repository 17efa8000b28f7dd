package dev.iotypes.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The example guests under {@code guests/wasm}, and tiny hand-assembled modules for the cases the
 * examples do not reach (a trap, a WASI command, no typed main).
 */
final class TestModules {
  /** Every example tool: a test that needs one fails, never skips, if it is missing. */
  static final List<String> GUESTS =
      List.of(
          "cat",
          "wc",
          "sha256sum",
          "head",
          "upper",
          "tee",
          "tac",
          "utf8check",
          "hello",
          "media-types",
          "timeout",
          "stamp",
          "gunzip",
          "upper-provider",
          "upper-sink",
          "trap-provider",
          "sha256deep",
          "du",
          "unpack",
          "merge");

  /** The repository root: tests run in the module directory, one level below it. */
  static final Path ROOT = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();

  private TestModules() {}

  /** {@code guests/wasm/NAME.wasm}, which must exist. */
  static Path guest(String name) {
    Path path = ROOT.resolve("guests/wasm/" + name + ".wasm");
    if (!Files.isRegularFile(path)) {
      throw new AssertionError("missing example guest " + path + "; run guests/build.sh");
    }
    return path;
  }

  /**
   * A module whose typed main {@code main: func() -> result} traps in a function that its name
   * section calls {@code explode}.
   */
  static byte[] trapping() {
    return module(
        section(1, bytes(1, 0x60, 0, 1, 0x7f)), // type 0: () -> (i32)
        section(3, bytes(1, 0)), // function 0: type 0
        section(7, concat(bytes(1), name("main"), bytes(0, 0))), // export main = func 0
        section(10, bytes(1, 3, 0, 0x00, 0x0b)), // body: unreachable, end
        custom("iotypes-main", "main: func() -> result\n".getBytes(StandardCharsets.UTF_8)),
        custom("name", concat(bytes(1), sized(concat(bytes(1, 0), name("explode"))))));
  }

  /**
   * A module whose typed main {@code main: func(output: output-stream) -> result} writes {@code
   * "partial\n"} to its output, then traps in {@code explode}.
   */
  static byte[] writesThenTraps() {
    return module(
        section(
            1,
            bytes(
                2, //
                0x60, 3, 0x7f, 0x7f, 0x7f, 2, 0x7f, 0x7f, // type 0: output-write
                0x60, 1, 0x7f, 1, 0x7f)), // type 1: (i32) -> (i32)
        section(2, concat(bytes(1), name("iotypes"), name("output-write"), bytes(0, 0))),
        section(3, bytes(1, 1)), // function 1: type 1
        section(5, bytes(1, 0, 1)), // memory 0: one page
        section(7, concat(bytes(1), name("main"), bytes(0, 1))),
        section(
            10,
            bytes(
                1, 13, 0, // one body of 13 bytes, no locals
                0x20, 0, 0x41, 0, 0x41, 8, 0x10, 0, // output-write(output, 0, 8)
                0x1a, 0x1a, 0x00, 0x0b)), // drop, drop, unreachable, end
        section(11, concat(bytes(1, 0, 0x41, 0, 0x0b), name("partial\n"))),
        custom(
            "iotypes-main",
            "main: func(output: output-stream) -> result".getBytes(StandardCharsets.UTF_8)),
        custom("name", concat(bytes(1), sized(concat(bytes(1, 1), name("explode"))))));
  }

  /**
   * A module whose typed main {@code main: func(output: output-stream) -> result} writes {@code
   * "partial\n"} to its output, then loops forever.
   */
  static byte[] writesThenLoops() {
    return module(
        section(
            1,
            bytes(
                2, //
                0x60, 3, 0x7f, 0x7f, 0x7f, 2, 0x7f, 0x7f, // type 0: output-write
                0x60, 1, 0x7f, 1, 0x7f)), // type 1: (i32) -> (i32)
        section(2, concat(bytes(1), name("iotypes"), name("output-write"), bytes(0, 0))),
        section(3, bytes(1, 1)),
        section(5, bytes(1, 0, 1)),
        section(7, concat(bytes(1), name("main"), bytes(0, 1))),
        section(
            10,
            bytes(
                1, 19, 0, //
                0x20, 0, 0x41, 0, 0x41, 8, 0x10, 0, // output-write(output, 0, 8)
                0x1a, 0x1a, 0x03, 0x40, 0x0c, 0, 0x0b, // drop, drop, loop br 0 end
                0x41, 0, 0x0b)), // i32.const 0, end
        section(11, concat(bytes(1, 0, 0x41, 0, 0x0b), name("partial\n"))),
        custom(
            "iotypes-main",
            "main: func(output: output-stream) -> result".getBytes(StandardCharsets.UTF_8)),
        custom("name", concat(bytes(1), sized(concat(bytes(1, 1), name("spin"))))));
  }

  /** A module that declares {@code pages} pages of memory and whose main returns ok. */
  static byte[] declaresMemory(int pages) {
    return module(
        section(1, bytes(1, 0x60, 0, 1, 0x7f)),
        section(3, bytes(1, 0)),
        section(5, concat(bytes(1, 0), leb(pages))),
        section(7, concat(bytes(1), name("main"), bytes(0, 0))),
        section(10, bytes(1, 4, 0, 0x41, 0, 0x0b)),
        custom("iotypes-main", "main: func() -> result\n".getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] leb(int n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    do {
      int b = n & 0x7f;
      n >>>= 7;
      out.write(n == 0 ? b : b | 0x80);
    } while (n != 0);
    return out.toByteArray();
  }

  /** A WASI-style command: exports {@code _start} and declares no typed main. */
  static byte[] command() {
    return module(
        section(1, bytes(1, 0x60, 0, 0)),
        section(3, bytes(1, 0)),
        section(7, concat(bytes(1), name("_start"), bytes(0, 0))),
        section(10, bytes(1, 2, 0, 0x0b)));
  }

  /** A valid module that declares nothing and exports nothing. */
  static byte[] empty() {
    return module();
  }

  static Path write(Path dir, String name, byte[] module) throws IOException {
    return Files.write(dir.resolve(name), module);
  }

  private static byte[] module(byte[]... sections) {
    return concat(bytes(0, 'a', 's', 'm', 1, 0, 0, 0), concat(sections));
  }

  private static byte[] section(int id, byte[] content) {
    return concat(bytes(id), sized(content));
  }

  private static byte[] custom(String name, byte[] content) {
    return section(0, concat(name(name), content));
  }

  private static byte[] name(String name) {
    return sized(name.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code content} after its length as an unsigned LEB128. */
  private static byte[] sized(byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int n = content.length;
    do {
      int b = n & 0x7f;
      n >>>= 7;
      out.write(n == 0 ? b : b | 0x80);
    } while (n != 0);
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
