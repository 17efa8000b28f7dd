package dev.iotypes.wasm.runtime;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.types.FunctionType;

/**
 * The gate every host function of a run passes, whichever import module it belongs to: with a time
 * budget the call runs inside the watchdog's enter/exit (a call under way is let finish, and the
 * run ends as it returns), a budget that ran out ({@link LimitReached}) always unwinds the guest,
 * and any other exception is left to the module's policy: the {@code iotypes} module traps,
 * preview1 returns an errno. A class, not a lambda: one receiver type at Chicory's host-call site.
 */
public final class HostGate implements WasmFunctionHandle {
  /** A host function's body. */
  @FunctionalInterface
  public interface Body {
    long[] apply(Instance instance, long[] args);
  }

  /** What a call that threw {@code e} returns instead, or throws. */
  @FunctionalInterface
  public interface Policy {
    long[] failed(String name, RuntimeException e);
  }

  private final String name;
  private final Body body;
  private final Policy policy;
  private final Watchdog watchdog; // null: no budget, nothing to check on the hot path

  private HostGate(String name, Body body, Policy policy, Watchdog watchdog) {
    this.name = name;
    this.body = body;
    this.policy = policy;
    this.watchdog = watchdog.armed() ? watchdog : null;
  }

  /** The host function {@code module.name} of type {@code type}, gated. */
  public static HostFunction function(
      String module, String name, FunctionType type, Watchdog watchdog, Policy policy, Body body) {
    return new HostFunction(module, name, type, new HostGate(name, body, policy, watchdog));
  }

  @Override
  public long[] apply(Instance instance, long[] args) {
    if (watchdog == null) {
      return call(instance, args);
    }
    watchdog.enter(name);
    try {
      return call(instance, args);
    } finally {
      watchdog.exit(name);
    }
  }

  private long[] call(Instance instance, long[] args) {
    try {
      return body.apply(instance, args);
    } catch (LimitReached e) {
      throw e;
    } catch (RuntimeException e) {
      return policy.failed(name, e);
    }
  }
}
