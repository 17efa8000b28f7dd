package dev.iotypes.engine;

import static org.objectweb.asm.Opcodes.*;

import com.dylibso.chicory.wasm.types.OpCode;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * A Wasm comparison compiled straight into the JVM's conditional jump, for a comparison that a
 * {@code br_if} or {@code if} consumes at once. Materialising the 0 or 1 first, as a call to
 * Chicory's {@code OpcodeImpl}, costs a diamond per branch that C2 must fold again, and shares one
 * branch profile among every call site of the module, so a branch that one loop never takes reads
 * as taken and the speculation that would prune it is lost (or, the other way round, a
 * deoptimisation recompiles a whole region).
 *
 * <p>Unsigned comparisons add {@code MIN_VALUE} to both sides, which maps unsigned order onto
 * signed order. Float comparisons pick {@code fcmpl} or {@code fcmpg} as javac does, so that a NaN
 * operand makes every ordered comparison false; negating the jump alone (same compare) keeps that
 * right.
 */
record Comparison(int kind, int operands, boolean unsigned, int compare, int jump) {

  private static final int I = 0;
  private static final int J = 1;
  private static final int F = 2;
  private static final int D = 3;

  /** The comparison {@code op} compiles to, or null if it is not one. */
  static Comparison of(OpCode op) {
    return switch (op) {
      case I32_EQZ -> new Comparison(I, 1, false, NOP, IFEQ);
      case I32_EQ -> ints(false, IF_ICMPEQ);
      case I32_NE -> ints(false, IF_ICMPNE);
      case I32_LT_S -> ints(false, IF_ICMPLT);
      case I32_LT_U -> ints(true, IF_ICMPLT);
      case I32_GT_S -> ints(false, IF_ICMPGT);
      case I32_GT_U -> ints(true, IF_ICMPGT);
      case I32_LE_S -> ints(false, IF_ICMPLE);
      case I32_LE_U -> ints(true, IF_ICMPLE);
      case I32_GE_S -> ints(false, IF_ICMPGE);
      case I32_GE_U -> ints(true, IF_ICMPGE);
      case I64_EQZ -> new Comparison(J, 1, false, LCMP, IFEQ);
      case I64_EQ -> new Comparison(J, 2, false, LCMP, IFEQ);
      case I64_NE -> new Comparison(J, 2, false, LCMP, IFNE);
      case I64_LT_S -> new Comparison(J, 2, false, LCMP, IFLT);
      case I64_LT_U -> new Comparison(J, 2, true, LCMP, IFLT);
      case I64_GT_S -> new Comparison(J, 2, false, LCMP, IFGT);
      case I64_GT_U -> new Comparison(J, 2, true, LCMP, IFGT);
      case I64_LE_S -> new Comparison(J, 2, false, LCMP, IFLE);
      case I64_LE_U -> new Comparison(J, 2, true, LCMP, IFLE);
      case I64_GE_S -> new Comparison(J, 2, false, LCMP, IFGE);
      case I64_GE_U -> new Comparison(J, 2, true, LCMP, IFGE);
      case F32_EQ -> new Comparison(F, 2, false, FCMPL, IFEQ);
      case F32_NE -> new Comparison(F, 2, false, FCMPL, IFNE);
      case F32_LT -> new Comparison(F, 2, false, FCMPG, IFLT);
      case F32_GT -> new Comparison(F, 2, false, FCMPL, IFGT);
      case F32_LE -> new Comparison(F, 2, false, FCMPG, IFLE);
      case F32_GE -> new Comparison(F, 2, false, FCMPL, IFGE);
      case F64_EQ -> new Comparison(D, 2, false, DCMPL, IFEQ);
      case F64_NE -> new Comparison(D, 2, false, DCMPL, IFNE);
      case F64_LT -> new Comparison(D, 2, false, DCMPG, IFLT);
      case F64_GT -> new Comparison(D, 2, false, DCMPL, IFGT);
      case F64_LE -> new Comparison(D, 2, false, DCMPG, IFLE);
      case F64_GE -> new Comparison(D, 2, false, DCMPL, IFGE);
      default -> null;
    };
  }

  private static Comparison ints(boolean unsigned, int jump) {
    return new Comparison(I, 2, unsigned, NOP, jump);
  }

  /** Emits the step after an operand is pushed: the bias that makes unsigned order signed. */
  void bias(MethodVisitor mv) {
    if (!unsigned) {
      return;
    }
    if (kind == I) {
      mv.visitLdcInsn(Integer.MIN_VALUE);
      mv.visitInsn(IADD);
    } else {
      mv.visitLdcInsn(Long.MIN_VALUE);
      mv.visitInsn(LADD);
    }
  }

  /**
   * Emits the jump to {@code target}, taken when the comparison holds, or when it does not if
   * {@code negated}; the operands (biased) are on the JVM stack.
   */
  void jump(MethodVisitor mv, Label target, boolean negated) {
    if (operands == 1 && kind == J) {
      mv.visitInsn(LCONST_0);
    }
    if (compare != NOP) {
      mv.visitInsn(compare);
    }
    mv.visitJumpInsn(negated ? negate(jump) : jump, target);
  }

  private static int negate(int jump) {
    return switch (jump) {
      case IFEQ -> IFNE;
      case IFNE -> IFEQ;
      case IFLT -> IFGE;
      case IFGE -> IFLT;
      case IFGT -> IFLE;
      case IFLE -> IFGT;
      case IF_ICMPEQ -> IF_ICMPNE;
      case IF_ICMPNE -> IF_ICMPEQ;
      case IF_ICMPLT -> IF_ICMPGE;
      case IF_ICMPGE -> IF_ICMPLT;
      case IF_ICMPGT -> IF_ICMPLE;
      case IF_ICMPLE -> IF_ICMPGT;
      default -> throw new IllegalArgumentException("not a conditional jump: " + jump);
    };
  }
}
