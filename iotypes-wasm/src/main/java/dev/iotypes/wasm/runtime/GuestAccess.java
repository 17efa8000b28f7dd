package dev.iotypes.wasm.runtime;

import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import dev.iotypes.wasm.Guest;
import dev.iotypes.wasm.GuestException;
import dev.iotypes.wasm.GuestOptions;
import dev.iotypes.wasm.HostImports;

/**
 * What iotypes' own host modules (the WASI preview1 mode, later components) need of a {@link Guest}
 * beyond its public API, which names no Chicory type: the instance to run, and the point after a
 * run at which the module cache may keep what was compiled. {@code Guest} registers the one
 * implementation as it is initialised, as the JDK's shared secrets do.
 */
public abstract class GuestAccess {
  private static volatile GuestAccess instance;

  protected GuestAccess() {}

  /** Called once, by {@code Guest}'s static initialiser. */
  public static void register(GuestAccess access) {
    synchronized (GuestAccess.class) {
      if (instance != null) {
        throw new IllegalStateException("guest access registered twice");
      }
      instance = access;
    }
  }

  public static GuestAccess get() {
    GuestAccess access = instance;
    if (access == null) {
      try {
        Class.forName(Guest.class.getName(), true, Guest.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      access = instance;
    }
    return access;
  }

  public abstract GuestOptions options(Guest guest);

  /**
   * Instantiates the guest within its options' limits; with {@code runStart} false an export {@code
   * _start} is left for the caller to run, as a WASI command.
   */
  public abstract Instance instantiate(Guest guest, ImportValues imports, boolean runStart)
      throws GuestException;

  /** {@code provider}'s imports as embedders hand them to a typed main. */
  public abstract HostImports hostImports(ImportProvider provider);

  /** After a run: lets the module cache keep the code compiled during it. */
  public abstract void ran(Guest guest);
}
