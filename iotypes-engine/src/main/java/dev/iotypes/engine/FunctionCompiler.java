package dev.iotypes.engine;

import static org.objectweb.asm.Opcodes.*;

import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Emits one Wasm function body as a JVM method, and the blocks its plan outlines ({@link Outliner})
 * as further methods: control flow, calls and outlined regions, over the stack model of {@link
 * Emitter} and the straight-line instructions of {@link Instructions}.
 *
 * <p>At every block boundary, branch and loop header the stack is spilled to slots, so that
 * branches are plain jumps with no stack shape to reconcile, and every loop header has an empty JVM
 * stack: HotSpot can compile a long-running loop while it runs (OSR).
 *
 * <p>This file is longer than the others on purpose: control frames, region exits (a region returns
 * the control frame to branch to) and the frame of locals are one protocol, and the control and
 * region code both walk the same control stack; split further, each half would pass that state to
 * the other at every branch.
 */
final class FunctionCompiler extends Instructions {
  private static final class Ctl {
    final OpCode op;
    final Label label = new Label();
    final Label elseLabel;
    final int height;
    final int[] params;
    final int[] results;
    boolean reached;
    boolean inElse;

    Ctl(OpCode op, int height, int[] params, int[] results) {
      this.op = op;
      this.height = height;
      this.params = params;
      this.results = results;
      this.elseLabel = op == OpCode.IF ? new Label() : null;
    }

    int[] arity() {
      return op == OpCode.LOOP ? params : results;
    }
  }

  /** What all the methods of one function share while it is compiled. */
  static final class Unit {
    final ModuleCode code;
    final ClassWriter cw;
    final String owner;
    final int funcId;
    final FunctionType type;
    final List<ValType> locals;
    final List<AnnotatedInstruction> body;
    final Map<Integer, Integer> regions;
    final int[] offsets;
    int regionCount;
    int frameSize;
    int largestMethod;

    Unit(
        ModuleCode code,
        ClassWriter cw,
        int funcId,
        FunctionType type,
        List<ValType> locals,
        List<AnnotatedInstruction> body,
        Map<Integer, Integer> regions) {
      this.code = code;
      this.cw = cw;
      this.owner = ModuleCode.className(funcId);
      this.funcId = funcId;
      this.type = type;
      this.locals = locals;
      this.body = body;
      this.regions = regions;
      this.offsets = new int[body.size() + 1];
    }

    int localCount() {
      return type.params().size() + locals.size();
    }
  }

  /**
   * The most br_table targets compiled: 4 bytes of tableswitch each, so that the instruction alone
   * stays under HotSpot's 8,000-byte limit; a bigger one leaves its function to the interpreter.
   */
  static final int MAX_TABLE = 1_500;

  private final Unit unit;
  private final ModuleCode code;
  private final FunctionType type;
  private final int[] localSlot;
  private final int[] localKind;
  private final int arraySlot;
  private final int frameSlot;
  private final int codeSlot;
  private final int scratchSlot;

  /**
   * Whether this method keeps the Wasm locals in the frame rather than in JVM locals: so it does
   * when it calls regions, so that a call is a few bytes and copies nothing (an interpreter's
   * dispatch loop calls one region per instruction it interprets).
   */
  private final boolean frameLocals;

  /** For an outlined region: its first and past-the-end instruction, else -1. */
  private final int regionStart;

  private final int regionEnd;

  /** Control frames below this index belong to the methods that called this one. */
  private int outerCount;

  /** Locals this method (with the regions it calls) may write: stored back at every exit. */
  private final BitSet writes;

  private final Set<Integer> exitCodes = new TreeSet<>();
  private final Label methodEnd = new Label();

  private final List<Ctl> ctls = new ArrayList<>();
  private Ctl function;
  private boolean dead;
  private int deadDepth;

