package dev.iotypes.component.binary;

/**
 * A declaration in a component or instance type: the types, aliases, imports and exports that
 * describe what an instance of it has.
 */
public sealed interface Decl {
  record CoreType(CoreTypeDef type) implements Decl {}

  record Type(TypeDef type) implements Decl {}

  record AliasDecl(Alias alias) implements Decl {}

  record Import(String name, ExternDesc desc) implements Decl {}

  record Export(String name, ExternDesc desc) implements Decl {}
}
