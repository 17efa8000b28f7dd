package dev.iotypes.engine;

import static org.objectweb.asm.Opcodes.*;

import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.OpCode;
import org.objectweb.asm.MethodVisitor;

/**
 * The straight-line instructions: loads and stores (one bounds comparison each, then a raw access
 * through {@link Ops}), bulk memory and tables, and the numeric instructions. None of them touches
 * control flow, so they are emitted the same way in a function's method and in its outlined
 * regions.
 */
abstract class Instructions extends Emitter {
  Instructions(MethodVisitor mv) {
    super(mv);
  }

  // ---- memory ----

  void loadMemory() {
    mv.visitVarInsn(LLOAD, memSlot);
    mv.visitVarInsn(ILOAD, memSlot + 2);
  }

  void reloadMemory() {
    mv.visitVarInsn(ALOAD, ctxSlot);
    mv.visitMethodInsn(INVOKEVIRTUAL, CONTEXT, "address", "()J", false);
    mv.visitVarInsn(LSTORE, memSlot);
    mv.visitVarInsn(ALOAD, ctxSlot);
    mv.visitMethodInsn(INVOKEVIRTUAL, CONTEXT, "size", "()I", false);
    mv.visitVarInsn(ISTORE, memSlot + 2);
  }

  boolean memoryAccess(AnnotatedInstruction ins) {
    String load;
    int result;
    switch (ins.opcode()) {
      case I32_LOAD -> {
        load = "loadI32";
        result = I;
      }
      case I64_LOAD -> {
        load = "loadI64";
        result = J;
      }
      case F32_LOAD -> {
        load = "loadF32";
        result = F;
      }
      case F64_LOAD -> {
        load = "loadF64";
        result = D;
      }
      case I32_LOAD8_S -> {
        load = "load8S";
        result = I;
      }
      case I32_LOAD8_U -> {
        load = "load8U";
        result = I;
      }
      case I32_LOAD16_S -> {
        load = "load16S";
        result = I;
      }
      case I32_LOAD16_U -> {
        load = "load16U";
        result = I;
      }
      case I64_LOAD8_S, I64_LOAD8_U, I64_LOAD16_S, I64_LOAD16_U, I64_LOAD32_S -> {
        load =
            switch (ins.opcode()) {
              case I64_LOAD8_S -> "load8S";
              case I64_LOAD8_U -> "load8U";
              case I64_LOAD16_S -> "load16S";
              case I64_LOAD16_U -> "load16U";
              default -> "loadI32";
            };
        result = J;
      }
      case I64_LOAD32_U -> {
        load = "load32U";
        result = J;
      }
      default -> {
        return store(ins);
      }
    }
    memIndex(ins, 1);
    loadMemory();
    String returns =
        load.equals("load32U") ? "J" : result == J && !load.equals("loadI64") ? "I" : desc(result);
    mv.visitMethodInsn(INVOKESTATIC, OPS, load, "(I" + MEMORY_DESC + ")" + returns, false);
    if (result == J && returns.equals("I")) {
      mv.visitInsn(I2L);
    }
    n--;
    push(result);
    return true;
  }

  boolean store(AnnotatedInstruction ins) {
    String store;
    int value;
    switch (ins.opcode()) {
      case I32_STORE -> {
        store = "storeI32";
        value = I;
      }
      case I64_STORE -> {
        store = "storeI64";
        value = J;
      }
      case F32_STORE -> {
        store = "storeF32";
        value = F;
      }
      case F64_STORE -> {
        store = "storeF64";
        value = D;
      }
      case I32_STORE8 -> {
        store = "store8";
        value = I;
      }
      case I32_STORE16 -> {
        store = "store16";
        value = I;
      }
      case I64_STORE8 -> {
        store = "store8L";
        value = J;
      }
      case I64_STORE16 -> {
        store = "store16L";
        value = J;
      }
      case I64_STORE32 -> {
        store = "store32L";
        value = J;
      }
      default -> {
        return false;
      }
    }
    memIndex(ins, 2);
    loadMemory();
    mv.visitMethodInsn(INVOKESTATIC, OPS, store, "(I" + desc(value) + MEMORY_DESC + ")V", false);
    n -= 2;
    return true;
  }

