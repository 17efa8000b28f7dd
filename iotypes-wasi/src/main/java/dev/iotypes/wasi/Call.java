package dev.iotypes.wasi;

import static com.dylibso.chicory.wasm.types.ValType.I32;
import static com.dylibso.chicory.wasm.types.ValType.I64;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;

/**
 * A host function's body as a named Java method with typed parameters, by its wasm signature: the
 * registration table casts a method reference to the shape of its witx signature ({@code
 * (Call.IIII) fd::fdRead}), and the shape alone turns Chicory's {@code long[]} into typed
 * arguments. Shapes are named by their parameters, {@code I} for i32 and {@code J} for i64 (the
 * JVM's letters); {@code WasiSignaturesTest} pins what each function declares.
 *
 * <p>Why not reflection or method handles: those cost a cold JVM tens to hundreds of milliseconds
 * of start-up to spin their adapters, on every command run; these are plain interface calls.
 */
interface Call {
  /** Calls the method with the arguments as the wasm signature types them. */
  Errno invoke(Instance inst, long[] args);

  /** The wasm parameter types. */
  List<ValType> params();

  /** {@code (no parameters)}. */
  @FunctionalInterface
  interface None extends Call {
    Errno call(Instance inst);

    @Override
    default Errno invoke(Instance inst, long[] a) {
      return call(inst);
    }

    @Override
    default List<ValType> params() {
      return List.of();
    }
  }

  /** {@code (i32)}. */
  @FunctionalInterface
  interface I extends Call {
    Errno call(Instance inst, int a);

    @Override
    default Errno invoke(Instance inst, long[] a) {
      return call(inst, (int) a[0]);
    }

    @Override
    default List<ValType> params() {
      return List.of(I32);
    }
  }

  /** {@code (i32 i32)}. */
  @FunctionalInterface
  interface II extends Call {
    Errno call(Instance inst, int a, int b);

    @Override
    default Errno invoke(Instance inst, long[] a) {
      return call(inst, (int) a[0], (int) a[1]);
    }

    @Override
    default List<ValType> params() {
      return List.of(I32, I32);
    }
  }

  /** {@code (i32 i64)}. */
  @FunctionalInterface
  interface IJ extends Call {
    Errno call(Instance inst, int a, long b);

    @Override
    default Errno invoke(Instance inst, long[] a) {
      return call(inst, (int) a[0], a[1]);
    }

    @Override
    default List<ValType> params() {
      return List.of(I32, I64);
    }
  }

  /** {@code (i32 i32 i32)}. */
  @FunctionalInterface
  interface III extends Call {
    Errno call(Instance inst, int a, int b, int c);

    @Override
    default Errno invoke(Instance inst, long[] a) {
      return call(inst, (int) a[0], (int) a[1], (int) a[2]);
    }

    @Override
    default List<ValType> params() {
      return List.of(I32, I32, I32);
    }
  }

  /** {@code (i32 i64 i32)}. */
  @FunctionalInterface
  interface IJI extends Call {
    Errno call(Instance inst, int a, long b, int c);

    @Override
    default Errno invoke(Instance inst, long[] a) {
      return call(inst, (int) a[0], a[1], (int) a[2]);
    }

    @Override
    default List<ValType> params() {
      return List.of(I32, I64, I32);
    }
  }

  /** {@code (i32 i64 i64)}. */
  @FunctionalInterface
  interface IJJ extends Call {
    Errno call(Instance inst, int a, long b, long c);

    @Override
    default Errno invoke(Instance inst, long[] a) {
      return call(inst, (int) a[0], a[1], a[2]);
    }

    @Override
    default List<ValType> params() {
      return List.of(I32, I64, I64);
    }
  }

  /** {@code (i32 i32 i32 i32)}. */
  @FunctionalInterface
  interface IIII extends Call {
    Errno call(Instance inst, int a, int b, int c, int d);

    @Override
    default Errno invoke(Instance inst, long[] a) {
      return call(inst, (int) a[0], (int) a[1], (int) a[2], (int) a[3]);
    }

    @Override
    default List<ValType> params() {
      return List.of(I32, I32, I32, I32);
    }
  }

