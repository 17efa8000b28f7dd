package dev.iotypes.engine;

import static dev.iotypes.engine.CodeContext.EXTERNREF;
import static dev.iotypes.engine.CodeContext.F32;
import static dev.iotypes.engine.CodeContext.F64;
import static dev.iotypes.engine.CodeContext.FUNCREF;
import static dev.iotypes.engine.CodeContext.I32;
import static dev.iotypes.engine.CodeContext.I64;
import static dev.iotypes.engine.CodeContext.OTHER;
import static dev.iotypes.engine.CodeContext.UNKNOWN;
import static dev.iotypes.engine.CodeContext.V128;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.InvalidException;
import com.dylibso.chicory.wasm.MalformedException;
import com.dylibso.chicory.wasm.WasmLimits;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.Arrays;

/**
 * Validates one function body straight from its bytes: the spec's validation algorithm (appendix
 * "Validation Algorithm", WebAssembly 2.0) with an operand stack of type codes, Unknown below an
 * unconditional branch, and a stack of control frames, both plain arrays reused from one function
 * to the next. Nothing is made per instruction, which is what lets a first run skip Chicory's parse
 * of the code section.
 *
 * <p>It knows what the engine compiles: the MVP, sign extension, saturating conversions, bulk
 * memory, multi-value and reference types. A body that uses anything else (SIMD, threads,
 * exceptions, tail calls, GC, a second memory), or an encoding that Chicory's parser reads
 * otherwise than the spec (a block type index that is also a value type code, a value type in more
 * than one byte), makes it throw {@link Unsupported}: that function is Chicory's to judge, and
 * Chicory's reading is the one the engine compiles.
 */
final class BodyValidator {

  /** The body uses what this validator leaves to Chicory. */
  static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Unsupported INSTANCE = new Unsupported();

