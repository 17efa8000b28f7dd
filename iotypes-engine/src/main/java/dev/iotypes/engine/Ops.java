package dev.iotypes.engine;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.OpcodeImpl;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.ChicoryException;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What compiled code calls: each method small enough for HotSpot to inline at every call site
 * (under 35 bytes of bytecode where it sits on a hot path), so a load is one range check and one
 * access once compiled.
 */
public final class Ops {
  private Ops() {}

  /**
   * Raw access to the memory's bytes: one bounds check against the buffer's limit, then a plain
   * load or store at its address (the buffer's own accessors cost HotSpot's inlining budget a call
   * chain per access). Wasm is little-endian: on a big-endian host, or without Unsafe, the engine
   * leaves modules with a memory to Chicory's interpreter.
   */
  private static final sun.misc.Unsafe U;

  private static final long ADDRESS;
  private static final boolean RAW;

  static {
    sun.misc.Unsafe unsafe = null;
    long address = -1;
    try {
      var field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
      field.setAccessible(true);
      unsafe = (sun.misc.Unsafe) field.get(null);
      address = unsafe.objectFieldOffset(java.nio.Buffer.class.getDeclaredField("address"));
    } catch (ReflectiveOperationException | RuntimeException e) {
      unsafe = null;
    }
    U = unsafe;
    ADDRESS = address;
    RAW = unsafe != null && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
  }

  /**
   * The address of bytes {@code [addr + offset, + width)} of a memory at {@code base} of {@code
   * size} bytes, after checking them. Wasm's address is unsigned and its offset a 32-bit constant,
   * so their sum is exact in a long and one comparison checks it all; compiled code holds base and
   * size in locals, so the check compares registers (it is the engine's largest cost on
   * memory-heavy code: no guard pages on the JVM).
   */
  private static long at(int addr, long offset, int width, long base, int size) {
    long at = Integer.toUnsignedLong(addr) + offset;
    if (at > size - width) {
      throw outOfBounds();
    }
    return base + at;
  }

  /** Where a direct buffer's bytes are. */
  static long address(ByteBuffer buffer) {
    return U.getLong(buffer, ADDRESS);
  }

  /** Whether compiled code can address memory directly here (else the interpreter runs). */
  static boolean supported() {
    return RAW;
  }

  public static int loadI32(int addr, long offset, long base, int size) {
    return U.getInt(at(addr, offset, 4, base, size));
  }

  public static long loadI64(int addr, long offset, long base, int size) {
    return U.getLong(at(addr, offset, 8, base, size));
  }

  public static float loadF32(int addr, long offset, long base, int size) {
    return U.getFloat(at(addr, offset, 4, base, size));
  }

  public static double loadF64(int addr, long offset, long base, int size) {
    return U.getDouble(at(addr, offset, 8, base, size));
  }

  public static int load8S(int addr, long offset, long base, int size) {
    return U.getByte(at(addr, offset, 1, base, size));
  }

  public static int load8U(int addr, long offset, long base, int size) {
    return U.getByte(at(addr, offset, 1, base, size)) & 0xFF;
  }

  public static int load16S(int addr, long offset, long base, int size) {
    return U.getShort(at(addr, offset, 2, base, size));
  }

  public static int load16U(int addr, long offset, long base, int size) {
    return U.getShort(at(addr, offset, 2, base, size)) & 0xFFFF;
  }

  public static long load32U(int addr, long offset, long base, int size) {
    return U.getInt(at(addr, offset, 4, base, size)) & 0xFFFF_FFFFL;
  }

  public static void storeI32(int addr, int v, long offset, long base, int size) {
    U.putInt(at(addr, offset, 4, base, size), v);
  }

  public static void storeI64(int addr, long v, long offset, long base, int size) {
    U.putLong(at(addr, offset, 8, base, size), v);
  }

  public static void storeF32(int addr, float v, long offset, long base, int size) {
    U.putFloat(at(addr, offset, 4, base, size), v);
  }

