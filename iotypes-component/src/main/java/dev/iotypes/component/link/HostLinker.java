package dev.iotypes.component.link;

import dev.iotypes.component.abi.Calls;
import dev.iotypes.component.abi.FuncType;
import dev.iotypes.component.binary.Alias;
import dev.iotypes.component.binary.Decl;
import dev.iotypes.component.binary.ExternDesc;
import dev.iotypes.component.binary.Sort;
import dev.iotypes.component.binary.TypeDef;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A component's import bound to a host interface: the instance type it declares is walked, each
 * abstract resource bound to the host's resource type of that name, each function to the host's
 * implementation, typed as the component declares it. Anything the host lacks is a {@link
 * LinkError} naming it, before any code runs.
 */
final class HostLinker {
  private HostLinker() {}

  /** An import from the host: an instance of a host interface, typed as the component declares. */
  static Object resolve(HostImports host, String name, ExternDesc desc, Scope scope) {
    if (desc instanceof ExternDesc.Type t && !t.subResource()) {
      // a type the component names for itself, bound to one it has (a world's `use` of an
      // interface's type, as componentize-js emits): the type it equals, nothing the host gives
      return scope.type(t.eq());
    }
    if (!(desc instanceof ExternDesc.Instance inst)
        || !(scope.type(inst.type()) instanceof Scope.Declared d)
        || !(d.type() instanceof TypeDef.Instance type)) {
      throw new LinkError(
          "unsupported import `" + name + "`: only instances and types bound with eq are");
    }
    HostInterface hi = host.find(name);
    if (hi == null) {
      throw new LinkError("unknown import `" + name + "`");
    }
    Scope inner = new Scope(d.scope());
    Map<String, Object> exports = new LinkedHashMap<>();
    for (Decl decl : type.decls()) {
      if (decl instanceof Decl.CoreType c) {
        inner.coreTypes.add(c.type());
      } else if (decl instanceof Decl.Type t) {
        inner.types.add(
            inner.resolve(
                t.type(),
                dtor -> {
                  throw new LinkError("an instance type cannot define a resource");
                }));
      } else if (decl instanceof Decl.AliasDecl a) {
        if (!(a.alias().target() instanceof Alias.Outer o) || a.alias().sort() != Sort.TYPE) {
          throw new LinkError("unsupported alias in the type of `" + name + "`");
        }
        inner.types.add(inner.outer(o.count()).types.get(o.index()));
      } else if (decl instanceof Decl.Export e) {
        if (e.desc() instanceof ExternDesc.Type t) {
          Object type2;
          if (t.subResource()) {
            type2 = hi.resource(e.name());
            if (type2 == null) {
              throw new LinkError("unknown resource `" + e.name() + "` in `" + name + "`");
            }
          } else {
            type2 = inner.type(t.eq());
          }
          inner.types.add(type2);
          exports.put(e.name(), type2);
        } else if (e.desc() instanceof ExternDesc.Func f) {
          FuncType ft = inner.funcType(f.type());
          Calls.Host impl = hi.function(e.name(), ft);
          if (impl == null) {
            throw new LinkError("unknown function `" + e.name() + "` in `" + name + "`");
          }
          exports.put(e.name(), new ComponentFunc(ft, impl));
        } else {
          throw new LinkError(
              "unsupported export `" + e.name() + "` in the type of `" + name + "`");
        }
      }
    }
    return new ComponentInstance(exports);
  }
}
