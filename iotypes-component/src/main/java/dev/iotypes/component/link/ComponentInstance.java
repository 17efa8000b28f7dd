package dev.iotypes.component.link;

import java.util.Arrays;
import java.util.Map;

/**
 * A component instance as its user sees it: its exports by name (a {@link ComponentFunc}, a type, a
 * nested instance).
 */
public record ComponentInstance(Map<String, Object> exports) {
  /** The export {@code name}, or an export of the same interface at a compatible version. */
  public Object export(String name) {
    Object exact = exports.get(name);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, Object> e : exports.entrySet()) {
      if (Versions.compatible(name, e.getKey())) {
        return e.getValue();
      }
    }
    return null;
  }

  /**
   * Calls the exported function {@code name} (as {@link #export} finds it) with {@code args} as
   * {@link dev.iotypes.component.abi.Value} describes them: an embedder's one-line call, so that it
   * need not know how exports are represented.
   *
   * @throws IllegalArgumentException if the component exports no function of that name
   * @throws dev.iotypes.component.abi.CanonTrap if the call traps
   */
  public Object call(String name, Object... args) {
    if (!(export(name) instanceof ComponentFunc f)) {
      throw new IllegalArgumentException("the component exports no function " + name);
    }
    return f.call().call(Arrays.asList(args));
  }
}
