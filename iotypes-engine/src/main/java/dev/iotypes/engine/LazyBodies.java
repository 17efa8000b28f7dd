package dev.iotypes.engine;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.MalformedException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.CodeSection;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.SectionId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A module's function bodies, decoded one at a time when the engine first needs one.
 *
 * <p>Chicory's parser makes an object of every instruction of every function: for a 30 MB module
 * that is seconds of every run and gigabytes of heap, although a run whose compiled classes come
 * from the module cache needs no body at all, and a first run only those it reaches. A module whose
 * bytes were validated before (the cache holds those very bytes) is therefore parsed without its
 * code section ({@link #parser}); Chicory's instance gets a {@link #placeholders placeholder} per
 * function, and a body is decoded here when a function is compiled, by Chicory's own parser over a
 * module of that one function and the original type section, so both decode alike.
 *
 * <p>Chicory's interpreter reads bodies from the instance, so a function the engine leaves to it is
 * {@link #install installed} into each instance before it runs (its private array, read by
 * reflection: where that is refused, as on the module path, {@link #supported()} is false and
 * modules are parsed whole).
 */
public final class LazyBodies {
  private static final FunctionBody PLACEHOLDER = new FunctionBody(List.of(), List.of());
  private static final Field FUNCTIONS = functionsField();

  private final byte[] bytes;
  private final WasmModule module;
  private final int typeStart;
  private final int typeEnd;
  private final int dataCountStart;
  private final int dataCountEnd;
  private final int[] bodyStart;
  private final int[] bodyEnd;
  private final AtomicReferenceArray<FunctionBody> decoded;

  private LazyBodies(byte[] bytes, WasmModule module) {
    this.bytes = bytes;
    this.module = module;
    int types = -1;
    int typesEnd = -1;
    int count = -1;
    int countEnd = -1;
    int[] starts = new int[0];
    int[] ends = new int[0];
    Reader in = new Reader(bytes, 8);
    while (in.pos < bytes.length) {
      int id = bytes[in.pos++] & 0xff;
      int size = in.u32();
      int start = in.pos;
      int end = Math.addExact(start, size);
      if (id == SectionId.TYPE) {
        types = start;
        typesEnd = end;
      } else if (id == SectionId.DATA_COUNT) {
        count = start;
        countEnd = end;
      } else if (id == SectionId.CODE) {
        int n = in.u32();
        starts = new int[n];
        ends = new int[n];
        for (int i = 0; i < n; i++) {
          int length = in.u32();
          starts[i] = in.pos;
          ends[i] = in.pos = Math.addExact(in.pos, length);
        }
      }
      in.pos = end;
    }
    if (starts.length != module.functionSection().functionCount()) {
      throw new MalformedException("function and code section have inconsistent lengths");
    }
    this.typeStart = types;
    this.typeEnd = typesEnd;
    this.dataCountStart = count;
    this.dataCountEnd = countEnd;
    this.bodyStart = starts;
    this.bodyEnd = ends;
    this.decoded = new AtomicReferenceArray<>(starts.length);
  }

  /** Whether bodies can be installed into Chicory's instances here (see the class comment). */
  public static boolean supported() {
    return FUNCTIONS != null;
  }

  /**
   * A parser of every section but the code section, for bytes that passed validation before. Add
   * {@link #placeholders} as the module's code section.
   */
  public static Parser parser() {
    Parser.Builder parser = Parser.builder().withValidation(false);
    for (int id = SectionId.CUSTOM; id <= SectionId.TAG; id++) {
      if (id != SectionId.CODE) {
        parser.includeSectionId(id);
      }
    }
    return parser.build();
  }

  /** As many stand-ins as the module has function bodies: Chicory's instance counts them. */
  public static CodeSection placeholders(int functionCount) {
    CodeSection.Builder code = CodeSection.builder();
    for (int i = 0; i < functionCount; i++) {
      code.addFunctionBody(PLACEHOLDER);
    }
    return code.build();
  }

  /** The bodies of {@code bytes}, which {@link #parser()} made {@code module} of. */
  public static LazyBodies of(byte[] bytes, WasmModule module) {
    return new LazyBodies(bytes, module);
  }

  int count() {
    return bodyStart.length;
  }

  /** The body of the {@code index}-th function defined by the module (imports not counted). */
  FunctionBody body(int index) {
    FunctionBody body = decoded.get(index);
    if (body == null) {
      body = decode(index);
      decoded.set(index, body);
    }
    return body;
  }

  /** Forgets a body once its function is compiled: the class is what runs from then on. */
  void release(int index) {
    decoded.set(index, null);
  }

  private FunctionBody decode(int index) {
    var out =
        new ByteArrayOutputStream(bodyEnd[index] - bodyStart[index] + typeEnd - typeStart + 32);
    out.write(bytes, 0, 8); // magic and version
    if (typeStart >= 0) {
      section(out, SectionId.TYPE, bytes, typeStart, typeEnd - typeStart);
    }
    var function = new ByteArrayOutputStream();
    function.write(1);
    leb(function, module.functionSection().getFunctionType(index));
    section(out, SectionId.FUNCTION, function.toByteArray(), 0, function.size());
    if (dataCountStart >= 0) {
      section(out, SectionId.DATA_COUNT, bytes, dataCountStart, dataCountEnd - dataCountStart);
    }
    var code = new ByteArrayOutputStream();
    code.write(1);
    leb(code, bodyEnd[index] - bodyStart[index]);
    code.write(bytes, bodyStart[index], bodyEnd[index] - bodyStart[index]);
    section(out, SectionId.CODE, code.toByteArray(), 0, code.size());
    CodeSection[] found = new CodeSection[1];
    Parser.builder()
        .withValidation(false)
        .build()
        .parse(
            new ByteArrayInputStream(out.toByteArray()),
            section -> {
              if (section instanceof CodeSection c) {
                found[0] = c;
              }
            });
    return found[0].getFunctionBody(0);
  }

  /**
   * Puts the real body of {@code funcId} into {@code instance}, for Chicory's interpreter, which
   * reads it there.
   */
  void install(Instance instance, int funcId, int importCount) {
    FunctionBody[] functions = functions(instance);
    int index = funcId - importCount;
    if (functions[index] == PLACEHOLDER) {
      functions[index] = body(index);
    }
  }

  /** Every body, for an instance that runs wholly in the interpreter. */
  void installAll(Instance instance) {
    FunctionBody[] functions = functions(instance);
    for (int i = 0; i < functions.length; i++) {
      if (functions[i] == PLACEHOLDER) {
        functions[i] = body(i);
      }
    }
  }

  private static FunctionBody[] functions(Instance instance) {
    try {
      return (FunctionBody[]) FUNCTIONS.get(instance);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Field functionsField() {
    try {
      Field f = Instance.class.getDeclaredField("functions");
      if (f.getType() != FunctionBody[].class) {
        return null;
      }
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // another Chicory, or a module system that keeps it closed: parse whole
    }
  }

  private static void section(ByteArrayOutputStream out, int id, byte[] b, int off, int len) {
    out.write(id);
    leb(out, len);
    out.write(b, off, len);
  }

  private static void leb(ByteArrayOutputStream out, int value) {
    long v = value & 0xffffffffL;
    do {
      int b = (int) (v & 0x7f);
      v >>>= 7;
      out.write(v == 0 ? b : b | 0x80);
    } while (v != 0);
  }

  private static final class Reader {
    final byte[] b;
    int pos;

    Reader(byte[] b, int pos) {
      this.b = b;
      this.pos = pos;
    }

    int u32() {
      long v = 0;
      for (int shift = 0; shift < 35; shift += 7) {
        int x = b[pos++] & 0xff;
        v |= (long) (x & 0x7f) << shift;
        if ((x & 0x80) == 0) {
          if (v > Integer.MAX_VALUE) {
            throw new MalformedException("length out of bounds");
          }
          return (int) v;
        }
      }
      throw new MalformedException("integer representation too long");
    }
  }
}
