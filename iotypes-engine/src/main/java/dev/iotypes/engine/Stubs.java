package dev.iotypes.engine;

import static org.objectweb.asm.Opcodes.*;

import com.dylibso.chicory.wasm.types.FunctionType;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;

/**
 * The small generated methods around compiled functions: the entry from Chicory's {@code long[]}
 * calling convention, the stand-in for a function left to the interpreter, and adapters that let
 * {@code call_indirect} reach host functions and other instances with a compiled function's
 * signature.
 */
final class Stubs {
  private static final String OPS = "dev/iotypes/engine/Ops";
  private static final String CONTEXT_DESC = "Ldev/iotypes/engine/Context;";
  private static final String INSTANCE_DESC = "Lcom/dylibso/chicory/runtime/Instance;";

  private Stubs() {}

  /** {@code static long[] call(long[] args, Context ctx)}: unpacks, calls, packs. */
  static void invoker(ClassWriter cw, String owner, String method, FunctionType type) {
    MethodVisitor mv =
        cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "call", "([J" + CONTEXT_DESC + ")[J", null, null);
    mv.visitCode();
    int[] params = FunctionCompiler.kinds(type.params());
    for (int i = 0; i < params.length; i++) {
      mv.visitVarInsn(ALOAD, 0);
      mv.visitLdcInsn(i);
      mv.visitInsn(LALOAD);
      FunctionCompiler.fromLong(mv, params[i]);
    }
    mv.visitVarInsn(ALOAD, 1);
    mv.visitMethodInsn(INVOKESTATIC, owner, method, FunctionCompiler.methodDesc(type), false);
    int[] results = FunctionCompiler.kinds(type.returns());
    if (results.length == 0) {
      mv.visitInsn(ACONST_NULL);
    } else if (results.length == 1) {
      FunctionCompiler.toLong(mv, results[0]);
      mv.visitVarInsn(LSTORE, 2);
      mv.visitInsn(ICONST_1);
      mv.visitIntInsn(NEWARRAY, T_LONG);
      mv.visitInsn(DUP);
      mv.visitInsn(ICONST_0);
      mv.visitVarInsn(LLOAD, 2);
      mv.visitInsn(LASTORE);
    }
    mv.visitInsn(ARETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  /**
   * A function the engine leaves to Chicory's interpreter: its entry point hands the arguments
   * over, and so does its typed method when the function's signature has one.
   */
  static byte[] interpreted(ClassWriter cw, int funcId, FunctionType type) {
    MethodVisitor mv =
        cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "call", "([J" + CONTEXT_DESC + ")[J", null, null);
    mv.visitCode();
    mv.visitVarInsn(ALOAD, 0);
    mv.visitLdcInsn(funcId);
    mv.visitVarInsn(ALOAD, 1);
    mv.visitMethodInsn(INVOKESTATIC, OPS, "interpret", "([JI" + CONTEXT_DESC + ")[J", false);
    mv.visitInsn(ARETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    String desc;
    try {
      desc = FunctionCompiler.methodDesc(type);
      if (FunctionCompiler.parameterSlots(type) > 254) {
        throw new FunctionCompiler.Unsupported("more parameters than a JVM method takes");
      }
    } catch (FunctionCompiler.Unsupported e) {
      cw.visitEnd();
      return cw.toByteArray(); // a v128 signature: only the interpreter calls it
    }
    mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, ModuleCode.methodName(funcId), desc, null, null);
    mv.visitCode();
    int ctx = pack(mv, type);
    mv.visitLdcInsn(funcId);
    mv.visitVarInsn(ALOAD, ctx);
    mv.visitMethodInsn(INVOKESTATIC, OPS, "interpret", "([JI" + CONTEXT_DESC + ")[J", false);
    unpackAndReturn(mv, type);
    cw.visitEnd();
    return cw.toByteArray();
  }

  /**
   * {@code host(params..., Context, int funcId)} and {@code foreign(params..., Context, Instance,
   * int funcId)} for one function type.
   */
  static void adapters(ClassWriter cw, FunctionType type) {
    String desc = FunctionCompiler.methodDesc(type);
    String head = desc.substring(0, desc.indexOf(')'));
    String ret = desc.substring(desc.indexOf(')') + 1);
    MethodVisitor mv =
        cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "host", head + "I)" + ret, null, null);
    mv.visitCode();
    int ctx = pack(mv, type);
    mv.visitVarInsn(ILOAD, ctx + 1);
    mv.visitVarInsn(ALOAD, ctx);
    mv.visitMethodInsn(INVOKESTATIC, OPS, "callHost", "([JI" + CONTEXT_DESC + ")[J", false);
    unpackAndReturn(mv, type);
    mv =
        cw.visitMethod(
            ACC_PUBLIC | ACC_STATIC, "foreign", head + INSTANCE_DESC + "I)" + ret, null, null);
    mv.visitCode();
    ctx = pack(mv, type);
    mv.visitVarInsn(ALOAD, ctx + 1);
    mv.visitVarInsn(ILOAD, ctx + 2);
    mv.visitMethodInsn(INVOKESTATIC, OPS, "callForeign", "([J" + INSTANCE_DESC + "I)[J", false);
    unpackAndReturn(mv, type);
  }

  /** Leaves the parameters as a long[] on the stack; returns the context's local. */
  private static int pack(MethodVisitor mv, FunctionType type) {
    int[] params = FunctionCompiler.kinds(type.params());
    mv.visitLdcInsn(params.length);
    mv.visitIntInsn(NEWARRAY, T_LONG);
    int local = 0;
    for (int i = 0; i < params.length; i++) {
      mv.visitInsn(DUP);
      mv.visitLdcInsn(i);
      mv.visitVarInsn(new int[] {ILOAD, LLOAD, FLOAD, DLOAD}[params[i]], local);
      FunctionCompiler.toLong(mv, params[i]);
      mv.visitInsn(LASTORE);
      local += FunctionCompiler.size(params[i]);
    }
    return local;
  }

  private static void unpackAndReturn(MethodVisitor mv, FunctionType type) {
    int[] results = FunctionCompiler.kinds(type.returns());
    if (results.length == 0) {
      mv.visitInsn(POP);
      mv.visitInsn(RETURN);
    } else if (results.length == 1) {
      mv.visitInsn(ICONST_0);
      mv.visitInsn(LALOAD);
      FunctionCompiler.fromLong(mv, results[0]);
      mv.visitInsn(new int[] {IRETURN, LRETURN, FRETURN, DRETURN}[results[0]]);
    } else {
      mv.visitInsn(ARETURN);
    }
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }
}