    private Unsupported() {
      super("left to Chicory's validator", null, false, false);
    }
  }

  /** Past these depths a body is refused as too large, before their arrays eat the heap. */
  static final int MAX_OPERANDS = 1 << 22;

  static final int MAX_FRAMES = 1 << 22;

  private static final int BLOCK = 0;
  private static final int LOOP = 1;
  private static final int IF = 2;
  private static final int ELSE = 3;
  private static final int FUNCTION = 4;

  /** A block type: {@code >= 0} a type index, else {@link #EMPTY} or minus one result's code. */
  private static final int EMPTY = -0x40;

  /** Locals kept one per index up to this many; more are looked up by runs. */
  private static final int EXPANDED_LOCALS = 1 << 16;

  private final CodeContext c;
  private final boolean[] plainType;

  private int[] vals = new int[64];
  private int vsp;

  private int[] frameKind = new int[16];
  private int[] frameType = new int[16];
  private int[] frameHeight = new int[16];
  private boolean[] frameUnreachable = new boolean[16];
  private int csp;

  private int[] localTypes = new int[64];
  private long localCount;
  private long[] runEnd = new long[8];
  private int[] runType = new int[8];
  private int runs;

  private int[] scratch = new int[16];
  private int func;

  BodyValidator(CodeContext c) {
    this.c = c;
    plainType = new boolean[c.params.length];
    for (int i = 0; i < plainType.length; i++) {
      plainType[i] = c.params[i] != null && known(c.params[i]) && known(c.results[i]);
    }
  }

  private static boolean known(int[] codes) {
    for (int t : codes) {
      if (t == OTHER) {
        return false;
      }
    }
    return true;
  }

  /**
   * Validates the body of function {@code funcIdx} (its index among all functions, imports first)
   * that {@code r} holds from its position to its limit.
   *
   * @throws InvalidException or {@link MalformedException} where the spec refuses it
   * @throws Unsupported where Chicory must judge it
   */
  void validate(BodyReader r, int funcIdx) {
    func = funcIdx;
    vsp = 0;
    csp = 0;
    int type = c.funcTypes[funcIdx];
    if (type < 0 || type >= plainType.length || !plainType[type]) {
      throw Unsupported.INSTANCE;
    }
    locals(r, c.params[type]);
    pushFrame(FUNCTION, type);
    while (true) {
      int op = r.u8();
      int sig = SIMPLE[op];
      if (sig != 0) {
        int n = sig >>> 24;
        if (n >= 1) {
          pop((sig >>> 8) & 0xff);
          if (n == 2) {
            pop((sig >>> 16) & 0xff);
          }
        }
        if ((sig & 0xff) != 0) {
          push(sig & 0xff);
        }
        continue;
      }
      switch (op) {
        case 0x00 -> unreachable();
        case 0x01 -> {}
        case 0x02, 0x03 -> {
          int bt = blockType(r);
          popParams(bt);
          pushFrame(op == 0x02 ? BLOCK : LOOP, bt);
        }
        case 0x04 -> {
          int bt = blockType(r);
          pop(I32);
          popParams(bt);
          pushFrame(IF, bt);
        }
        case 0x05 -> {
          int f = popFrame();
          if (frameKind[f] != IF) {
            throw invalid("else doesn't belong to if");
          }
          pushFrame(ELSE, frameType[f]);
        }
        case 0x0B -> {
          int f = popFrame();
          int bt = frameType[f];
          if (frameKind[f] == IF && !sameParamsAndResults(bt)) {
            throw invalid("type mismatch: if without else must leave its parameters as results");
          }
          if (csp == 0) {
            if (r.pos != r.limit) {
              throw new MalformedException(
                  "section size mismatch: bytes after the end of function " + func);
            }
            return;
          }
          pushResults(bt);
        }
        case 0x0C -> {
          int f = label(r.index());
          popLabel(f);
          unreachable();
        }
        case 0x0D -> {
          int f = label(r.index());
          pop(I32);
          popLabel(f);
          pushLabel(f);
        }
        case 0x0E -> brTable(r);
        case 0x0F -> {
          popLabel(0);
          unreachable();
        }
        case 0x10 -> call(function(r.index()));
        case 0x11 -> {
          int typeIdx = r.index();
          int table = table(r.index());
          if (table != FUNCREF) {
            throw invalid("type mismatch: call_indirect needs a funcref table");
          }
          int t = type(typeIdx);
          pop(I32);
          call(t);
        }
        case 0x1A -> pop();
        case 0x1B -> select();
        case 0x1C -> {
          if (r.u32() != 1) {
            throw invalid("invalid result arity");
          }
          int t = valType(r.u8());
          pop(I32);
          pop(t);
          pop(t);
          push(t);
        }
        case 0x20 -> push(local(r.index()));
        case 0x21 -> pop(local(r.index()));
        case 0x22 -> {
          int t = local(r.index());
          pop(t);
          push(t);
        }
        case 0x23 -> push(global(r.index()));
        case 0x24 -> {
          int g = r.index();
          int t = global(g);
          if (!c.mutableGlobals[g]) {
            throw invalid("global is immutable");
          }
          pop(t);
        }
        case 0x25 -> {
          int t = table(r.index());
          pop(I32);
          push(t);
        }
        case 0x26 -> {
          int t = table(r.index());
          pop(t);
          pop(I32);
        }
        case 0x28, 0x2A, 0x2C, 0x2D, 0x2E, 0x2F -> load(r, op, I32);
        case 0x29, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35 -> load(r, op, I64);
        case 0x2B -> load(r, op, F64);
        case 0x36, 0x3A, 0x3B -> store(r, op, I32);
        case 0x37, 0x3C, 0x3D, 0x3E -> store(r, op, I64);
        case 0x38 -> store(r, op, F32);
        case 0x39 -> store(r, op, F64);
        case 0x3F -> {
          memory(r);
          push(I32);
        }
        case 0x40 -> {
          memory(r);
          pop(I32);
          push(I32);
        }
        case 0x41 -> {
          r.s32();
          push(I32);
        }
        case 0x42 -> {
          r.s64();
          push(I64);
        }
        case 0x43 -> {
          r.skip(4);
          push(F32);
        }
        case 0x44 -> {
          r.skip(8);
          push(F64);
        }
        case 0xD0 -> {
          int t = r.u8();
          if (t != FUNCREF && t != EXTERNREF) {
            throw Unsupported.INSTANCE; // a typed reference (function references, GC)
          }
          push(t);
        }
        case 0xD1 -> {
          int t = pop();
          if (t != FUNCREF && t != EXTERNREF && t != UNKNOWN) {
            throw invalid("type mismatch: ref.is_null needs a reference");
          }
          push(I32);
        }
        case 0xD2 -> {
          int f = r.index();
          function(f);
          if (!c.refs.get(f)) {
            throw invalid("undeclared function reference " + f);
          }
          push(FUNCREF);
        }
        case 0xFC -> prefixed(r);
        default -> throw Unsupported.INSTANCE;
      }
    }
  }

  private void prefixed(BodyReader r) {
    long sub = r.u32();
    if (sub <= 7) {
      int from = (sub & 2) == 0 ? F32 : F64;
      pop(from);
      push(sub < 4 ? I32 : I64);
      return;
    }
    switch ((int) Math.min(sub, 99)) {
      case 8 -> { // memory.init
        int data = r.index();
        memory(r);
        data(data);
        pop(I32);
        pop(I32);
        pop(I32);
      }
      case 9 -> data(r.index()); // data.drop
      case 10 -> { // memory.copy
        memory(r);
        memory(r);
        pop(I32);
        pop(I32);
        pop(I32);
      }
      case 11 -> { // memory.fill
        memory(r);
        pop(I32);
        pop(I32);
        pop(I32);
      }
      case 12 -> { // table.init
        int elem = elem(r.index());
        int table = table(r.index());
        if (elem != table) {
          throw invalid("type mismatch: table.init of another reference type");
        }
        pop(I32);
        pop(I32);
        pop(I32);
      }
      case 13 -> elem(r.index()); // elem.drop
      case 14 -> { // table.copy
        int dst = table(r.index());
        int src = table(r.index());
        if (dst != src) {
          throw invalid("type mismatch: table.copy between reference types");
        }
        pop(I32);
        pop(I32);
        pop(I32);
      }
      case 15 -> { // table.grow
        int t = table(r.index());
        pop(I32);
        pop(t);
        push(I32);
      }
      case 16 -> { // table.size
        table(r.index());
        push(I32);
      }
      case 17 -> { // table.fill
        int t = table(r.index());
        pop(I32);
        pop(t);
        pop(I32);
      }
      default -> throw Unsupported.INSTANCE;
    }
  }

  // ---- locals ----

  private void locals(BodyReader r, int[] params) {
    long entries = r.u32();
    if (entries > r.remaining() / 2) { // each entry takes two bytes at least
      throw new MalformedException("unexpected end: " + entries + " local entries");
    }
    runs = 0;
    localCount = 0;
    for (int t : params) {
      addLocals(1, t);
    }
    for (long i = 0; i < entries; i++) {
      long n = r.u32();
      if (n > WasmLimits.MAX_FUNCTION_LOCALS) {
        throw new MalformedException("too many locals");
      }
      int t = valType(r.u8());
      if (localCount + n > 0xffff_ffffL) {
        throw new MalformedException("too many locals");
      }
      addLocals(n, t);
    }
  }

  private void addLocals(long n, int t) {
    if (n == 0) {
      return;
    }
    if (localCount + n <= EXPANDED_LOCALS) {
      int from = (int) localCount;
      int to = (int) (localCount + n);
      if (to > localTypes.length) {
        localTypes = Arrays.copyOf(localTypes, Math.max(to, localTypes.length * 2));
      }
      Arrays.fill(localTypes, from, to, t);
    }
    if (runs == runEnd.length) {
      runEnd = Arrays.copyOf(runEnd, runs * 2);
      runType = Arrays.copyOf(runType, runs * 2);
    }
    localCount += n;
    runEnd[runs] = localCount;
    runType[runs++] = t;
  }

  private int local(int idx) {
    if (idx >= localCount) {
      throw invalid("unknown local " + idx);
    }
    if (localCount <= EXPANDED_LOCALS) {
      return localTypes[idx];
    }
    int lo = 0;
    int hi = runs - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (runEnd[mid] > idx) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return runType[lo];
  }

  // ---- the context's index spaces ----

  private int function(int idx) {
    if (idx >= c.funcTypes.length) {
      throw invalid("unknown function " + idx);
    }
    int t = c.funcTypes[idx];
    if (t < 0 || t >= plainType.length || !plainType[t]) {
      throw Unsupported.INSTANCE;
    }
    return t;
  }

  private int type(int idx) {
    if (idx >= plainType.length) {
      throw invalid("unknown type " + idx);
    }
    if (!plainType[idx]) {
      throw Unsupported.INSTANCE;
    }
    return idx;
  }

  private int table(int idx) {
    if (idx >= c.tables.length) {
      throw invalid("unknown table " + idx);
    }
    return known(c.tables[idx]);
  }

  private int global(int idx) {
    if (idx >= c.globals.length) {
      throw invalid("unknown global " + idx);
    }
    return known(c.globals[idx]);
  }

  private int elem(int idx) {
    if (idx >= c.elems.length) {
      throw invalid("unknown elem segment " + idx);
    }
    return known(c.elems[idx]);
  }

  private void data(int idx) {
    if (c.dataCount < 0) {
      throw new MalformedException("data count section required");
    }
    if (idx >= c.dataCount) {
      throw invalid("unknown data segment " + idx);
    }
  }

  private static int known(int t) {
    if (t == OTHER) {
      throw Unsupported.INSTANCE;
    }
    return t;
  }

  /** A memory's zero byte; any other is a memory index (multiple memories): Chicory's. */
  private void memory(BodyReader r) {
    if (r.u8() != 0) {
      throw Unsupported.INSTANCE;
    }
    if (c.memories == 0) {
      throw invalid("unknown memory 0");
    }
  }

  private void memarg(BodyReader r, int op) {
    long align = r.u32();
    if (align >= 64) {
      throw Unsupported.INSTANCE; // a memory index follows (multiple memories)
    }
    r.u32(); // offset
    if (c.memories == 0) {
      throw invalid("unknown memory 0");
    }
    if (align > NATURAL[op]) {
      throw invalid("alignment must not be larger than natural");
    }
  }

  private void load(BodyReader r, int op, int result) {
    memarg(r, op);
    pop(I32);
    push(op == 0x2A ? F32 : result);
  }

  private void store(BodyReader r, int op, int value) {
    memarg(r, op);
    pop(value);
    pop(I32);
  }

  private static int valType(int b) {
    int t = CodeContext.valType(b);
    if (t == OTHER) {
      throw Unsupported.INSTANCE; // a GC type, or bytes Chicory reads as a LEB128
    }
    return t;
  }

  private int blockType(BodyReader r) {
    int b = r.peek();
    if (b == 0x40) {
      r.pos++;
      return EMPTY;
    }
    int t = CodeContext.valType(b);
    if (t != OTHER) {
      r.pos++;
      return -t;
    }
    // A type index, as the spec reads it (s33) and as Chicory does (u32, a value type first):
    // where the two differ, Chicory's reading is what the engine would compile.
    int start = r.pos;
    long spec = r.s33();
    int end = r.pos;
    r.pos = start;
    long chicory = r.u32();
    if (spec != chicory || r.pos != end || ValType.ID.isValidOpcode((int) chicory)) {
      throw Unsupported.INSTANCE;
    }
    if (spec >= plainType.length) {
      throw invalid("unknown type " + spec);
    }
    return type((int) spec);
  }

  // ---- the operand stack ----

  private void push(int t) {
    if (vsp == vals.length) {
      if (vsp >= MAX_OPERANDS) {
        throw tooLarge(MAX_OPERANDS + " operands");
      }
      vals = Arrays.copyOf(vals, vsp * 2);
    }
    vals[vsp++] = t;
  }

  private int pop() {
    if (vsp == frameHeight[csp - 1]) {
      if (frameUnreachable[csp - 1]) {
        return UNKNOWN;
      }
      throw invalid("type mismatch: the operand stack is empty");
    }
    return vals[--vsp];
  }

  /** The spec's pop_val(expect): Unknown stands for the type expected. */
  private int pop(int expect) {
    int actual;
    if (vsp > frameHeight[csp - 1]) {
      actual = vals[--vsp];
    } else if (frameUnreachable[csp - 1]) {
      return expect;
    } else {
      throw invalid("type mismatch: expected " + name(expect) + " but the operand stack is empty");
    }
    if (actual != expect && actual != UNKNOWN && expect != UNKNOWN) {
      throw invalid("type mismatch: expected " + name(expect) + " but found " + name(actual));
    }
    return actual == UNKNOWN ? expect : actual;
  }

  private void select() {
    pop(I32);
    int t1 = pop();
    int t2 = pop();
    boolean num = isNum(t1) && isNum(t2);
    boolean vec = (t1 == V128 || t1 == UNKNOWN) && (t2 == V128 || t2 == UNKNOWN);
    if (!num && !vec) {
      throw invalid("type mismatch: select needs numbers or vectors");
    }
    if (t1 != t2 && t1 != UNKNOWN && t2 != UNKNOWN) {
      throw invalid("type mismatch: select of " + name(t1) + " and " + name(t2));
    }
    push(t1 == UNKNOWN ? t2 : t1);
  }

  private static boolean isNum(int t) {
    return t == I32 || t == I64 || t == F32 || t == F64 || t == UNKNOWN;
  }

  private void call(int type) {
    int[] params = c.params[type];
    for (int i = params.length - 1; i >= 0; i--) {
      pop(params[i]);
    }
    for (int t : c.results[type]) {
      push(t);
    }
  }

  // ---- control frames ----

  private void pushFrame(int kind, int bt) {
    if (csp == frameKind.length) {
      if (csp >= MAX_FRAMES) {
        throw tooLarge(MAX_FRAMES + " nested blocks");
      }
      int n = csp * 2;
      frameKind = Arrays.copyOf(frameKind, n);
      frameType = Arrays.copyOf(frameType, n);
      frameHeight = Arrays.copyOf(frameHeight, n);
      frameUnreachable = Arrays.copyOf(frameUnreachable, n);
    }
    frameKind[csp] = kind;
    frameType[csp] = bt;
    frameHeight[csp] = vsp;
    frameUnreachable[csp] = false;
    csp++;
    if (kind != FUNCTION) {
      pushParams(bt);
    }
  }

  /** Pops the frame's results and checks nothing else is left; returns its slot. */
  private int popFrame() {
    int f = csp - 1;
    int bt = frameType[f];
    for (int i = resultCount(bt) - 1; i >= 0; i--) {
      pop(result(bt, i));
    }
    if (vsp != frameHeight[f]) {
      throw invalid("type mismatch: values left at the end of a block");
    }
    csp--;
    return f;
  }

  private void unreachable() {
    vsp = frameHeight[csp - 1];
    frameUnreachable[csp - 1] = true;
  }

  /** The frame {@code depth} labels out, as a slot. */
  private int label(int depth) {
    if (depth >= csp) {
      throw invalid("unknown label " + depth);
    }
    return csp - 1 - depth;
  }

  private int labelCount(int f) {
    int bt = frameType[f];
    return frameKind[f] == LOOP ? paramCount(bt) : resultCount(bt);
  }

  private int labelType(int f, int i) {
    int bt = frameType[f];
    return frameKind[f] == LOOP ? c.params[bt][i] : result(bt, i);
  }

  private void popLabel(int f) {
    for (int i = labelCount(f) - 1; i >= 0; i--) {
      pop(labelType(f, i));
    }
  }

  private void pushLabel(int f) {
    int n = labelCount(f);
    for (int i = 0; i < n; i++) {
      push(labelType(f, i));
    }
  }

  private void brTable(BodyReader r) {
    long count = r.u32();
    if (count >= r.remaining()) { // each target takes a byte, and the default one more
      throw new MalformedException("unexpected end: br_table of " + count + " targets");
    }
    int targets = r.pos;
    for (long i = 0; i < count; i++) {
      r.u32();
    }
    int m = label(r.index());
    int after = r.pos;
    pop(I32);
    int arity = labelCount(m);
    if (scratch.length < arity) {
      scratch = new int[arity];
    }
    r.pos = targets;
    for (long i = 0; i < count; i++) {
      int n = label(r.index());
      if (labelCount(n) != arity) {
        throw invalid("type mismatch: br_table targets of different arity");
      }
      for (int k = arity - 1; k >= 0; k--) {
        int expect = labelType(n, k);
        int actual = pop();
        if (actual != expect && actual != UNKNOWN) {
          throw invalid("type mismatch: br_table target takes " + name(expect));
        }
        scratch[k] = expect;
      }
      for (int k = 0; k < arity; k++) {
        push(scratch[k]);
      }
    }
    r.pos = after;
    for (int k = arity - 1; k >= 0; k--) {
      int expect = labelType(m, k);
      int actual = pop();
      if (actual != expect && actual != UNKNOWN) {
        throw invalid("type mismatch: br_table's default target takes " + name(expect));
      }
    }
    unreachable();
  }

  private int paramCount(int bt) {
    return bt >= 0 ? c.params[bt].length : 0;
  }

  private int resultCount(int bt) {
    return bt >= 0 ? c.results[bt].length : bt == EMPTY ? 0 : 1;
  }

  private int result(int bt, int i) {
    return bt >= 0 ? c.results[bt][i] : -bt;
  }

  private void popParams(int bt) {
    if (bt >= 0) {
      int[] params = c.params[bt];
      for (int i = params.length - 1; i >= 0; i--) {
        pop(params[i]);
      }
    }
  }

  private void pushParams(int bt) {
    if (bt >= 0) {
      for (int t : c.params[bt]) {
        push(t);
      }
    }
  }

  private void pushResults(int bt) {
    int n = resultCount(bt);
    for (int i = 0; i < n; i++) {
      push(result(bt, i));
    }
  }

  private boolean sameParamsAndResults(int bt) {
    if (bt < 0) {
      return bt == EMPTY;
    }
    return Arrays.equals(c.params[bt], c.results[bt]);
  }

  // ---- errors ----

  private InvalidException invalid(String what) {
    return new InvalidException(what + " (function " + func + ")");
  }

  private ChicoryException tooLarge(String what) {
    return new ChicoryException(
        "function " + func + " is too large to validate: more than " + what);
  }

  private static String name(int t) {
    return switch (t) {
      case I32 -> "i32";
      case I64 -> "i64";
      case F32 -> "f32";
      case F64 -> "f64";
      case V128 -> "v128";
      case FUNCREF -> "funcref";
      case EXTERNREF -> "externref";
      default -> "unknown";
    };
  }

  // ---- instruction tables ----

  /** Per load or store opcode, the largest alignment (log2) it may declare. */
  private static final int[] NATURAL = new int[0x3F];

  /**
   * Per plain numeric opcode, packed: operand count (bits 24+), the first operand popped (8-15),
   * the second (16-23), the result (0-7); 0 for every other opcode.
   */
  private static final int[] SIMPLE = new int[256];

  private static void simple(int from, int to, int result, int... operands) {
    for (int op = from; op <= to; op++) {
      int sig = operands.length << 24 | result;
      if (operands.length >= 1) {
        sig |= operands[0] << 8;
      }
      if (operands.length == 2) {
        sig |= operands[1] << 16;
      }
      SIMPLE[op] = sig;
    }
  }

  static {
    int[] natural = {2, 3, 2, 3, 0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 2, 3, 2, 3, 0, 1, 0, 1, 2};
    for (int i = 0; i < natural.length; i++) {
      NATURAL[0x28 + i] = natural[i];
    }
    simple(0x45, 0x45, I32, I32);
    simple(0x46, 0x4F, I32, I32, I32);
    simple(0x50, 0x50, I32, I64);
    simple(0x51, 0x5A, I32, I64, I64);
    simple(0x5B, 0x60, I32, F32, F32);
    simple(0x61, 0x66, I32, F64, F64);
    simple(0x67, 0x69, I32, I32);
    simple(0x6A, 0x78, I32, I32, I32);
    simple(0x79, 0x7B, I64, I64);
    simple(0x7C, 0x8A, I64, I64, I64);
    simple(0x8B, 0x91, F32, F32);
    simple(0x92, 0x98, F32, F32, F32);
    simple(0x99, 0x9F, F64, F64);
    simple(0xA0, 0xA6, F64, F64, F64);
    simple(0xA7, 0xA7, I32, I64);
    simple(0xA8, 0xA9, I32, F32);
    simple(0xAA, 0xAB, I32, F64);
    simple(0xAC, 0xAD, I64, I32);
    simple(0xAE, 0xAF, I64, F32);
    simple(0xB0, 0xB1, I64, F64);
    simple(0xB2, 0xB3, F32, I32);
    simple(0xB4, 0xB5, F32, I64);
    simple(0xB6, 0xB6, F32, F64);
    simple(0xB7, 0xB8, F64, I32);
    simple(0xB9, 0xBA, F64, I64);
    simple(0xBB, 0xBB, F64, F32);
    simple(0xBC, 0xBC, I32, F32);
    simple(0xBD, 0xBD, I64, F64);
    simple(0xBE, 0xBE, F32, I32);
    simple(0xBF, 0xBF, F64, I64);
    simple(0xC0, 0xC1, I32, I32);
    simple(0xC2, 0xC4, I64, I64);
  }
}
