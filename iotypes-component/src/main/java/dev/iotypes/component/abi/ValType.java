package dev.iotypes.component.abi;

import dev.iotypes.component.binary.PrimType;
import java.util.List;

/**
 * A value type with every index resolved: what the Canonical ABI lifts and lowers. {@link
 * #toString} is the WIT spelling.
 */
public sealed interface ValType {
  record Prim(PrimType type) implements ValType {
    @Override
    public String toString() {
      return type.wit();
    }
  }

  record Field(String name, ValType type) {}

  record Record(List<Field> fields) implements ValType {}

  /** {@code type} null for a case without payload. */
  record Case(String name, ValType type) {}

  record Variant(List<Case> cases) implements ValType {}

  record ListOf(ValType element) implements ValType {
    @Override
    public String toString() {
      return "list<" + element + ">";
    }
  }

  record Tuple(List<ValType> types) implements ValType {}

  record Flags(List<String> names) implements ValType {}

  record Enum(List<String> names) implements ValType {}

  record Option(ValType type) implements ValType {
    @Override
    public String toString() {
      return "option<" + type + ">";
    }
  }

  /** Either side null when it carries no payload. */
  record Result(ValType ok, ValType error) implements ValType {
    @Override
    public String toString() {
      return "result<" + (ok == null ? "_" : ok) + ", " + (error == null ? "_" : error) + ">";
    }
  }

  record Own(ResourceType resource) implements ValType {
    @Override
    public String toString() {
      return "own<" + resource.name() + ">";
    }
  }

  record Borrow(ResourceType resource) implements ValType {
    @Override
    public String toString() {
      return "borrow<" + resource.name() + ">";
    }
  }

  static ValType prim(PrimType t) {
    return new Prim(t);
  }

  ValType BOOL = new Prim(PrimType.BOOL);
  ValType U8 = new Prim(PrimType.U8);
  ValType U32 = new Prim(PrimType.U32);
  ValType U64 = new Prim(PrimType.U64);
  ValType STRING = new Prim(PrimType.STRING);
}
