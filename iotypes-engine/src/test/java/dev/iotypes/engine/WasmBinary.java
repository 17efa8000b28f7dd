package dev.iotypes.engine;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small modules in the binary format directly, for shapes too big or too deep for the text
 * format's parser (wabt's parser recurses on nesting, and is slow on megabytes of text): types,
 * functions, one memory, one table with one active segment, exports.
 */
final class WasmBinary {
  static final int I32 = 0x7F;
  static final int I64 = 0x7E;
  static final int F32 = 0x7D;
  static final int F64 = 0x7C;
  static final int VOID = 0x40;

  private final List<byte[]> types = new ArrayList<>();
  private final List<Integer> funcTypes = new ArrayList<>();
  private final List<byte[]> bodies = new ArrayList<>();
  private final List<byte[]> exports = new ArrayList<>();
  private int exportCount;
  private int memoryMin = -1;
  private int memoryMax = -1;
  private int[] elements;

  /** Adds a function type; returns its index. */
  int type(int[] params, int[] results) {
    Code t = new Code();
    t.u8(0x60).u32(params.length);
    for (int p : params) {
      t.u8(p);
    }
    t.u32(results.length);
    for (int r : results) {
      t.u8(r);
    }
    types.add(t.bytes());
    return types.size() - 1;
  }

  /**
   * Adds a function of type {@code type} with {@code locals} as runs of {count, type}, and {@code
   * body}, which must end with its final {@code end}; returns its index.
   */
  int function(int type, int[][] locals, Code body) {
    Code f = new Code();
    f.u32(locals.length);
    for (int[] run : locals) {
      f.u32(run[0]).u8(run[1]);
    }
    f.raw(body.bytes());
    funcTypes.add(type);
    bodies.add(f.bytes());
    return funcTypes.size() - 1;
  }

  WasmBinary export(String name, int funcIdx) {
    Code e = new Code();
    e.name(name).u8(0).u32(funcIdx);
    exports.add(e.bytes());
    exportCount++;
    return this;
  }

  WasmBinary memory(int min, int max) {
    memoryMin = min;
    memoryMax = max;
    return this;
  }

  /** A funcref table holding exactly {@code funcs}, from index 0. */
  WasmBinary table(int... funcs) {
    elements = funcs;
    return this;
  }

  byte[] bytes() {
    Code m = new Code();
    m.raw(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    section(m, 1, vector(types));
    Code funcs = new Code().u32(funcTypes.size());
    for (int t : funcTypes) {
      funcs.u32(t);
    }
    section(m, 3, funcs);
    if (elements != null) {
      section(m, 4, new Code().u32(1).u8(0x70).u8(1).u32(elements.length).u32(elements.length));
    }
    if (memoryMin >= 0) {
      Code mem = new Code().u32(1);
      if (memoryMax >= 0) {
        mem.u8(1).u32(memoryMin).u32(memoryMax);
      } else {
        mem.u8(0).u32(memoryMin);
      }
      section(m, 5, mem);
    }
    Code ex = new Code().u32(exportCount);
    for (byte[] e : exports) {
      ex.raw(e);
    }
    section(m, 7, ex);
    if (elements != null) {
      Code el = new Code().u32(1).u8(0).u8(0x41).s32(0).u8(0x0B).u32(elements.length);
      for (int f : elements) {
        el.u32(f);
      }
      section(m, 9, el);
    }
    Code code = new Code().u32(bodies.size());
    for (byte[] b : bodies) {
      code.u32(b.length).raw(b);
    }
    section(m, 10, code);
    return m.bytes();
  }

  WasmModule module() {
    return Parser.parse(bytes());
  }

  private static Code vector(List<byte[]> items) {
    Code v = new Code().u32(items.size());
    for (byte[] item : items) {
      v.raw(item);
    }
    return v;
  }

  private static void section(Code m, int id, Code content) {
    byte[] b = content.bytes();
    m.u8(id).u32(b.length).raw(b);
  }

  /** Instruction bytes, with the few encodings the tests need. */
  static final class Code {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Code u8(int b) {
      out.write(b);
      return this;
    }

    Code raw(byte[] b) {
      out.write(b, 0, b.length);
      return this;
    }

    Code u32(long v) {
      do {
        int b = (int) (v & 0x7F);
        v >>>= 7;
        out.write(v != 0 ? b | 0x80 : b);
      } while (v != 0);
      return this;
    }

    Code s32(long v) {
      return s64(v);
    }

    Code s64(long v) {
      while (true) {
        int b = (int) (v & 0x7F);
        v >>= 7;
        boolean done = v == 0 && (b & 0x40) == 0 || v == -1 && (b & 0x40) != 0;
        out.write(done ? b : b | 0x80);
        if (done) {
          return this;
        }
      }
    }

    Code name(String s) {
      byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      return u32(b.length).raw(b);
    }

    Code block(int blockType) {
      return u8(0x02).u8(blockType);
    }

    Code loop(int blockType) {
      return u8(0x03).u8(blockType);
    }

    Code ifThen(int blockType) {
      return u8(0x04).u8(blockType);
    }

    Code elseThen() {
      return u8(0x05);
    }

    Code end() {
      return u8(0x0B);
    }

    Code br(int depth) {
      return u8(0x0C).u32(depth);
    }

    Code brIf(int depth) {
      return u8(0x0D).u32(depth);
    }

    Code brTable(int[] targets, int otherwise) {
      u8(0x0E).u32(targets.length);
      for (int t : targets) {
        u32(t);
      }
      return u32(otherwise);
    }

    Code ret() {
      return u8(0x0F);
    }

    Code call(int func) {
      return u8(0x10).u32(func);
    }

    Code drop() {
      return u8(0x1A);
    }

    Code localGet(int i) {
      return u8(0x20).u32(i);
    }

    Code localSet(int i) {
      return u8(0x21).u32(i);
    }

    Code localTee(int i) {
      return u8(0x22).u32(i);
    }

    Code i32(int v) {
      return u8(0x41).s32(v);
    }

    Code i64(long v) {
      return u8(0x42).s64(v);
    }

    Code op(int opcode) {
      return u8(opcode);
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }

  static final int I32_EQZ = 0x45;
  static final int I32_LT_U = 0x49;
  static final int I32_ADD = 0x6A;
  static final int I32_SUB = 0x6B;
  static final int I32_MUL = 0x6C;
  static final int I32_AND = 0x71;
  static final int I32_XOR = 0x73;
  static final int I32_SHR_U = 0x76;
  static final int I64_ADD = 0x7C;
  static final int I64_EXTEND_I32_U = 0xAD;
}
