package dev.iotypes.component.binary;

import java.util.List;

/** A core type in a component: a core function type, or a core module type. */
public sealed interface CoreTypeDef {
  /** Core value types as their binary codes (0x7f i32, 0x7e i64, 0x7d f32, 0x7c f64, …). */
  record Func(List<Integer> params, List<Integer> results) implements CoreTypeDef {}

  /** A module type's declarations, kept as written: imports, types, aliases, exports. */
  record Module(List<ModuleDecl> decls) implements CoreTypeDef {}

  sealed interface ModuleDecl {}

  /** {@code kind} is the core import kind (0 func, 1 table, 2 memory, 3 global, 4 tag). */
  record ModuleImport(String module, String name, int kind) implements ModuleDecl {}

  record ModuleType(CoreTypeDef type) implements ModuleDecl {}

  record ModuleAlias(int count, int index) implements ModuleDecl {}

  record ModuleExport(String name, int kind) implements ModuleDecl {}
}
