package dev.iotypes.component.abi;

import java.util.ArrayList;
import java.util.List;

/**
 * The two directions of a call across the boundary: into a lifted core function ({@link
 * #callLifted}) and from a core function into a lowered one ({@link #callLowered}). Parameters past
 * {@link Flat#MAX_FLAT_PARAMS} core values, and results past {@link Flat#MAX_FLAT_RESULTS}, travel
 * through memory.
 */
public final class Calls {
  private Calls() {}

  /** A core function: raw core values in, raw core values out. */
  @FunctionalInterface
  public interface Core {
    long[] call(long[] args);
  }

  /** A component function implemented in Java: lifted values in, the result (or null) out. */
  @FunctionalInterface
  public interface Host {
    Object call(List<Object> args);
  }

  /**
   * Calls {@code core} as the component function {@code type}: lowers {@code args} into the
   * callee's instance, lifts its result, runs {@code postReturn} (if not null) on the core results.
   */
  public static Object callLifted(
      Options options, FuncType type, List<Object> args, Core core, Core postReturn) {
    Call cx = new Call(options);
    List<ValType> params = type.paramTypes();
    if (args.size() != params.size()) {
      throw new IllegalArgumentException(
          "expected " + params.size() + " arguments, got " + args.size());
    }
    long[] coreArgs;
    if (Flat.flatten(params).size() > Flat.MAX_FLAT_PARAMS) {
      ValType tuple = new ValType.Tuple(params);
      int ptr = options.alloc(Layout.alignment(tuple), Layout.size(tuple));
      Lowering.store(cx, new Value.Tuple(args), tuple, ptr);
      coreArgs = new long[] {Integer.toUnsignedLong(ptr)};
    } else {
      List<Long> flat = new ArrayList<>();
      for (int i = 0; i < params.size(); i++) {
        flat.addAll(Lowering.lowerFlat(cx, args.get(i), params.get(i)));
      }
      coreArgs = flat.stream().mapToLong(Long::longValue).toArray();
    }
    long[] results = core.call(coreArgs);
    Object value = null;
    if (type.result() != null) {
      if (Flat.flatten(type.result()).size() > Flat.MAX_FLAT_RESULTS) {
        CanonTrap.trapIf(results.length != 1, "expected a pointer to the results");
        value = Lifting.load(cx, type.result(), (int) results[0]);
      } else {
        value = Lifting.liftFlat(cx, type.result(), new Lifting.FlatValues(results));
      }
    }
    if (postReturn != null) {
      postReturn.call(results);
    }
    cx.checkBorrowsDropped();
    return value;
  }

  /**
   * A host function given values of another shape than it takes, or returning one: the component
   * declared the import with other types than the host's (they are not compared at link time).
   */
  private static CanonTrap mismatch(FuncType type) {
    return new CanonTrap(
        "the host function does not have the type the component declares: " + type);
  }

  /** Runs {@code host} for a core call of the lowered function {@code type}. */
  public static long[] callLowered(Options options, FuncType type, long[] args, Host host) {
    Call cx = new Call(options);
    try {
      List<ValType> params = type.paramTypes();
      List<Object> values = new ArrayList<>();
      int used;
      if (Flat.flatten(params).size() > Flat.MAX_FLAT_PARAMS) {
        ValType tuple = new ValType.Tuple(params);
        values.addAll(((Value.Tuple) Lifting.load(cx, tuple, (int) args[0])).values());
        used = 1;
      } else {
        Lifting.FlatValues vi = new Lifting.FlatValues(args);
        for (ValType p : params) {
          values.add(Lifting.liftFlat(cx, p, vi));
        }
        used = Flat.flatten(params).size();
      }
      Object result;
      try {
        result = host.call(values);
      } catch (ClassCastException | IndexOutOfBoundsException e) {
        throw mismatch(type);
      }
      if (type.result() == null) {
        return new long[0];
      }
      try {
        if (Flat.flatten(type.result()).size() > Flat.MAX_FLAT_RESULTS) {
          CanonTrap.trapIf(args.length <= used, "no pointer for the results");
          Lowering.store(cx, result, type.result(), (int) args[used]);
          return new long[0];
        }
        return Lowering.lowerFlat(cx, result, type.result()).stream()
            .mapToLong(Long::longValue)
            .toArray();
      } catch (ClassCastException | IllegalArgumentException | NullPointerException e) {
        throw mismatch(type);
      }
    } finally {
      cx.returnLends();
    }
  }
}
