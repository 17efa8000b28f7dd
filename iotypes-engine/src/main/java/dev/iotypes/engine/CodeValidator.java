package dev.iotypes.engine;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.InvalidException;
import com.dylibso.chicory.wasm.MalformedException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.CodeSection;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.SectionId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;

/**
 * Validates a module's code section from its bytes, for a module {@link LazyBodies#parser() parsed
 * without it}: what lets a first run skip Chicory's parse of every function into an object per
 * instruction (seconds and gigabytes for a 30 MB module) and still refuse any invalid module before
 * any of it runs.
 *
 * <p>Chicory has already validated the rest of the module (types, imports, globals, segments,
 * exports, the start function) when it built {@code module}, over placeholder bodies that its
 * validator passes as they are. Here the code section's framing is checked (as many bodies as
 * functions, each within the section, nothing after them), then every body by {@link
 * BodyValidator}, in parallel over slices of the section. A body that uses what the validator
 * leaves to Chicory is decoded by Chicory's parser and validated by Chicory, in the module's
 * context, so no module Chicory took is refused for an instruction this validator does not know.
 */
public final class CodeValidator {
  private CodeValidator() {}

  /**
   * Whether a first run validates with this validator: {@code -Diotypes.engine.validator=chicory}
   * restores Chicory's parse and validation of every function.
   */
  public static boolean enabled() {
    return !"chicory".equals(System.getProperty("iotypes.engine.validator"));
  }

  /**
   * Validates every function body in {@code bytes}, whose other sections {@code module} holds.
   *
   * @throws ChicoryException ({@link InvalidException}, {@link MalformedException}) naming the
   *     first invalid function found
   */
  public static void validate(byte[] bytes, WasmModule module) {
    int functions = module.functionSection().functionCount();
    int[] starts = new int[0];
    int[] ends = new int[0];
    BodyReader in = new BodyReader(bytes, 8, bytes.length);
    boolean found = false;
    while (in.remaining() > 0) {
      int id = in.u8();
      long size = in.u32();
      if (size > in.remaining()) {
        throw new MalformedException("length out of bounds");
      }
      int end = in.pos + (int) size;
      if (id == SectionId.CODE) {
        BodyReader code = new BodyReader(bytes, in.pos, end);
        long count = code.u32();
        if (count != functions) {
          throw new MalformedException("function and code section have inconsistent lengths");
        }
        starts = new int[functions];
        ends = new int[functions];
        for (int i = 0; i < functions; i++) {
          long length = code.u32();
          if (length > code.remaining()) {
            throw new MalformedException("unexpected end: function " + i + " past the section");
          }
          starts[i] = code.pos;
          ends[i] = code.pos += (int) length;
        }
        if (code.remaining() != 0) {
          throw new MalformedException("section size mismatch");
        }
        found = true;
      }
      in.pos = end;
    }
    if (!found && functions != 0) {
      throw new MalformedException("function and code section have inconsistent lengths");
    }
    if (functions == 0) {
      return;
    }
    CodeContext context = new CodeContext(module);
    List<Integer> unsupported = validateAll(bytes, starts, ends, context);
    if (!unsupported.isEmpty()) {
      byChicory(bytes, module, unsupported);
    }
  }

  /**
   * Validates every body, in slices of about equal bytes on the common pool; returns the bodies
   * left to Chicory. Of several invalid functions, the first by index is reported.
   */
  private static List<Integer> validateAll(
      byte[] bytes, int[] starts, int[] ends, CodeContext context) {
    int n = starts.length;
    long total = (long) ends[n - 1] - starts[0];
    int slices = (int) Math.max(1, Math.min(n, Math.min(64, total / (256 * 1024))));
    int[] first = new int[slices + 1];
    for (int s = 1; s < slices; s++) {
      long target = starts[0] + total * s / slices;
      int i = first[s - 1];
      while (i < n && starts[i] < target) {
        i++;
      }
      first[s] = i;
    }
    first[slices] = n;
    RuntimeException[] errors = new RuntimeException[slices];
    int[] failedAt = new int[slices];
    var unsupported = new ConcurrentLinkedQueue<Integer>();
    IntStream slicesStream = IntStream.range(0, slices);
    (slices > 1 ? slicesStream.parallel() : slicesStream)
        .forEach(
            s -> {
              BodyValidator validator = new BodyValidator(context);
              BodyReader r = new BodyReader(bytes, 0, 0);
              for (int i = first[s]; i < first[s + 1]; i++) {
                r.pos = starts[i];
                r.limit = ends[i];
                try {
                  validator.validate(r, context.importedFunctions + i);
                } catch (BodyValidator.Unsupported e) {
                  unsupported.add(i);
                } catch (ChicoryException e) {
                  errors[s] = e;
                  failedAt[s] = i;
                  return;
                } catch (RuntimeException e) {
                  // the validator's own bug: refuse the module rather than run it unvalidated
                  errors[s] =
                      new InvalidException(
                          "function " + (context.importedFunctions + i) + " not validated: " + e,
                          e);
                  return;
                }
              }
            });
    for (RuntimeException e : errors) {
      if (e != null) {
        throw e;
      }
    }
    List<Integer> left = new ArrayList<>(unsupported);
    left.sort(null);
    return left;
  }

