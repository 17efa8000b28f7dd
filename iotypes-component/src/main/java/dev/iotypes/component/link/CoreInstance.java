package dev.iotypes.component.link;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.Export;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A core instance in a component: a core module instantiated on the engine, or a bag of exports
 * made of other items. Each export is a {@link CoreFunc}, a Chicory {@code Memory}, {@code
 * TableInstance} or {@code GlobalInstance}.
 */
record CoreInstance(Map<String, Object> exports) {
  static CoreInstance of(Instance instance) {
    Map<String, Object> exports = new LinkedHashMap<>();
    var section = instance.module().exportSection();
    for (int i = 0; i < section.exportCount(); i++) {
      Export e = section.getExport(i);
      String name = e.name();
      switch (e.exportType()) {
        case FUNCTION -> {
          var f = instance.export(name);
          exports.put(name, new CoreFunc(instance.exportType(name), args -> f.apply(args)));
        }
        case MEMORY -> exports.put(name, instance.memory(e.index()));
        case TABLE -> exports.put(name, instance.table(e.index()));
        case GLOBAL -> exports.put(name, instance.global(e.index()));
        default -> {} // tags: no component item refers to them
      }
    }
    return new CoreInstance(exports);
  }
}
