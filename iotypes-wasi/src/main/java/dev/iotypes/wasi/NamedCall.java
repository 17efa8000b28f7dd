package dev.iotypes.wasi;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.ValType;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * A host function that is a named Java method with typed parameters, as Chicory's
 * {@code @WasmExport} has them, without an annotation processor: the method is the camelCase of the
 * ABI name ({@code fd_read} is {@code fdRead}), takes the {@link Instance} and then one parameter
 * per wasm one, {@code int} for i32 and {@code long} for i64, and returns the {@link Errno} (or
 * nothing, for {@code proc_exit}). The wasm signature is read off the method, so no index into the
 * argument array, and no signature, is written by hand where they could drift.
 *
 * <p>The adapter from Chicory's {@code long[]} is a method handle built once: each i32 argument is
 * narrowed with {@code (int)}, as a hand-written {@code (int) args[i]} would.
 */
final class NamedCall {
  private final MethodHandle handle; // (Instance, long[]) Errno
  private final List<ValType> params;
  private final boolean returnsErrno;

  private NamedCall(MethodHandle handle, List<ValType> params, boolean returnsErrno) {
    this.handle = handle;
    this.params = params;
    this.returnsErrno = returnsErrno;
  }

  /** The method of {@code area} for the ABI function {@code name}; fails at once if it is wrong. */
  static NamedCall of(Object area, String name) {
    Method method = method(area.getClass(), camelCase(name));
    Class<?>[] types = method.getParameterTypes();
    Class<?> result = method.getReturnType();
    if (types.length == 0 || types[0] != Instance.class) {
      throw new IllegalStateException(method + ": the first parameter must be the Instance");
    }
    if (result != Errno.class && result != void.class) {
      throw new IllegalStateException(method + ": must return Errno (or void, for proc_exit)");
    }
    List<ValType> params = new ArrayList<>();
    Class<?>[] wide = new Class<?>[types.length];
    wide[0] = Instance.class;
    for (int i = 1; i < types.length; i++) {
      if (types[i] == int.class) {
        params.add(ValType.I32);
      } else if (types[i] == long.class) {
        params.add(ValType.I64);
      } else {
        throw new IllegalStateException(method + ": parameters are int (i32) or long (i64)");
      }
      wide[i] = long.class;
    }
    try {
      MethodHandle h = MethodHandles.lookup().unreflect(method).bindTo(area);
      h = MethodHandles.explicitCastArguments(h, MethodType.methodType(result, wide));
      h = h.asSpreader(long[].class, types.length - 1);
      h = h.asType(MethodType.methodType(Errno.class, Instance.class, long[].class));
      return new NamedCall(h, List.copyOf(params), result == Errno.class);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(method + " is not accessible", e);
    }
  }

  List<ValType> params() {
    return params;
  }

  boolean returnsErrno() {
    return returnsErrno;
  }

  /** Calls the method; what it throws is thrown unchanged. */
  Errno invoke(Instance instance, long[] args) {
    try {
      return (Errno) handle.invokeExact(instance, args);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e); // host functions throw no checked exception
    }
  }

  static String camelCase(String name) {
    StringBuilder b = new StringBuilder();
    boolean upper = false;
    for (char c : name.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        b.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return b.toString();
  }

  private static Method method(Class<?> area, String name) {
    Method found = null;
    for (Method m : area.getDeclaredMethods()) {
      if (m.getName().equals(name)) {
        if (found != null) {
          throw new IllegalStateException(area.getSimpleName() + "." + name + " is overloaded");
        }
        found = m;
      }
    }
    if (found == null) {
      throw new IllegalStateException("no method " + name + " in " + area.getSimpleName());
    }
    return found;
  }
}