  /**
   * Brings the access's operands onto the JVM stack, then its static offset: the helper adds and
   * checks both in one comparison.
   */
  void memIndex(AnnotatedInstruction ins, int depth) {
    if (ins.operand(2) != 0) {
      throw new Unsupported("multiple memories");
    }
    need(depth);
    mv.visitLdcInsn(ins.operand(1));
  }

  boolean bulk(AnnotatedInstruction ins) {
    String ctx = CONTEXT_DESC;
    switch (ins.opcode()) {
      case MEMORY_SIZE -> {
        mv.visitVarInsn(ALOAD, ctxSlot);
        mv.visitMethodInsn(INVOKESTATIC, OPS, "memorySize", "(" + ctx + ")I", false);
        push(I);
      }
      case MEMORY_GROW -> {
        need(1);
        mv.visitVarInsn(ALOAD, ctxSlot);
        mv.visitMethodInsn(INVOKESTATIC, OPS, "memoryGrow", "(I" + ctx + ")I", false);
        n--;
        push(I);
        reloadMemory();
      }
      case MEMORY_COPY -> {
        if (ins.operand(0) != 0 || ins.operand(1) != 0) {
          throw new Unsupported("multiple memories");
        }
        ctxCall(3, "memoryCopy", "(III" + ctx + ")V");
      }
      case MEMORY_FILL -> {
        if (ins.operand(0) != 0) {
          throw new Unsupported("multiple memories");
        }
        ctxCall(3, "memoryFill", "(III" + ctx + ")V");
      }
      case MEMORY_INIT -> {
        if (ins.operand(1) != 0) {
          throw new Unsupported("multiple memories");
        }
        need(3);
        constant((int) ins.operand(0));
        ctxCall(3, "memoryInit", "(IIII" + ctx + ")V");
      }
      case DATA_DROP -> {
        constant((int) ins.operand(0));
        ctxCall(0, "dataDrop", "(I" + ctx + ")V");
      }
      case TABLE_GET -> {
        need(1);
        constant((int) ins.operand(0));
        ctxCall(1, "tableGet", "(II" + ctx + ")I");
        push(I);
      }
      case TABLE_SET -> {
        need(2);
        constant((int) ins.operand(0));
        ctxCall(2, "tableSet", "(III" + ctx + ")V");
      }
      case TABLE_SIZE -> {
        constant((int) ins.operand(0));
        ctxCall(0, "tableSize", "(I" + ctx + ")I");
        push(I);
      }
      case TABLE_GROW -> {
        need(2);
        constant((int) ins.operand(0));
        ctxCall(2, "tableGrow", "(III" + ctx + ")I");
        push(I);
      }
      case TABLE_FILL -> {
        need(3);
        constant((int) ins.operand(0));
        ctxCall(3, "tableFill", "(IIII" + ctx + ")V");
      }
      case TABLE_COPY -> {
        need(3);
        constant((int) ins.operand(0));
        constant((int) ins.operand(1));
        ctxCall(3, "tableCopy", "(IIIII" + ctx + ")V");
      }
      case TABLE_INIT -> {
        need(3);
        constant((int) ins.operand(0));
        constant((int) ins.operand(1));
        ctxCall(3, "tableInit", "(IIIII" + ctx + ")V");
      }
      case ELEM_DROP -> {
        constant((int) ins.operand(0));
        ctxCall(0, "elemDrop", "(I" + ctx + ")V");
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /**
   * Calls {@code Ops.name} on the top {@code operands} values (already on the JVM stack, with any
   * constants pushed after them) and the context.
   */
  void ctxCall(int operands, String name, String desc) {
    need(operands);
    mv.visitVarInsn(ALOAD, ctxSlot);
    mv.visitMethodInsn(INVOKESTATIC, OPS, name, desc, false);
    n -= operands;
  }

  // ---- numbers ----

  /**
   * Emits a numeric instruction; false if {@code op} is none. A table, one line per opcode, long
   * because Wasm has 130 of them: split, it would only be harder to check against the spec.
   */
  boolean numeric(OpCode op) {
    switch (op) {
      case I32_EQZ -> unary(IMPL, "I32_EQZ", I, I);
      case I32_EQ -> binary(IMPL, "I32_EQ", I, I);
      case I32_NE -> binary(IMPL, "I32_NE", I, I);
      case I32_LT_S -> binary(IMPL, "I32_LT_S", I, I);
      case I32_LT_U -> binary(IMPL, "I32_LT_U", I, I);
      case I32_GT_S -> binary(IMPL, "I32_GT_S", I, I);
      case I32_GT_U -> binary(IMPL, "I32_GT_U", I, I);
      case I32_LE_S -> binary(IMPL, "I32_LE_S", I, I);
      case I32_LE_U -> binary(IMPL, "I32_LE_U", I, I);
      case I32_GE_S -> binary(IMPL, "I32_GE_S", I, I);
      case I32_GE_U -> binary(IMPL, "I32_GE_U", I, I);
      case I64_EQZ -> unary(IMPL, "I64_EQZ", J, I);
      case I64_EQ -> binary(IMPL, "I64_EQ", J, I);
      case I64_NE -> binary(IMPL, "I64_NE", J, I);
      case I64_LT_S -> binary(IMPL, "I64_LT_S", J, I);
      case I64_LT_U -> binary(IMPL, "I64_LT_U", J, I);
      case I64_GT_S -> binary(IMPL, "I64_GT_S", J, I);
      case I64_GT_U -> binary(IMPL, "I64_GT_U", J, I);
      case I64_LE_S -> binary(IMPL, "I64_LE_S", J, I);
      case I64_LE_U -> binary(IMPL, "I64_LE_U", J, I);
      case I64_GE_S -> binary(IMPL, "I64_GE_S", J, I);
      case I64_GE_U -> binary(IMPL, "I64_GE_U", J, I);
      case F32_EQ -> binary(IMPL, "F32_EQ", F, I);
      case F32_NE -> binary(IMPL, "F32_NE", F, I);
      case F32_LT -> binary(IMPL, "F32_LT", F, I);
      case F32_GT -> binary(IMPL, "F32_GT", F, I);
      case F32_LE -> binary(IMPL, "F32_LE", F, I);
      case F32_GE -> binary(IMPL, "F32_GE", F, I);
      case F64_EQ -> binary(IMPL, "F64_EQ", D, I);
      case F64_NE -> binary(IMPL, "F64_NE", D, I);
      case F64_LT -> binary(IMPL, "F64_LT", D, I);
      case F64_GT -> binary(IMPL, "F64_GT", D, I);
      case F64_LE -> binary(IMPL, "F64_LE", D, I);
      case F64_GE -> binary(IMPL, "F64_GE", D, I);
      case I32_CLZ -> unary("java/lang/Integer", "numberOfLeadingZeros", I, I);
      case I32_CTZ -> unary("java/lang/Integer", "numberOfTrailingZeros", I, I);
      case I32_POPCNT -> unary("java/lang/Integer", "bitCount", I, I);
      case I32_ADD -> insn(2, IADD, I);
      case I32_SUB -> insn(2, ISUB, I);
      case I32_MUL -> insn(2, IMUL, I);
      case I32_DIV_S -> binary(IMPL, "I32_DIV_S", I, I);
      case I32_DIV_U -> binary(IMPL, "I32_DIV_U", I, I);
      case I32_REM_S -> binary(IMPL, "I32_REM_S", I, I);
      case I32_REM_U -> binary(IMPL, "I32_REM_U", I, I);
      case I32_AND -> insn(2, IAND, I);
      case I32_OR -> insn(2, IOR, I);
      case I32_XOR -> insn(2, IXOR, I);
      case I32_SHL -> insn(2, ISHL, I);
      case I32_SHR_S -> insn(2, ISHR, I);
      case I32_SHR_U -> insn(2, IUSHR, I);
      case I32_ROTL -> binary("java/lang/Integer", "rotateLeft", I, I);
      case I32_ROTR -> binary("java/lang/Integer", "rotateRight", I, I);
      case I64_CLZ -> unaryThen("java/lang/Long", "numberOfLeadingZeros", "(J)I", I2L, J);
      case I64_CTZ -> unaryThen("java/lang/Long", "numberOfTrailingZeros", "(J)I", I2L, J);
      case I64_POPCNT -> unaryThen("java/lang/Long", "bitCount", "(J)I", I2L, J);
      case I64_ADD -> insn(2, LADD, J);
      case I64_SUB -> insn(2, LSUB, J);
      case I64_MUL -> insn(2, LMUL, J);
      case I64_DIV_S -> binary(IMPL, "I64_DIV_S", J, J);
      case I64_DIV_U -> binary(IMPL, "I64_DIV_U", J, J);
      case I64_REM_S -> binary(IMPL, "I64_REM_S", J, J);
      case I64_REM_U -> binary(IMPL, "I64_REM_U", J, J);
      case I64_AND -> insn(2, LAND, J);
      case I64_OR -> insn(2, LOR, J);
      case I64_XOR -> insn(2, LXOR, J);
      case I64_SHL -> shift(LSHL);
      case I64_SHR_S -> shift(LSHR);
      case I64_SHR_U -> shift(LUSHR);
      case I64_ROTL -> binary(IMPL, "I64_ROTL", J, J);
      case I64_ROTR -> binary(IMPL, "I64_ROTR", J, J);
      case F32_ABS -> unary(OPS, "f32Abs", F, F);
      case F32_NEG -> unary(OPS, "f32Neg", F, F);
      case F32_CEIL -> unary(OPS, "f32Ceil", F, F);
      case F32_FLOOR -> unary(OPS, "f32Floor", F, F);
      case F32_TRUNC -> unary(OPS, "f32Trunc", F, F);
      case F32_NEAREST -> unary(OPS, "f32Nearest", F, F);
      case F32_SQRT -> unary(IMPL, "F32_SQRT", F, F);
      case F32_ADD -> insn(2, FADD, F);
      case F32_SUB -> insn(2, FSUB, F);
      case F32_MUL -> insn(2, FMUL, F);
      case F32_DIV -> insn(2, FDIV, F);
      case F32_MIN -> binary(OPS, "f32Min", F, F);
      case F32_MAX -> binary(OPS, "f32Max", F, F);
      case F32_COPYSIGN -> binary(IMPL, "F32_COPYSIGN", F, F);
      case F64_ABS -> unary(OPS, "f64Abs", D, D);
      case F64_NEG -> unary(OPS, "f64Neg", D, D);
      case F64_CEIL -> unary(OPS, "f64Ceil", D, D);
      case F64_FLOOR -> unary(OPS, "f64Floor", D, D);
      case F64_TRUNC -> unary(OPS, "f64Trunc", D, D);
      case F64_NEAREST -> unary(OPS, "f64Nearest", D, D);
      case F64_SQRT -> unary("java/lang/Math", "sqrt", D, D);
      case F64_ADD -> insn(2, DADD, D);
      case F64_SUB -> insn(2, DSUB, D);
      case F64_MUL -> insn(2, DMUL, D);
      case F64_DIV -> insn(2, DDIV, D);
      case F64_MIN -> binary(OPS, "f64Min", D, D);
      case F64_MAX -> binary(OPS, "f64Max", D, D);
      case F64_COPYSIGN -> binary(IMPL, "F64_COPYSIGN", D, D);
      case I32_WRAP_I64 -> insn(1, L2I, I);
      case I32_TRUNC_F32_S -> unary(IMPL, "I32_TRUNC_F32_S", F, I);
      case I32_TRUNC_F32_U -> unary(IMPL, "I32_TRUNC_F32_U", F, I);
      case I32_TRUNC_F64_S -> unary(IMPL, "I32_TRUNC_F64_S", D, I);
      case I32_TRUNC_F64_U -> unary(IMPL, "I32_TRUNC_F64_U", D, I);
      case I64_EXTEND_I32_S -> insn(1, I2L, J);
      case I64_EXTEND_I32_U -> unary(IMPL, "I64_EXTEND_I32_U", I, J);
      case I64_TRUNC_F32_S -> unary(IMPL, "I64_TRUNC_F32_S", F, J);
      case I64_TRUNC_F32_U -> unary(IMPL, "I64_TRUNC_F32_U", F, J);
      case I64_TRUNC_F64_S -> unary(IMPL, "I64_TRUNC_F64_S", D, J);
      case I64_TRUNC_F64_U -> unary(IMPL, "I64_TRUNC_F64_U", D, J);
      case F32_CONVERT_I32_S -> insn(1, I2F, F);
      case F32_CONVERT_I32_U -> unary(IMPL, "F32_CONVERT_I32_U", I, F);
      case F32_CONVERT_I64_S -> insn(1, L2F, F);
      case F32_CONVERT_I64_U -> unary(IMPL, "F32_CONVERT_I64_U", J, F);
      case F32_DEMOTE_F64 -> insn(1, D2F, F);
      case F64_CONVERT_I32_S -> insn(1, I2D, D);
      case F64_CONVERT_I32_U -> unary(IMPL, "F64_CONVERT_I32_U", I, D);
      case F64_CONVERT_I64_S -> insn(1, L2D, D);
      case F64_CONVERT_I64_U -> unary(IMPL, "F64_CONVERT_I64_U", J, D);
      case F64_PROMOTE_F32 -> insn(1, F2D, D);
      case I32_REINTERPRET_F32 -> unary("java/lang/Float", "floatToRawIntBits", F, I);
      case I64_REINTERPRET_F64 -> unary("java/lang/Double", "doubleToRawLongBits", D, J);
      case F32_REINTERPRET_I32 -> unary("java/lang/Float", "intBitsToFloat", I, F);
      case F64_REINTERPRET_I64 -> unary("java/lang/Double", "longBitsToDouble", J, D);
      case I32_EXTEND_8_S -> insn(1, I2B, I);
      case I32_EXTEND_16_S -> insn(1, I2S, I);
      case I64_EXTEND_8_S -> unary(IMPL, "I64_EXTEND_8_S", J, J);
      case I64_EXTEND_16_S -> unary(IMPL, "I64_EXTEND_16_S", J, J);
      case I64_EXTEND_32_S -> unary(IMPL, "I64_EXTEND_32_S", J, J);
      case I32_TRUNC_SAT_F32_S -> unary(IMPL, "I32_TRUNC_SAT_F32_S", F, I);
      case I32_TRUNC_SAT_F32_U -> unary(IMPL, "I32_TRUNC_SAT_F32_U", F, I);
      case I32_TRUNC_SAT_F64_S -> unary(IMPL, "I32_TRUNC_SAT_F64_S", D, I);
      case I32_TRUNC_SAT_F64_U -> unary(IMPL, "I32_TRUNC_SAT_F64_U", D, I);
      case I64_TRUNC_SAT_F32_S -> unary(IMPL, "I64_TRUNC_SAT_F32_S", F, J);
      case I64_TRUNC_SAT_F32_U -> unary(IMPL, "I64_TRUNC_SAT_F32_U", F, J);
      case I64_TRUNC_SAT_F64_S -> unary(IMPL, "I64_TRUNC_SAT_F64_S", D, J);
      case I64_TRUNC_SAT_F64_U -> unary(IMPL, "I64_TRUNC_SAT_F64_U", D, J);
      default -> {
        return false;
      }
    }
    return true;
  }
}
