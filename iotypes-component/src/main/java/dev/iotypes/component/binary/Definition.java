package dev.iotypes.component.binary;

import java.util.List;

/**
 * One entry of a component's sections, in file order: the order matters, since each definition adds
 * to an index space that later ones refer to.
 */
public sealed interface Definition {
  /**
   * A custom section: its name and contents, which no other definition refers to (the component's
   * {@code package-docs} are read from one, {@link PackageDocs}).
   */
  record Custom(String name, byte[] bytes) implements Definition {}

  /** A core module's bytes, a complete core binary, validated when it is loaded. */
  record CoreModule(byte[] bytes, int offset) implements Definition {}

  /** {@code (instantiate module (with name instance)*)}. */
  record CoreInstantiate(int module, List<CoreArg> args) implements Definition {}

  record CoreArg(String name, int instance) {}

  /** A core instance made of other items' exports. */
  record CoreFromExports(List<CoreExport> exports) implements Definition {}

  record CoreExport(String name, SortIndex item) {}

  record CoreType(CoreTypeDef type) implements Definition {}

  record Component(ComponentBinary component) implements Definition {}

  record Instantiate(int component, List<Arg> args) implements Definition {}

  record Arg(String name, SortIndex item) {}

  record FromExports(List<Export> exports) implements Definition {}

  record AliasDef(Alias alias) implements Definition {}

  record Type(TypeDef type) implements Definition {}

  record CanonDef(Canon canon) implements Definition {}

  record Start(int func, List<Integer> args, int results) implements Definition {}

  record Import(String name, ExternDesc desc) implements Definition {}

  /** {@code desc} is the type the export is ascribed, or null. */
  record Export(String name, SortIndex item, ExternDesc desc) implements Definition {}
}
