package dev.iotypes.engine;

import static org.objectweb.asm.Opcodes.*;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.MethodVisitor;

/**
 * The compile-time model of Wasm's operand stack, and the emission of values: what every method the
 * engine generates is built on.
 *
 * <p>A value is either on the JVM stack or in a JVM local reserved for its stack depth and kind (a
 * "slot"). Straight-line code keeps values on the JVM stack, as a stack machine wants; {@link
 * #spillAll} moves them to their slots wherever control can merge or re-enter, so that branches are
 * plain jumps and every loop header has an empty JVM stack, which HotSpot's on-stack replacement
 * needs.
 */
abstract class Emitter {
  static final int I = 0; // i32 and references
  static final int J = 1;
  static final int F = 2;
  static final int D = 3;
  static final String OPS = "dev/iotypes/engine/Ops";
  static final String IMPL = "com/dylibso/chicory/runtime/OpcodeImpl";
  static final String CONTEXT = "dev/iotypes/engine/Context";
  static final String CONTEXT_DESC = "L" + CONTEXT + ";";

  /** What a load or store is given after its operands: the offset, the memory's address, size. */
  static final String MEMORY_DESC = "JJI";

  /** A function the engine leaves to Chicory's interpreter (SIMD, threads, GC, exceptions…). */
  static final class Unsupported extends RuntimeException {
    Unsupported(String what) {
      super(what, null, false, false);
    }
  }

  final MethodVisitor mv;

  /** The local holding the {@link Context}. */
  int ctxSlot;

  /** The locals holding the memory's address (a long), then its size in bytes (an int). */
  int memSlot;

  /** The next JVM local free for a slot. */
  int nextLocal;

  final Map<Integer, Integer> slots = new HashMap<>();
  int[] stack = new int[32];
  int n;
  int spilled;

  Emitter(MethodVisitor mv) {
    this.mv = mv;
  }

  static int kind(ValType t) {
    switch (t.opcode()) {
      case ValType.ID.I64:
        return J;
      case ValType.ID.F32:
        return F;
      case ValType.ID.F64:
        return D;
      case ValType.ID.V128:
        throw new Unsupported("v128");
      default:
        return I;
    }
  }

  static int[] kinds(List<ValType> types) {
    int[] k = new int[types.size()];
    for (int i = 0; i < k.length; i++) {
      k[i] = kind(types.get(i));
    }
    return k;
  }

  static int size(int kind) {
    return kind == J || kind == D ? 2 : 1;
  }

  /** The JVM argument slots of a function's compiled method, its context included. */
  static int parameterSlots(FunctionType type) {
    int slots = 1;
    for (ValType p : type.params()) {
      slots += size(kind(p));
    }
    return slots;
  }

  static String desc(int kind) {
    return "IJFD".substring(kind, kind + 1);
  }

  /** {@code (params..., Context) result}: a single result is returned, several as a long[]. */
  static String methodDesc(FunctionType type) {
    StringBuilder sb = new StringBuilder("(");
    for (ValType p : type.params()) {
      sb.append(desc(kind(p)));
    }
    sb.append(CONTEXT_DESC).append(')');
    return sb.append(returnDesc(type)).toString();
  }

  static String returnDesc(FunctionType type) {
    switch (type.returns().size()) {
      case 0:
        return "V";
      case 1:
        return desc(kind(type.returns().get(0)));
      default:
        return "[J";
    }
  }

  void insn(int operands, int opcode, int result) {
    need(operands);
    mv.visitInsn(opcode);
    n -= operands;
    push(result);
  }

  void shift(int opcode) {
    need(2);
    mv.visitInsn(L2I);
    mv.visitInsn(opcode);
    n -= 2;
    push(J);
  }

  void unary(String owner, String name, int operand, int result) {
    need(1);
    mv.visitMethodInsn(INVOKESTATIC, owner, name, "(" + desc(operand) + ")" + desc(result), false);
    n--;
    push(result);
  }

  void unaryThen(String owner, String name, String desc, int then, int result) {
    need(1);
    mv.visitMethodInsn(INVOKESTATIC, owner, name, desc, false);
    mv.visitInsn(then);
    n--;
    push(result);
  }

  void binary(String owner, String name, int operands, int result) {
    need(2);
    String d = desc(operands);
    mv.visitMethodInsn(INVOKESTATIC, owner, name, "(" + d + d + ")" + desc(result), false);
    n -= 2;
    push(result);
  }

  // ---- the stack model ----

  void push(int kind) {
    if (n == stack.length) {
      stack = java.util.Arrays.copyOf(stack, n * 2);
    }
    stack[n++] = kind;
  }

  void drop() {
    if (n - 1 >= spilled) {
      mv.visitInsn(size(stack[n - 1]) == 2 ? POP2 : POP);
      n--;
    } else {
      n--;
      spilled = n;
    }
  }

  /** Brings the top {@code k} values onto the JVM stack (spilling what lies between). */
  void need(int k) {
    if (n - k >= spilled) {
      return;
    }
    spillAll();
    for (int i = n - k; i < n; i++) {
      loadSlot(i);
    }
    spilled = n - k;
  }

  /** Moves every value on the JVM stack into its slot. */
  void spillAll() {
    for (int i = n - 1; i >= spilled; i--) {
      store(stack[i], slot(i, stack[i]));
    }
    spilled = n;
  }

  void loadSlot(int depth) {
    load(stack[depth], slot(depth, stack[depth]));
  }

  int slot(int depth, int kind) {
    return slots.computeIfAbsent(
        depth * 4 + kind,
        key -> {
          int at = nextLocal;
          nextLocal += size(kind);
          return at;
        });
  }

  void load(int kind, int local) {
    mv.visitVarInsn(new int[] {ILOAD, LLOAD, FLOAD, DLOAD}[kind], local);
  }

  void store(int kind, int local) {
    mv.visitVarInsn(new int[] {ISTORE, LSTORE, FSTORE, DSTORE}[kind], local);
  }

  void zero(int kind) {
    mv.visitInsn(new int[] {ICONST_0, LCONST_0, FCONST_0, DCONST_0}[kind]);
  }

  void constant(int value) {
    if (value >= -1 && value <= 5) {
      mv.visitInsn(ICONST_0 + value);
    } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
      mv.visitIntInsn(BIPUSH, value);
    } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
      mv.visitIntInsn(SIPUSH, value);
    } else {
      mv.visitLdcInsn(value);
    }
  }

  /** A value of {@code kind} on the JVM stack becomes its long[] encoding (Chicory's). */
  static void toLong(MethodVisitor mv, int kind) {
    switch (kind) {
      case I -> mv.visitInsn(I2L);
      case F -> {
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
        mv.visitInsn(I2L);
      }
      case D ->
          mv.visitMethodInsn(
              INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
      default -> {}
    }
  }

  static void fromLong(MethodVisitor mv, int kind) {
    switch (kind) {
      case I -> mv.visitInsn(L2I);
      case F -> {
        mv.visitInsn(L2I);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
      }
      case D ->
          mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
      default -> {}
    }
  }

  void toLong(int kind) {
    toLong(mv, kind);
  }

  void fromLong(int kind) {
    fromLong(mv, kind);
  }
}
