package dev.iotypes.engine;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.ActiveElement;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.Element;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Global;
import com.dylibso.chicory.wasm.types.GlobalImport;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.MemoryImport;
import com.dylibso.chicory.wasm.types.MutabilityType;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.TableImport;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The spec's validation context C, as the body validator reads it: the module's types, functions,
 * tables, memories, globals, element and data segments, and the function references it declares
 * (C.refs), with every value type as its one-byte code. A type the validator does not know (GC's
 * reference types) is {@link #OTHER}: a function that touches it is left to Chicory.
 */
final class CodeContext {
  static final int I32 = 0x7f;
  static final int I64 = 0x7e;
  static final int F32 = 0x7d;
  static final int F64 = 0x7c;
  static final int V128 = 0x7b;
  static final int FUNCREF = 0x70;
  static final int EXTERNREF = 0x6f;

  /** The spec's Unknown: any type, on the stack below an unconditional branch. */
  static final int UNKNOWN = 0;

  /** A type outside what the validator knows. */
  static final int OTHER = -1;

  /** Per type index: parameter and result codes; null where not a function type. */
  final int[][] params;

  final int[][] results;

  /** Per function index (imports first): its type index. */
  final int[] funcTypes;

  final int importedFunctions;
  final int[] tables;
  final int memories;
  final int[] globals;
  final boolean[] mutableGlobals;
  final int[] elems;

  /** The data count section's count, or -1 where there is none. */
  final int dataCount;

  /** C.refs: the functions named outside function bodies (elements, exports, initialisers). */
  final BitSet refs = new BitSet();

  CodeContext(WasmModule module) {
    int typeCount = module.typeSection().subTypeCount();
    params = new int[typeCount][];
    results = new int[typeCount][];
    for (int i = 0; i < typeCount; i++) {
      FunctionType t;
      try {
        t = module.typeSection().getType(i);
      } catch (RuntimeException e) {
        continue; // a struct or array type (GC)
      }
      params[i] = codes(t.params());
      results[i] = codes(t.returns());
    }
    List<Integer> funcs = new ArrayList<>();
    List<Integer> tableTypes = new ArrayList<>();
    List<Integer> globalTypes = new ArrayList<>();
    List<Boolean> mutable = new ArrayList<>();
    int mems = module.memorySection().map(s -> s.memoryCount()).orElse(0);
    for (int i = 0; i < module.importSection().importCount(); i++) {
      Import imp = module.importSection().getImport(i);
      if (imp instanceof FunctionImport f) {
        funcs.add(f.typeIndex());
      } else if (imp instanceof TableImport t) {
        tableTypes.add(code(t.entryType()));
      } else if (imp instanceof GlobalImport g) {
        globalTypes.add(code(g.type()));
        mutable.add(g.mutabilityType() == MutabilityType.Var);
      } else if (imp instanceof MemoryImport) {
        mems++;
      }
    }
    importedFunctions = funcs.size();
    for (int i = 0; i < module.functionSection().functionCount(); i++) {
      funcs.add(module.functionSection().getFunctionType(i));
    }
    funcTypes = funcs.stream().mapToInt(Integer::intValue).toArray();
    for (int i = 0; i < module.tableSection().tableCount(); i++) {
      var table = module.tableSection().getTable(i);
      tableTypes.add(code(table.elementType()));
      declare(table.initialize());
    }
    tables = tableTypes.stream().mapToInt(Integer::intValue).toArray();
    memories = mems;
    for (Global g : module.globalSection().globals()) {
      globalTypes.add(code(g.valueType()));
      mutable.add(g.mutabilityType() == MutabilityType.Var);
      declare(g.initInstructions());
    }
    globals = globalTypes.stream().mapToInt(Integer::intValue).toArray();
    mutableGlobals = new boolean[mutable.size()];
    for (int i = 0; i < mutableGlobals.length; i++) {
      mutableGlobals[i] = mutable.get(i);
    }
    Element[] elements = module.elementSection().elements();
    elems = new int[elements.length];
    for (int i = 0; i < elements.length; i++) {
      elems[i] = elemCode(elements[i].type());
      for (List<Instruction> init : elements[i].initializers()) {
        declare(init);
      }
      if (elements[i] instanceof ActiveElement a) {
        declare(a.offset());
      }
    }
    for (int i = 0; i < module.exportSection().exportCount(); i++) {
      var export = module.exportSection().getExport(i);
      if (export.exportType() == ExternalType.FUNCTION && export.index() >= 0) {
        refs.set(export.index());
      }
    }
    for (DataSegment d : module.dataSection().dataSegments()) {
      if (d instanceof ActiveDataSegment a) {
        declare(a.offsetInstructions());
      }
    }
    dataCount = module.dataCountSection().map(d -> d.dataCount()).orElse(-1);
  }

  private void declare(List<? extends Instruction> expr) {
    if (expr == null) {
      return;
    }
    for (Instruction i : expr) {
      if (i.opcode() == OpCode.REF_FUNC && i.operand(0) >= 0 && i.operand(0) <= Integer.MAX_VALUE) {
        refs.set((int) i.operand(0));
      }
    }
  }

  private static int[] codes(List<ValType> types) {
    int[] codes = new int[types.size()];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = code(types.get(i));
    }
    return codes;
  }

  static int code(ValType t) {
    if (t.equals(ValType.I32)) {
      return I32;
    } else if (t.equals(ValType.I64)) {
      return I64;
    } else if (t.equals(ValType.F32)) {
      return F32;
    } else if (t.equals(ValType.F64)) {
      return F64;
    } else if (t.equals(ValType.V128)) {
      return V128;
    } else if (t.equals(ValType.FuncRef)) {
      return FUNCREF;
    } else if (t.equals(ValType.ExternRef)) {
      return EXTERNREF;
    }
    return OTHER;
  }

  /**
   * An element segment's type: a list of function indices is {@code (ref func)} to Chicory, which
   * matches a funcref table as the spec's funcref does.
   */
  private static int elemCode(ValType t) {
    if (t.isReference() && t.typeIdx() == ValType.TypeIdxCode.FUNC.code()) {
      return FUNCREF;
    } else if (t.isReference() && t.typeIdx() == ValType.TypeIdxCode.EXTERN.code()) {
      return EXTERNREF;
    }
    return OTHER;
  }

  /** The code of a value type byte in a body, or {@link #OTHER}. */
  static int valType(int b) {
    return switch (b) {
      case I32, I64, F32, F64, V128, FUNCREF, EXTERNREF -> b;
      default -> OTHER;
    };
  }
}
