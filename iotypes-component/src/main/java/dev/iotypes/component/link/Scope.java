package dev.iotypes.component.link;

import dev.iotypes.component.abi.FuncType;
import dev.iotypes.component.abi.ResourceType;
import dev.iotypes.component.abi.ValType;
import dev.iotypes.component.binary.DefValType;
import dev.iotypes.component.binary.TypeDef;
import dev.iotypes.component.binary.ValTypeRef;
import java.util.ArrayList;
import java.util.List;

/**
 * The type-level index spaces of one component, component type or instance type, with the scope
 * around it (for outer aliases). A type is resolved when it is defined: a {@link ValType}, a {@link
 * FuncType}, a {@link ResourceType}, or a {@link Declared} component or instance type kept with its
 * scope until something is imported or instantiated with it.
 */
final class Scope {
  /** A component or instance type, resolved only against what is bound to it. */
  record Declared(TypeDef type, Scope scope) {}

  final Scope parent;
  final List<Object> types = new ArrayList<>();
  final List<Object> coreTypes = new ArrayList<>();
  final List<Object> modules = new ArrayList<>();
  final List<Object> components = new ArrayList<>();

  Scope(Scope parent) {
    this.parent = parent;
  }

  Scope outer(int count) {
    Scope s = this;
    for (int i = 0; i < count; i++) {
      s = s.parent;
    }
    return s;
  }

  Object type(int index) {
    if (index < 0 || index >= types.size()) {
      throw new LinkError("unknown type " + index);
    }
    return types.get(index);
  }

  ValType valType(ValTypeRef ref) {
    if (ref == null) {
      return null;
    }
    if (ref instanceof ValTypeRef.Prim p) {
      return ValType.prim(p.type());
    }
    Object t = type(((ValTypeRef.Index) ref).index());
    if (!(t instanceof ValType v)) {
      throw new LinkError("type " + ((ValTypeRef.Index) ref).index() + " is not a value type");
    }
    return v;
  }

  ResourceType resource(int index) {
    if (!(type(index) instanceof ResourceType r)) {
      throw new LinkError("type " + index + " is not a resource type");
    }
    return r;
  }

  FuncType funcType(int index) {
    if (!(type(index) instanceof FuncType f)) {
      throw new LinkError("type " + index + " is not a function type");
    }
    return f;
  }

  /** Resolves a type definition; a resource is made by {@code newResource}. */
  Object resolve(TypeDef t, java.util.function.IntFunction<ResourceType> newResource) {
    if (t instanceof TypeDef.Value v) {
      return value(v.type());
    }
    if (t instanceof TypeDef.Func f) {
      List<ValType.Field> params = new ArrayList<>();
      for (TypeDef.Param p : f.params()) {
        params.add(new ValType.Field(p.name(), valType(p.type())));
      }
      return new FuncType(params, valType(f.result()));
    }
    if (t instanceof TypeDef.Resource r) {
      return newResource.apply(r.destructor());
    }
    return new Declared(t, this);
  }

  private ValType value(DefValType d) {
    if (d instanceof DefValType.Primitive p) {
      return ValType.prim(p.type());
    }
    if (d instanceof DefValType.Record r) {
      return new ValType.Record(
          r.fields().stream().map(f -> new ValType.Field(f.label(), valType(f.type()))).toList());
    }
    if (d instanceof DefValType.Variant v) {
      return new ValType.Variant(
          v.cases().stream().map(c -> new ValType.Case(c.label(), valType(c.type()))).toList());
    }
    if (d instanceof DefValType.ListOf l) {
      return new ValType.ListOf(valType(l.element()));
    }
    if (d instanceof DefValType.Tuple t) {
      return new ValType.Tuple(t.types().stream().map(this::valType).toList());
    }
    if (d instanceof DefValType.Flags f) {
      return new ValType.Flags(f.labels());
    }
    if (d instanceof DefValType.Enum e) {
      return new ValType.Enum(e.labels());
    }
    if (d instanceof DefValType.Option o) {
      return new ValType.Option(valType(o.type()));
    }
    if (d instanceof DefValType.Result r) {
      return new ValType.Result(valType(r.ok()), valType(r.error()));
    }
    if (d instanceof DefValType.Own o) {
      return new ValType.Own(resource(o.resource()));
    }
    return new ValType.Borrow(resource(((DefValType.Borrow) d).resource()));
  }
}