  private FunctionCompiler(Unit unit, MethodVisitor mv, int regionStart, int regionEnd) {
    super(mv);
    this.unit = unit;
    this.code = unit.code;
    this.type = unit.type;
    this.regionStart = regionStart;
    this.regionEnd = regionEnd;
    int params = type.params().size();
    localSlot = new int[unit.localCount()];
    localKind = new int[localSlot.length];
    for (int i = 0; i < localSlot.length; i++) {
      ValType t = i < params ? type.params().get(i) : unit.locals.get(i - params);
      localKind[i] = kind(t);
    }
    int at;
    if (regionStart < 0) {
      // Layout: params, context, declared locals, then the engine's own.
      at = 0;
      for (int i = 0; i < params; i++) {
        localSlot[i] = at;
        at += size(localKind[i]);
      }
      ctxSlot = at++;
      for (int i = params; i < localSlot.length; i++) {
        localSlot[i] = at;
        at += size(localKind[i]);
      }
      frameSlot = at++;
      writes = null;
    } else {
      // A region: (long[] frame, Context), then every local of the function.
      frameSlot = 0;
      ctxSlot = 1;
      at = 2;
      for (int i = 0; i < localSlot.length; i++) {
        localSlot[i] = at;
        at += size(localKind[i]);
      }
      writes = localsIn(unit.body, regionStart, regionEnd, true);
    }
    memSlot = at; // the memory's address (a long), then its size in bytes (an int)
    at += 3;
    arraySlot = at++;
    codeSlot = at++;
    scratchSlot = at;
    at += 2;
    nextLocal = at;
    frameLocals = callsRegions(unit, regionStart, regionEnd);
  }

  /**
   * Emits function {@code unit.funcId} as {@code func_<id>}, and the regions its plan outlines as
   * further methods of the same class; returns the unit, whose {@code offsets} measure each
   * instruction's bytecode and {@code largestMethod} the biggest method emitted.
   */
  static Unit compile(Unit unit) {
    MethodVisitor mv =
        unit.cw.visitMethod(
            ACC_PUBLIC | ACC_STATIC,
            ModuleCode.methodName(unit.funcId),
            methodDesc(unit.type),
            null,
            null);
    FunctionCompiler top = new FunctionCompiler(unit, mv, -1, -1);
    top.emitFunction();
    if (!unit.regions.isEmpty()) {
      unit.frameSize = Math.max(unit.frameSize, unit.localCount() + 1);
    }
    if (unit.frameSize > 0) {
      unit.cw.visitField(ACC_STATIC | ACC_FINAL, "FRAME", "I", null, unit.frameSize);
    }
    return unit;
  }

  private static boolean callsRegions(Unit unit, int start, int end) {
    if (start < 0) {
      return !unit.regions.isEmpty();
    }
    for (int at : unit.regions.keySet()) {
      if (at > start && at < end) {
        return true;
      }
    }
    return false;
  }

  /** The locals read or written (or only written) by instructions {@code [from, to)}. */
  static BitSet localsIn(List<AnnotatedInstruction> body, int from, int to, boolean writesOnly) {
    BitSet set = new BitSet();
    for (int i = from; i < to; i++) {
      OpCode op = body.get(i).opcode();
      if (op == OpCode.LOCAL_SET
          || op == OpCode.LOCAL_TEE
          || !writesOnly && op == OpCode.LOCAL_GET) {
        set.set((int) body.get(i).operand(0));
      }
    }
    return set;
  }

  // ---- the body ----

  private void emitFunction() {
    mv.visitCode();
    if (frameLocals) {
      // A fresh frame holds zeros: the declared locals need no more.
      mv.visitFieldInsn(GETSTATIC, unit.owner, "FRAME", "I");
      mv.visitIntInsn(NEWARRAY, T_LONG);
      mv.visitVarInsn(ASTORE, frameSlot);
      for (int i = 0; i < type.params().size(); i++) {
        toFrame(i, localKind[i], localSlot[i]);
      }
    } else {
      for (int i = type.params().size(); i < localSlot.length; i++) {
        zero(localKind[i]);
        store(localKind[i], localSlot[i]);
      }
    }
    if (code.hasMemory()) {
      reloadMemory();
    }
    function = new Ctl(OpCode.END, 0, new int[0], kinds(type.returns()));
    ctls.add(function);
    emitRange(0, unit.body.size());
    finish();
  }