  public static void storeF64(int addr, double v, long offset, long base, int size) {
    U.putDouble(at(addr, offset, 8, base, size), v);
  }

  public static void store8(int addr, int v, long offset, long base, int size) {
    U.putByte(at(addr, offset, 1, base, size), (byte) v);
  }

  public static void store16(int addr, int v, long offset, long base, int size) {
    U.putShort(at(addr, offset, 2, base, size), (short) v);
  }

  public static void store8L(int addr, long v, long offset, long base, int size) {
    U.putByte(at(addr, offset, 1, base, size), (byte) v);
  }

  public static void store16L(int addr, long v, long offset, long base, int size) {
    U.putShort(at(addr, offset, 2, base, size), (short) v);
  }

  public static void store32L(int addr, long v, long offset, long base, int size) {
    U.putInt(at(addr, offset, 4, base, size), (int) v);
  }

  public static int memorySize(Context ctx) {
    return ctx.directMemory().pages();
  }

  public static int memoryGrow(int delta, Context ctx) {
    return ctx.directMemory().grow(delta);
  }

  public static void memoryCopy(int dst, int src, int len, Context ctx) {
    Memory m = ctx.directMemory();
    checkRange(dst, len, m);
    checkRange(src, len, m);
    m.copy(dst, src, len);
  }

  public static void memoryFill(int dst, int value, int len, Context ctx) {
    Memory m = ctx.directMemory();
    checkRange(dst, len, m);
    m.fill((byte) value, dst, dst + len);
  }

  public static void memoryInit(int dst, int src, int len, int segment, Context ctx) {
    ctx.directMemory().initPassiveSegment(segment, dst, src, len);
  }

  public static void dataDrop(int segment, Context ctx) {
    ctx.directMemory().drop(segment);
  }

  private static void checkRange(int at, int len, Memory m) {
    long end = Integer.toUnsignedLong(at) + Integer.toUnsignedLong(len);
    if (end > (long) m.pages() * Memory.PAGE_SIZE) {
      throw outOfBounds();
    }
  }

  public static long global(int index, Context ctx) {
    return ctx.globals[index].getValue();
  }

  public static void setGlobal(long value, int index, Context ctx) {
    ctx.globals[index].setValue(value);
  }

  public static long[] callHost(long[] args, int funcId, Context ctx) {
    Instance instance = ctx.instance;
    return instance.imports().function(funcId).handle().apply(instance, args);
  }

  /** A function of another instance (an imported function or a foreign table entry). */
  public static long[] callForeign(long[] args, Instance target, int funcId) {
    if (Thread.currentThread().isInterrupted()) {
      throw new ChicoryInterruptedException("Thread interrupted");
    }
    return target.getMachine().call(funcId, args);
  }

  /** The target of {@code call_indirect}, type-checked; invoked with the caller's context. */
  public static MethodHandle indirect(int elem, int typeIdx, int tableIdx, Context ctx) {
    return ctx.code.indirect(ctx, tableIdx, typeIdx, elem);
  }

  public static int tableGet(int index, int tableIdx, Context ctx) {
    return OpcodeImpl.TABLE_GET(ctx.instance, tableIdx, index);
  }

  public static void tableSet(int index, int value, int tableIdx, Context ctx) {
    var table = ctx.instance.table(tableIdx);
    if (index < 0 || index >= table.size()) {
      throw new TrapException("out of bounds table access");
    }
    table.setRef(index, value, ctx.instance);
  }

  public static int tableSize(int tableIdx, Context ctx) {
    return ctx.instance.table(tableIdx).size();
  }

  public static int tableGrow(int value, int delta, int tableIdx, Context ctx) {
    return ctx.instance.table(tableIdx).grow(delta, value, ctx.instance);
  }

  public static void tableFill(int at, int value, int len, int tableIdx, Context ctx) {
    OpcodeImpl.TABLE_FILL(ctx.instance, tableIdx, len, value, at);
  }