  /** {@code (i32 i64 i64 i32)}. */
  @FunctionalInterface
  interface IJJI extends Call {
    Errno call(Instance inst, int a, long b, long c, int d);

    @Override
    default Errno invoke(Instance inst, long[] a) {
      return call(inst, (int) a[0], a[1], a[2], (int) a[3]);
    }

    @Override
    default List<ValType> params() {
      return List.of(I32, I64, I64, I32);
    }
  }

  /** {@code (i32 i64 i32 i32)}. */
  @FunctionalInterface
  interface IJII extends Call {
    Errno call(Instance inst, int a, long b, int c, int d);

    @Override
    default Errno invoke(Instance inst, long[] a) {
      return call(inst, (int) a[0], a[1], (int) a[2], (int) a[3]);
    }

    @Override
    default List<ValType> params() {
      return List.of(I32, I64, I32, I32);
    }
  }

  /** {@code (i32 i32 i32 i32 i32)}. */
  @FunctionalInterface
  interface IIIII extends Call {
    Errno call(Instance inst, int a, int b, int c, int d, int e);

    @Override
    default Errno invoke(Instance inst, long[] a) {
      return call(inst, (int) a[0], (int) a[1], (int) a[2], (int) a[3], (int) a[4]);
    }

    @Override
    default List<ValType> params() {
      return List.of(I32, I32, I32, I32, I32);
    }
  }

  /** {@code (i32 i32 i32 i64 i32)}. */
  @FunctionalInterface
  interface IIIJI extends Call {
    Errno call(Instance inst, int a, int b, int c, long d, int e);

    @Override
    default Errno invoke(Instance inst, long[] a) {
      return call(inst, (int) a[0], (int) a[1], (int) a[2], a[3], (int) a[4]);
    }

    @Override
    default List<ValType> params() {
      return List.of(I32, I32, I32, I64, I32);
    }
  }

  /** {@code (i32 i32 i32 i32 i32 i32)}. */
  @FunctionalInterface
  interface IIIIII extends Call {
    Errno call(Instance inst, int a, int b, int c, int d, int e, int f);

    @Override
    default Errno invoke(Instance inst, long[] a) {
      return call(inst, (int) a[0], (int) a[1], (int) a[2], (int) a[3], (int) a[4], (int) a[5]);
    }

    @Override
    default List<ValType> params() {
      return List.of(I32, I32, I32, I32, I32, I32);
    }
  }

  /** {@code (i32 i32 i32 i32 i32 i32 i32)}. */
  @FunctionalInterface
  interface IIIIIII extends Call {
    Errno call(Instance inst, int a, int b, int c, int d, int e, int f, int g);

    @Override
    default Errno invoke(Instance inst, long[] a) {
      return call(
          inst, (int) a[0], (int) a[1], (int) a[2], (int) a[3], (int) a[4], (int) a[5], (int) a[6]);
    }

    @Override
    default List<ValType> params() {
      return List.of(I32, I32, I32, I32, I32, I32, I32);
    }
  }

  /** {@code (i32 i32 i32 i32 i64 i64 i32)}. */
  @FunctionalInterface
  interface IIIIJJI extends Call {
    Errno call(Instance inst, int a, int b, int c, int d, long e, long f, int g);

    @Override
    default Errno invoke(Instance inst, long[] a) {
      return call(inst, (int) a[0], (int) a[1], (int) a[2], (int) a[3], a[4], a[5], (int) a[6]);
    }

    @Override
    default List<ValType> params() {
      return List.of(I32, I32, I32, I32, I64, I64, I32);
    }
  }

  /** {@code (i32 i32 i32 i32 i32 i64 i64 i32 i32)}. */
  @FunctionalInterface
  interface IIIIIJJII extends Call {
    Errno call(Instance inst, int a, int b, int c, int d, int e, long f, long g, int h, int i);

    @Override
    default Errno invoke(Instance inst, long[] a) {
      return call(
          inst,
          (int) a[0],
          (int) a[1],
          (int) a[2],
          (int) a[3],
          (int) a[4],
          a[5],
          a[6],
          (int) a[7],
          (int) a[8]);
    }

    @Override
    default List<ValType> params() {
      return List.of(I32, I32, I32, I32, I32, I64, I64, I32, I32);
    }
  }
}