  private void finish() {
    mv.visitLabel(methodEnd);
    unit.largestMethod = Math.max(unit.largestMethod, methodEnd.getOffset());
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  private void emitRange(int from, int to) {
    List<AnnotatedInstruction> body = unit.body;
    for (int i = from; i < to; i++) {
      Integer end = unit.regions.get(i);
      if (end != null && i != regionStart && !dead) {
        callRegion(i, end);
        i = end - 1;
        continue;
      }
      if (regionStart < 0) {
        Label here = new Label();
        mv.visitLabel(here);
        unit.offsets[i] = here.getOffset();
      }
      AnnotatedInstruction ins = body.get(i);
      if (dead) {
        skip(ins);
      } else if (i + 1 < to && fused(ins, body.get(i + 1), i + 1)) {
        i++;
        if (regionStart < 0) {
          unit.offsets[i] = unit.offsets[i - 1];
        }
      } else {
        instruction(ins);
      }
      if (ctls.isEmpty()) {
        break;
      }
    }
    if (regionStart < 0) {
      Label last = new Label();
      mv.visitLabel(last);
      for (int i = to; i <= body.size(); i++) {
        unit.offsets[i] = last.getOffset();
      }
    }
  }

  // ---- outlined regions ----

  /** What a region's caller needs to know to continue after it. */
  private static final class RegionExit {
    int[] stack; // the stack's kinds on falling through, or null if it never does
    Set<Integer> codes;
  }

  /**
   * Emits instructions {@code [start, end)} as a method of their own and calls it here. The region
   * takes and gives back locals and stack values through a {@code long[]} frame (one per call of
   * the function); it returns 0 to fall through, or {@code 1 + i} to branch to the control frame
   * {@code i} of its callers (0 being the function: return).
   */
  private void callRegion(int start, int end) {
    spillAll();
    String name = ModuleCode.methodName(unit.funcId) + "$" + unit.regionCount++;
    RegionExit exit = compileRegion(name, start, end);
    int locals = unit.localCount(); // the locals are in the frame already (frameLocals)
    for (int d = 0; d < n; d++) {
      toFrame(locals + d, stack[d], slot(d, stack[d]));
    }
    mv.visitVarInsn(ALOAD, frameSlot);
    mv.visitVarInsn(ALOAD, ctxSlot);
    mv.visitMethodInsn(INVOKESTATIC, unit.owner, name, "([J" + CONTEXT_DESC + ")I", false);
    mv.visitVarInsn(ISTORE, codeSlot);
    if (code.hasMemory()) {
      reloadMemory();
    }
    Label fall = new Label();
    if (exit.codes.size() == 1 && exit.stack == null) {
      exitFromRegion(exit.codes.iterator().next()); // the only way out: no test
    } else if (exit.codes.size() == 1) {
      Label handler = new Label();
      mv.visitVarInsn(ILOAD, codeSlot);
      mv.visitJumpInsn(IFNE, handler);
      mv.visitJumpInsn(GOTO, fall);
      mv.visitLabel(handler);
      exitFromRegion(exit.codes.iterator().next());
    } else if (!exit.codes.isEmpty()) {
      int[] keys = new int[exit.codes.size() + 1];
      Label[] handlers = new Label[keys.length];
      keys[0] = 0;
      handlers[0] = fall;
      int k = 1;
      for (int c : exit.codes) {
        keys[k] = c;
        handlers[k++] = new Label();
      }
      mv.visitVarInsn(ILOAD, codeSlot);
      mv.visitLookupSwitchInsn(fall, keys, handlers);
      for (int i = 1; i < keys.length; i++) {
        mv.visitLabel(handlers[i]);
        exitFromRegion(keys[i]);
      }
    }
    mv.visitLabel(fall);
    if (exit.stack == null) {
      // Never reached (the region always branches or traps), but the switch's default lands
      // here, and a jump target needs code after it.
      mv.visitInsn(ACONST_NULL);
      mv.visitInsn(ATHROW);
      dead = true;
      return;
    }
    n = 0;
    spilled = 0;
    for (int kind : exit.stack) {
      push(kind);
    }
    for (int d = 0; d < n; d++) {
      fromFrame(locals + d, stack[d], slot(d, stack[d]));
    }
    spilled = n;
  }

  /** After a region returned exit {@code exitCode}: the branch it asked for, from here. */
  private void exitFromRegion(int exitCode) {
    Ctl target = ctls.get(exitCode - 1);
    int locals = unit.localCount();
    if (exitCode - 1 < outerCount) {
      exitCodes.add(exitCode); // the values are in the frame already
      storeWrites();
      constant(exitCode);
      mv.visitInsn(IRETURN);
      return;
    }
    int[] arity = target.arity();
    if (target == function) {
      returnFromFrame(arity);
      return;
    }
    for (int i = 0; i < arity.length; i++) {
      fromFrame(locals + target.height + i, arity[i], slot(target.height + i, arity[i]));
    }
    mv.visitJumpInsn(GOTO, target.label);
    target.reached = true;
  }

  private void returnFromFrame(int[] results) {
    int locals = unit.localCount();
    if (results.length == 0) {
      mv.visitInsn(RETURN);
    } else if (results.length == 1) {
      mv.visitVarInsn(ALOAD, frameSlot);
      constant(locals);
      mv.visitInsn(LALOAD);
      fromLong(results[0]);
      mv.visitInsn(returnOp(results[0]));
    } else {
      mv.visitVarInsn(ALOAD, frameSlot);
      constant(locals);
      constant(locals + results.length);
      mv.visitMethodInsn(INVOKESTATIC, "java/util/Arrays", "copyOfRange", "([JII)[J", false);
      mv.visitInsn(ARETURN);
    }
  }

  private RegionExit compileRegion(String name, int start, int end) {
    MethodVisitor rmv =
        unit.cw.visitMethod(ACC_PUBLIC | ACC_STATIC, name, "([J" + CONTEXT_DESC + ")I", null, null);
    FunctionCompiler region = new FunctionCompiler(unit, rmv, start, end);
    return region.emitRegion(ctls, function, stack, n);
  }

  private RegionExit emitRegion(
      List<Ctl> callerCtls, Ctl callerFunction, int[] callerStack, int depth) {
    ctls.addAll(callerCtls);
    function = callerFunction;
    outerCount = ctls.size();
    int locals = unit.localCount();
    mv.visitCode();
    if (!frameLocals) {
      BitSet uses = localsIn(unit.body, regionStart, regionEnd, false);
      for (int l = uses.nextSetBit(0); l >= 0; l = uses.nextSetBit(l + 1)) {
        fromFrame(l, localKind[l], localSlot[l]);
      }
    }
    for (int d = 0; d < depth; d++) {
      push(callerStack[d]);
      fromFrame(locals + d, stack[d], slot(d, stack[d]));
    }
    spilled = n;
    if (code.hasMemory()) {
      reloadMemory();
    }
    emitRange(regionStart, regionEnd);
    RegionExit exit = new RegionExit();
    if (!dead) {
      spillAll();
      for (int d = 0; d < n; d++) {
        toFrame(locals + d, stack[d], slot(d, stack[d]));
      }
      storeWrites();
      constant(0);
      mv.visitInsn(IRETURN);
      exit.stack = java.util.Arrays.copyOf(stack, n);
    }
    exit.codes = exitCodes;
    finish();
    return exit;
  }

  /** Leaves this region for control frame {@code target} of a caller: values, locals, code. */
  private void exitTo(Ctl target) {
    int code = ctls.indexOf(target) + 1;
    int[] arity = target.arity();
    int locals = unit.localCount();
    spillAll();
    for (int i = 0; i < arity.length; i++) {
      toFrame(locals + target.height + i, arity[i], slot(n - arity.length + i, arity[i]));
    }
    storeWrites();
    constant(code);
    mv.visitInsn(IRETURN);
    exitCodes.add(code);
  }

  private boolean outer(Ctl ctl) {
    return ctls.indexOf(ctl) < outerCount;
  }

  private void storeWrites() {
    if (frameLocals) {
      return;
    }
    for (int l = writes.nextSetBit(0); l >= 0; l = writes.nextSetBit(l + 1)) {
      toFrame(l, localKind[l], localSlot[l]);
    }
  }

  private void toFrame(int index, int kind, int local) {
    unit.frameSize = Math.max(unit.frameSize, index + 1);
    mv.visitVarInsn(ALOAD, frameSlot);
    constant(index);
    load(kind, local);
    toLong(kind);
    mv.visitInsn(LASTORE);
  }

  private void fromFrame(int index, int kind, int local) {
    unit.frameSize = Math.max(unit.frameSize, index + 1);
    mv.visitVarInsn(ALOAD, frameSlot);
    constant(index);
    mv.visitInsn(LALOAD);
    fromLong(kind);
    store(kind, local);
  }

  /** Code after a branch, return or trap is never run; only its structure is followed. */
  private void skip(AnnotatedInstruction ins) {
    switch (ins.opcode()) {
      case BLOCK:
      case LOOP:
      case IF:
        deadDepth++;
        break;
      case ELSE:
        if (deadDepth == 0) {
          elseBranch();
        }
        break;
      case END:
        if (deadDepth > 0) {
          deadDepth--;
        } else {
          end();
        }
        break;
      default:
        break;
    }
  }

  /**
   * Emits one instruction that is not straight-line arithmetic or memory: control, calls, locals,
   * globals, references. One switch over the opcode, each case a few lines or a call; its length is
   * the number of opcodes, not of decisions.
   */
  private void instruction(AnnotatedInstruction ins) {
    OpCode op = ins.opcode();
    // The Wasm code offset as the line number: a trap's stack trace points at the instruction.
    Label here = new Label();
    mv.visitLabel(here);
    mv.visitLineNumber(ins.address(), here);
    switch (op) {
      case NOP:
        return;
      case UNREACHABLE:
        spillAll();
        mv.visitMethodInsn(
            INVOKESTATIC, OPS, "unreachable", "()Ljava/lang/RuntimeException;", false);
        mv.visitInsn(ATHROW);
        dead = true;
        return;
      case BLOCK:
      case LOOP:
        {
          FunctionType bt = code.blockType(ins.operand(0));
          int[] params = kinds(bt.params());
          spillAll();
          Ctl ctl = new Ctl(op, n - params.length, params, kinds(bt.returns()));
          ctls.add(ctl);
          if (op == OpCode.LOOP) {
            mv.visitLabel(ctl.label);
            poll();
          }
          return;
        }
      case IF:
        {
          FunctionType bt = code.blockType(ins.operand(0));
          int[] params = kinds(bt.params());
          spillAll();
          loadSlot(n - 1);
          n--;
          spilled = n;
          Ctl ctl = new Ctl(op, n - params.length, params, kinds(bt.returns()));
          ctls.add(ctl);
          mv.visitJumpInsn(IFEQ, ctl.elseLabel);
          return;
        }
      case ELSE:
        elseBranch();
        return;
      case END:
        end();
        return;
      case BR:
        spillAll();
        branch(target(ins.operand(0)));
        dead = true;
        return;
      case BR_IF:
        brIf(target(ins.operand(0)));
        return;
      case BR_TABLE:
        brTable(ins.operands());
        return;
      case RETURN:
        emitReturn();
        dead = true;
        return;
      case CALL:
        call((int) ins.operand(0));
        return;
      case CALL_INDIRECT:
        callIndirect((int) ins.operand(0), (int) ins.operand(1));
        return;
      case DROP:
        drop();
        return;
      case SELECT:
      case SELECT_T:
        {
          need(3);
          int k = stack[n - 2];
          mv.visitMethodInsn(
              INVOKESTATIC, OPS, "select", "(" + desc(k) + desc(k) + "I)" + desc(k), false);
          n -= 3;
          push(k);
          return;
        }
      case LOCAL_GET:
        {
          int l = (int) ins.operand(0);
          if (frameLocals) {
            mv.visitVarInsn(ALOAD, frameSlot);
            constant(l);
            mv.visitInsn(LALOAD);
            fromLong(localKind[l]);
          } else {
            load(localKind[l], localSlot[l]);
          }
          push(localKind[l]);
          return;
        }
      case LOCAL_SET:
        {
          int l = (int) ins.operand(0);
          need(1);
          setLocal(l);
          n--;
          return;
        }
      case LOCAL_TEE:
        {
          int l = (int) ins.operand(0);
          need(1);
          mv.visitInsn(size(localKind[l]) == 2 ? DUP2 : DUP);
          setLocal(l);
          return;
        }
      case GLOBAL_GET:
        {
          int g = (int) ins.operand(0);
          int k = kind(code.globalType(g));
          constant(g);
          mv.visitVarInsn(ALOAD, ctxSlot);
          mv.visitMethodInsn(INVOKESTATIC, OPS, "global", "(I" + CONTEXT_DESC + ")J", false);
          fromLong(k);
          push(k);
          return;
        }
      case GLOBAL_SET:
        {
          int g = (int) ins.operand(0);
          need(1);
          toLong(stack[n - 1]);
          constant(g);
          mv.visitVarInsn(ALOAD, ctxSlot);
          mv.visitMethodInsn(INVOKESTATIC, OPS, "setGlobal", "(JI" + CONTEXT_DESC + ")V", false);
          n--;
          return;
        }
      case I32_CONST:
        constant((int) ins.operand(0));
        push(I);
        return;
      case I64_CONST:
        mv.visitLdcInsn(ins.operand(0));
        push(J);
        return;
      case F32_CONST:
        constant((int) ins.operand(0));
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
        push(F);
        return;
      case F64_CONST:
        mv.visitLdcInsn(ins.operand(0));
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
        push(D);
        return;
      case REF_NULL:
        constant(-1);
        push(I);
        return;
      case REF_FUNC:
        constant((int) ins.operand(0));
        push(I);
        return;
      case REF_IS_NULL:
        unary(OPS, "isNull", I, I);
        return;
      default:
        break;
    }
    if (memoryAccess(ins) || bulk(ins) || numeric(op)) {
      return;
    }
    throw new Unsupported(op.name());
  }

  /** Stores the value on top of the JVM stack into local {@code l}. */
  private void setLocal(int l) {
    if (!frameLocals) {
      store(localKind[l], localSlot[l]);
      return;
    }
    toLong(localKind[l]);
    mv.visitVarInsn(LSTORE, scratchSlot);
    mv.visitVarInsn(ALOAD, frameSlot);
    constant(l);
    mv.visitVarInsn(LLOAD, scratchSlot);
    mv.visitInsn(LASTORE);
  }

  // ---- control ----

  private Ctl target(long depth) {
    return ctls.get(ctls.size() - 1 - (int) depth);
  }

  private void elseBranch() {
    Ctl ctl = ctls.get(ctls.size() - 1);
    if (!dead) {
      spillAll();
      ctl.reached = true;
      mv.visitJumpInsn(GOTO, ctl.label);
    }
    mv.visitLabel(ctl.elseLabel);
    reset(ctl.height, ctl.params);
    dead = false;
    ctl.inElse = true;
  }

  private void end() {
    Ctl ctl = ctls.remove(ctls.size() - 1);
    if (ctls.isEmpty()) {
      if (!dead) {
        emitReturn();
      }
      dead = true;
      return;
    }
    if (!dead) {
      spillAll();
      ctl.reached = true;
    }
    if (ctl.op == OpCode.IF && !ctl.inElse) {
      // no else: the false branch carries the parameters through as the results
      mv.visitLabel(ctl.elseLabel);
      ctl.reached = true;
    }
    if (ctl.op != OpCode.LOOP) {
      mv.visitLabel(ctl.label);
    }
    if (ctl.reached) {
      dead = false;
      reset(ctl.height, ctl.results);
    } else {
      dead = true;
    }
  }

  /** The stack as a label leaves it: {@code values} above {@code height}, all in their slots. */
  private void reset(int height, int[] values) {
    n = height;
    for (int kind : values) {
      push(kind);
    }
    spilled = n;
  }

  /** Jumps to {@code ctl}'s label with its values moved into place; the stack is spilled. */
  private void branch(Ctl ctl) {
    if (outer(ctl)) {
      exitTo(ctl);
      return;
    }
    if (ctl == function) {
      emitReturn();
      return;
    }
    moveForBranch(ctl);
    mv.visitJumpInsn(GOTO, ctl.op == OpCode.LOOP ? ctl.label : ctl.label);
    ctl.reached = true;
  }

  private boolean needsMoves(Ctl ctl) {
    return outer(ctl) || ctl == function || n - ctl.arity().length != ctl.height;
  }

  private void moveForBranch(Ctl ctl) {
    int[] arity = ctl.arity();
    int from = n - arity.length;
    if (from != ctl.height) {
      for (int i = 0; i < arity.length; i++) {
        load(arity[i], slot(from + i, arity[i]));
        store(arity[i], slot(ctl.height + i, arity[i]));
      }
    }
  }

  private void brIf(Ctl ctl) {
    spillAll();
    loadSlot(n - 1);
    n--;
    spilled = n;
    if (needsMoves(ctl)) {
      Label skip = new Label();
      mv.visitJumpInsn(IFEQ, skip);
      branch(ctl);
      mv.visitLabel(skip);
    } else {
      mv.visitJumpInsn(IFNE, ctl.op == OpCode.LOOP ? ctl.label : ctl.label);
      ctl.reached = true;
    }
  }

  /**
   * Compiles a comparison and the {@code br_if} or {@code if} right after it (at {@code next}, in
   * this method) as one conditional jump; false if the pair is not one.
   */
  private boolean fused(AnnotatedInstruction ins, AnnotatedInstruction then, int next) {
    Comparison cmp = Comparison.of(ins.opcode());
    OpCode op = then.opcode();
    if (cmp == null
        || (op != OpCode.BR_IF && op != OpCode.IF)
        || (unit.regions.containsKey(next) && next != regionStart)) {
      return false;
    }
    Label here = new Label();
    mv.visitLabel(here);
    mv.visitLineNumber(ins.address(), here);
    spillAll();
    for (int d = n - cmp.operands(); d < n; d++) {
      loadSlot(d);
      cmp.bias(mv);
    }
    n -= cmp.operands();
    spilled = n;
    if (op == OpCode.IF) {
      FunctionType bt = code.blockType(then.operand(0));
      int[] params = kinds(bt.params());
      Ctl ctl = new Ctl(op, n - params.length, params, kinds(bt.returns()));
      ctls.add(ctl);
      cmp.jump(mv, ctl.elseLabel, true);
      return true;
    }
    Ctl ctl = target(then.operand(0));
    if (needsMoves(ctl)) {
      Label skip = new Label();
      cmp.jump(mv, skip, true);
      branch(ctl);
      mv.visitLabel(skip);
    } else {
      cmp.jump(mv, ctl.label, false);
      ctl.reached = true;
    }
    return true;
  }

  private void brTable(long[] operands) {
    if (operands.length > MAX_TABLE) {
      // Its tableswitch alone would pass the method budget: no plan can help, so say so at once.
      throw new Unsupported("br_table of " + (operands.length - 1) + " targets");
    }
    spillAll();
    loadSlot(n - 1);
    n--;
    spilled = n;
    int count = operands.length - 1;
    Map<Integer, Label> stubs = new HashMap<>();
    Label[] labels = new Label[count];
    for (int i = 0; i < count; i++) {
      labels[i] = stubs.computeIfAbsent((int) operands[i], d -> new Label());
    }
    Label fallback = stubs.computeIfAbsent((int) operands[count], d -> new Label());
    if (count == 0) {
      mv.visitInsn(POP);
      mv.visitJumpInsn(GOTO, fallback);
    } else {
      mv.visitTableSwitchInsn(0, count - 1, fallback, labels);
    }
    for (Map.Entry<Integer, Label> stub : stubs.entrySet()) {
      mv.visitLabel(stub.getValue());
      branch(target(stub.getKey()));
    }
    dead = true;
  }

  private void emitReturn() {
    if (regionStart >= 0) {
      exitTo(function);
      return;
    }
    int[] results = function.results;
    switch (results.length) {
      case 0:
        mv.visitInsn(RETURN);
        return;
      case 1:
        // From the slot, leaving the model as it is: a br_if returns on one path only.
        spillAll();
        loadSlot(n - 1);
        mv.visitInsn(returnOp(results[0]));
        return;
      default:
        spillAll();
        constant(results.length);
        mv.visitIntInsn(NEWARRAY, T_LONG);
        for (int i = 0; i < results.length; i++) {
          mv.visitInsn(DUP);
          constant(i);
          int depth = n - results.length + i;
          load(results[i], slot(depth, results[i]));
          toLong(results[i]);
          mv.visitInsn(LASTORE);
        }
        mv.visitInsn(ARETURN);
    }
  }

  private static int returnOp(int kind) {
    return new int[] {IRETURN, LRETURN, FRETURN, DRETURN}[kind];
  }

  private void poll() {
    // if (--ctx.fuel < 0) ctx.poll();
    Label go = new Label();
    mv.visitVarInsn(ALOAD, ctxSlot);
    mv.visitInsn(DUP);
    mv.visitFieldInsn(GETFIELD, CONTEXT, "fuel", "I");
    mv.visitInsn(ICONST_1);
    mv.visitInsn(ISUB);
    mv.visitInsn(DUP_X1);
    mv.visitFieldInsn(PUTFIELD, CONTEXT, "fuel", "I");
    mv.visitJumpInsn(IFGE, go);
    mv.visitVarInsn(ALOAD, ctxSlot);
    mv.visitMethodInsn(INVOKEVIRTUAL, CONTEXT, "poll", "()V", false);
    mv.visitLabel(go);
  }

  // ---- calls ----

  private void call(int funcId) {
    FunctionType callee = code.functionType(funcId);
    if (parameterSlots(callee) > 254) {
      throw new Unsupported("a callee with more parameters than a JVM method takes");
    }
    int p = callee.params().size();
    if (funcId < code.importCount()) {
      packArgs(p);
      constant(funcId);
      mv.visitVarInsn(ALOAD, ctxSlot);
      mv.visitMethodInsn(INVOKESTATIC, OPS, "callHost", "([JI" + CONTEXT_DESC + ")[J", false);
      unpackResults(callee);
    } else {
      need(p);
      mv.visitVarInsn(ALOAD, ctxSlot);
      mv.visitMethodInsn(
          INVOKESTATIC,
          ModuleCode.className(funcId),
          ModuleCode.methodName(funcId),
          methodDesc(callee),
          false);
      n -= p;
      pushResults(callee);
    }
    if (code.hasMemory()) {
      reloadMemory();
    }
  }

  private void callIndirect(int typeIdx, int tableIdx) {
    FunctionType callee = code.type(typeIdx);
    if (parameterSlots(callee) > 254) {
      throw new Unsupported("a callee with more parameters than a JVM method takes");
    }
    int p = callee.params().size();
    spillAll();
    loadSlot(n - 1);
    n--;
    spilled = n;
    constant(typeIdx);
    constant(tableIdx);
    mv.visitVarInsn(ALOAD, ctxSlot);
    mv.visitMethodInsn(
        INVOKESTATIC,
        OPS,
        "indirect",
        "(III" + CONTEXT_DESC + ")Ljava/lang/invoke/MethodHandle;",
        false);
    for (int i = n - p; i < n; i++) {
      loadSlot(i);
    }
    mv.visitVarInsn(ALOAD, ctxSlot);
    mv.visitMethodInsn(
        INVOKEVIRTUAL, "java/lang/invoke/MethodHandle", "invokeExact", methodDesc(callee), false);
    n -= p;
    spilled = n;
    pushResults(callee);
    if (code.hasMemory()) {
      reloadMemory();
    }
  }

  /** Moves the top {@code p} values into a fresh long[] on the JVM stack, as host calls take. */
  private void packArgs(int p) {
    spillAll();
    constant(p);
    mv.visitIntInsn(NEWARRAY, T_LONG);
    for (int i = 0; i < p; i++) {
      int depth = n - p + i;
      mv.visitInsn(DUP);
      constant(i);
      loadSlot(depth);
      toLong(stack[depth]);
      mv.visitInsn(LASTORE);
    }
    n -= p;
    spilled = n;
  }

  private void unpackResults(FunctionType callee) {
    int[] results = kinds(callee.returns());
    if (results.length == 0) {
      mv.visitInsn(POP);
      return;
    }
    mv.visitVarInsn(ASTORE, arraySlot);
    for (int i = 0; i < results.length; i++) {
      mv.visitVarInsn(ALOAD, arraySlot);
      constant(i);
      mv.visitInsn(LALOAD);
      fromLong(results[i]);
      push(results[i]);
    }
  }

  private void pushResults(FunctionType callee) {
    int[] results = kinds(callee.returns());
    if (results.length == 1) {
      push(results[0]);
    } else if (results.length > 1) {
      unpackResults(callee);
    }
  }
}