  public static void tableCopy(int dst, int src, int len, int dstTable, int srcTable, Context ctx) {
    OpcodeImpl.TABLE_COPY(ctx.instance, srcTable, dstTable, len, src, dst);
  }

  public static void tableInit(int dst, int src, int len, int elem, int tableIdx, Context ctx) {
    OpcodeImpl.TABLE_INIT(ctx.instance, tableIdx, elem, len, src, dst);
  }

  public static void elemDrop(int elem, Context ctx) {
    ctx.instance.setElement(elem, null);
  }

  public static int refFunc(int funcId) {
    return funcId;
  }

  public static int select(int a, int b, int c) {
    return c != 0 ? a : b;
  }

  public static long select(long a, long b, int c) {
    return c != 0 ? a : b;
  }

  public static float select(float a, float b, int c) {
    return c != 0 ? a : b;
  }

  public static double select(double a, double b, int c) {
    return c != 0 ? a : b;
  }

  public static int isNull(int ref) {
    return ref == -1 ? 1 : 0;
  }

  /** Sign bit only, NaN payload kept: {@code Math.abs} and {@code fneg} may not keep it. */
  public static float f32Abs(float x) {
    return Float.intBitsToFloat(Float.floatToRawIntBits(x) & 0x7FFF_FFFF);
  }

  public static float f32Neg(float x) {
    return Float.intBitsToFloat(Float.floatToRawIntBits(x) ^ 0x8000_0000);
  }

  public static double f64Abs(double x) {
    return Double.longBitsToDouble(Double.doubleToRawLongBits(x) & 0x7FFF_FFFF_FFFF_FFFFL);
  }

  public static double f64Neg(double x) {
    return Double.longBitsToDouble(Double.doubleToRawLongBits(x) ^ 0x8000_0000_0000_0000L);
  }

  // min, max and rounding of a NaN give a quiet NaN (Java's return a signalling one unchanged).

  public static float f32Min(float a, float b) {
    return a != a || b != b ? Float.NaN : Math.min(a, b);
  }

  public static float f32Max(float a, float b) {
    return a != a || b != b ? Float.NaN : Math.max(a, b);
  }

  public static double f64Min(double a, double b) {
    return a != a || b != b ? Double.NaN : Math.min(a, b);
  }

  public static double f64Max(double a, double b) {
    return a != a || b != b ? Double.NaN : Math.max(a, b);
  }

  public static float f32Ceil(float x) {
    return x != x ? Float.NaN : (float) Math.ceil(x);
  }

  public static float f32Floor(float x) {
    return x != x ? Float.NaN : (float) Math.floor(x);
  }

  public static float f32Trunc(float x) {
    return x != x ? Float.NaN : (float) (x < 0 ? Math.ceil(x) : Math.floor(x));
  }

  public static float f32Nearest(float x) {
    return x != x ? Float.NaN : (float) Math.rint(x);
  }

  public static double f64Ceil(double x) {
    return x != x ? Double.NaN : Math.ceil(x);
  }

  public static double f64Floor(double x) {
    return x != x ? Double.NaN : Math.floor(x);
  }

  public static double f64Trunc(double x) {
    return x != x ? Double.NaN : x < 0 ? Math.ceil(x) : Math.floor(x);
  }

  public static double f64Nearest(double x) {
    return x != x ? Double.NaN : Math.rint(x);
  }

  public static float f32Sqrt(float x) {
    return (float) Math.sqrt(x);
  }

  /** A function the engine does not compile, run by Chicory's interpreter. */
  public static long[] interpret(long[] args, int funcId, Context ctx) {
    return ctx.interpreter().call(funcId, args);
  }

  public static RuntimeException unreachable() {
    return new TrapException("Trapped on unreachable instruction");
  }

  public static RuntimeException outOfBounds() {
    return new WasmRuntimeException("out of bounds memory access");
  }

  public static RuntimeException typeMismatch() {
    return new ChicoryException("indirect call type mismatch");
  }
}