  private static int functionImports(WasmModule module) {
    return (int)
        module.importSection().stream()
            .filter(imp -> imp.importType() == ExternalType.FUNCTION)
            .count();
  }

  /**
   * {@code unreachable end}: a body valid under any type. Not an empty placeholder: Chicory's
   * validator keeps its control stack from one function to the next, and only a body's own end
   * takes the function's frame off it; a frame left behind would be what the next body's {@code
   * return} is checked against.
   */
  private static FunctionBody trivialBody() {
    byte[] module = {
      0,
      'a',
      's',
      'm',
      1,
      0,
      0,
      0, // magic, version
      1,
      4,
      1,
      0x60,
      0,
      0, // type section: [] -> []
      3,
      2,
      1,
      0, // function section: one function of type 0
      10,
      5,
      1,
      3,
      0,
      0x00,
      0x0b // code section: no locals, unreachable, end
    };
    return Parser.parse(module).codeSection().getFunctionBody(0);
  }

  /**
   * Chicory's verdict on the bodies this validator leaves to it: each decoded by Chicory's parser
   * (as the engine decodes it to compile), then validated by Chicory in a module that is the
   * original with those bodies and placeholders for the rest.
   */
  private static void byChicory(byte[] bytes, WasmModule module, List<Integer> indices) {
    try {
      LazyBodies bodies = LazyBodies.of(bytes, module);
      int functions = module.functionSection().functionCount();
      FunctionBody[] code = new FunctionBody[functions];
      boolean dataCount = false;
      for (int i : indices) {
        code[i] = bodies.body(i);
        int blocks = 0;
        int ends = 0;
        for (var instruction : code[i].instructions()) {
          OpCode op = instruction.opcode();
          dataCount |= op == OpCode.MEMORY_INIT || op == OpCode.DATA_DROP;
          if (op == OpCode.BLOCK
              || op == OpCode.LOOP
              || op == OpCode.IF
              || op == OpCode.TRY_TABLE) {
            blocks++;
          } else if (op == OpCode.END) {
            ends++;
          }
        }
        // Chicory's parser takes a body one end short (it counts ends against blocks only) and
        // its validator then never closes the function's frame: the spec's end is checked here.
        if (ends != blocks + 1) {
          throw new MalformedException(
              "unexpected end: function " + (functionImports(module) + i) + " lacks its end");
        }
      }
      CodeSection.Builder section = CodeSection.builder().setRequiresDataCount(dataCount);
      FunctionBody trivial = trivialBody();
      for (int i = 0; i < functions; i++) {
        section.addFunctionBody(code[i] != null ? code[i] : trivial);
      }
      WasmModule.builder()
          .setTypeSection(module.typeSection())
          .setImportSection(module.importSection())
          .setFunctionSection(module.functionSection())
          .setTableSection(module.tableSection())
          .setMemorySection(module.memorySection().orElse(null))
          .setGlobalSection(module.globalSection())
          .setExportSection(module.exportSection())
          .setStartSection(module.startSection().orElse(null))
          .setElementSection(module.elementSection())
          .setCodeSection(section.build())
          .setDataSection(module.dataSection())
          .setDataCountSection(module.dataCountSection().orElse(null))
          .setTagSection(module.tagSection().orElse(null))
          .withValidation(true)
          .build();
    } catch (ChicoryException e) {
      throw e;
    } catch (RuntimeException | AssertionError e) {
      // Chicory's parser and validator fail on some bytes with exceptions of the JVM's
      throw new MalformedException("function not decodable: " + e, e);
    }
  }
}
