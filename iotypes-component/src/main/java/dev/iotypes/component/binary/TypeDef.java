package dev.iotypes.component.binary;

import java.util.List;

/** A component-level type definition. */
public sealed interface TypeDef {
  record Value(DefValType type) implements TypeDef {}

  record Param(String name, ValTypeRef type) {}

  /** {@code result} is null when the function returns nothing. */
  record Func(List<Param> params, ValTypeRef result) implements TypeDef {}

  record Component(List<Decl> decls) implements TypeDef {}

  record Instance(List<Decl> decls) implements TypeDef {}

  /** A resource whose representation is an i32, and its destructor's core function, or -1. */
  record Resource(int destructor) implements TypeDef {}
}
