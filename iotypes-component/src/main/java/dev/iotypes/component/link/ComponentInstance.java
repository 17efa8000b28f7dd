package dev.iotypes.component.link;

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
}
