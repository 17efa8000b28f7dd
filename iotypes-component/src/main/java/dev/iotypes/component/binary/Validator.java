package dev.iotypes.component.binary;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks what decoding alone does not: that every index names an item that exists, of the sort the
 * definition needs, and that import and export names are unique. Types are checked when the
 * component is linked, where they are resolved.
 */
final class Validator {
  /** The index spaces of one component (or component or instance type) being validated. */
  private static final class Space {
    final Map<Sort, Integer> counts = new EnumMap<>(Sort.class);
    final Set<String> imports = new HashSet<>();
    final Set<String> exports = new HashSet<>();

    int count(Sort s) {
      return counts.getOrDefault(s, 0);
    }

    void add(Sort s) {
      counts.merge(s, 1, Integer::sum);
    }
  }

  private final Deque<Space> spaces = new ArrayDeque<>();

  private Validator() {}

  static void validate(ComponentBinary c) {
    new Validator().component(c);
  }

  private void component(ComponentBinary c) {
    Space space = new Space();
    spaces.push(space);
    try {
      for (Definition d : c.definitions()) {
        definition(space, d);
      }
    } finally {
      spaces.pop();
    }
  }

  private static MalformedComponent invalid(String what) {
    return new MalformedComponent(what);
  }

  private static void check(Space space, Sort sort, int index, String where) {
    if (index < 0 || index >= space.count(sort)) {
      throw invalid(
          where
              + ": unknown "
              + sort.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
              + " "
              + Integer.toUnsignedString(index));
    }
  }

  private static void unique(Set<String> names, String name, String what) {
    if (!names.add(name)) {
      throw invalid("duplicate " + what + " `" + name + "`");
    }
  }

  private void definition(Space s, Definition d) {
    if (d instanceof Definition.CoreModule) {
      s.add(Sort.CORE_MODULE);
    } else if (d instanceof Definition.CoreInstantiate i) {
      check(s, Sort.CORE_MODULE, i.module(), "core instance");
      Set<String> names = new HashSet<>();
      for (Definition.CoreArg a : i.args()) {
        check(s, Sort.CORE_INSTANCE, a.instance(), "core instantiation argument");
        unique(names, a.name(), "core instantiation argument");
      }
      s.add(Sort.CORE_INSTANCE);
    } else if (d instanceof Definition.CoreFromExports e) {
      Set<String> names = new HashSet<>();
      for (Definition.CoreExport x : e.exports()) {
        check(s, x.item().sort(), x.item().index(), "core export `" + x.name() + "`");
        unique(names, x.name(), "core export");
      }
      s.add(Sort.CORE_INSTANCE);
    } else if (d instanceof Definition.CoreType) {
      s.add(Sort.CORE_TYPE);
    } else if (d instanceof Definition.Component c) {
      component(c.component());
      s.add(Sort.COMPONENT);
    } else if (d instanceof Definition.Instantiate i) {
      check(s, Sort.COMPONENT, i.component(), "instance");
      Set<String> names = new HashSet<>();
      for (Definition.Arg a : i.args()) {
        check(s, a.item().sort(), a.item().index(), "instantiation argument `" + a.name() + "`");
        unique(names, a.name(), "instantiation argument");
      }
      s.add(Sort.INSTANCE);
    } else if (d instanceof Definition.FromExports e) {
      Set<String> names = new HashSet<>();
      for (Definition.Export x : e.exports()) {
        check(s, x.item().sort(), x.item().index(), "instance export `" + x.name() + "`");
        unique(names, x.name(), "instance export");
      }
      s.add(Sort.INSTANCE);
    } else if (d instanceof Definition.AliasDef a) {
      alias(s, a.alias());
    } else if (d instanceof Definition.Type t) {
      type(s, t.type());
      s.add(Sort.TYPE);
    } else if (d instanceof Definition.CanonDef c) {
      canon(s, c.canon());
    } else if (d instanceof Definition.Start st) {
      check(s, Sort.FUNC, st.func(), "start");
      for (int v : st.args()) {
        check(s, Sort.VALUE, v, "start argument");
      }
    } else if (d instanceof Definition.Import i) {
      unique(s.imports, i.name(), "import");
      desc(s, i.desc(), "import `" + i.name() + "`");
      s.add(i.desc().sort());
    } else if (d instanceof Definition.Export e) {
      unique(s.exports, e.name(), "export");
      check(s, e.item().sort(), e.item().index(), "export `" + e.name() + "`");
      if (e.desc() != null) {
        desc(s, e.desc(), "export `" + e.name() + "`");
      }
      s.add(e.item().sort()); // an export adds its item again, under the export's index
    }
  }

  private void alias(Space s, Alias a) {
    if (a.target() instanceof Alias.Export e) {
      check(s, Sort.INSTANCE, e.instance(), "alias of `" + e.name() + "`");
    } else if (a.target() instanceof Alias.CoreExport e) {
      check(s, Sort.CORE_INSTANCE, e.instance(), "alias of core export `" + e.name() + "`");
    } else {
      Alias.Outer o = (Alias.Outer) a.target();
      if (Integer.toUnsignedLong(o.count()) >= spaces.size()) {
        throw invalid("outer alias count " + Integer.toUnsignedString(o.count()) + " too large");
      }
      Space outer = spaces.stream().skip(o.count()).findFirst().orElseThrow();
      check(outer, a.sort(), o.index(), "outer alias");
    }
    s.add(a.sort());
  }

  private void canon(Space s, Canon c) {
    if (c instanceof Canon.Lift l) {
      check(s, Sort.CORE_FUNC, l.coreFunc(), "canon lift");
      check(s, Sort.TYPE, l.type(), "canon lift");
      options(s, l.options());
      s.add(Sort.FUNC);
      return;
    }
    if (c instanceof Canon.Lower l) {
      check(s, Sort.FUNC, l.func(), "canon lower");
      options(s, l.options());
    } else if (c instanceof Canon.ResourceNew r) {
      check(s, Sort.TYPE, r.resource(), "canon resource.new");
    } else if (c instanceof Canon.ResourceDrop r) {
      check(s, Sort.TYPE, r.resource(), "canon resource.drop");
    } else if (c instanceof Canon.ResourceRep r) {
      check(s, Sort.TYPE, r.resource(), "canon resource.rep");
    }
    s.add(Sort.CORE_FUNC);
  }

  private static void options(Space s, List<CanonOption> options) {
    Set<Class<?>> seen = new HashSet<>();
    for (CanonOption o : options) {
      Class<?> kind =
          o instanceof CanonOption.StringEncoding ? CanonOption.StringEncoding.class : o.getClass();
      if (!seen.add(kind)) {
        throw invalid("canonical option " + kind.getSimpleName() + " given twice");
      }
      if (o instanceof CanonOption.Memory m) {
        check(s, Sort.CORE_MEMORY, m.coreMemory(), "canonical option memory");
      } else if (o instanceof CanonOption.Realloc r) {
        check(s, Sort.CORE_FUNC, r.coreFunc(), "canonical option realloc");
      } else if (o instanceof CanonOption.PostReturn p) {
        check(s, Sort.CORE_FUNC, p.coreFunc(), "canonical option post-return");
      }
    }
  }

  private void type(Space s, TypeDef t) {
    if (t instanceof TypeDef.Value v) {
      value(s, v.type());
    } else if (t instanceof TypeDef.Func f) {
      for (TypeDef.Param p : f.params()) {
        ref(s, p.type());
      }
      if (f.result() != null) {
        ref(s, f.result());
      }
    } else if (t instanceof TypeDef.Resource r) {
      if (r.destructor() >= 0) {
        check(s, Sort.CORE_FUNC, r.destructor(), "resource destructor");
      }
    } else if (t instanceof TypeDef.Component c) {
      decls(c.decls());
    } else if (t instanceof TypeDef.Instance i) {
      decls(i.decls());
    }
  }

  /** A component or instance type: a scope of its own, whose outer aliases reach enclosing ones. */
  private void decls(List<Decl> decls) {
    Space inner = new Space();
    spaces.push(inner);
    try {
      for (Decl d : decls) {
        if (d instanceof Decl.CoreType) {
          inner.add(Sort.CORE_TYPE);
        } else if (d instanceof Decl.Type t) {
          type(inner, t.type());
          inner.add(Sort.TYPE);
        } else if (d instanceof Decl.AliasDecl a) {
          if (a.alias().target() instanceof Alias.CoreExport) {
            throw invalid("a type declaration may not alias a core export");
          }
          alias(inner, a.alias());
        } else if (d instanceof Decl.Import i) {
          unique(inner.imports, i.name(), "import in a type,");
          desc(inner, i.desc(), "import `" + i.name() + "`");
          inner.add(i.desc().sort());
        } else if (d instanceof Decl.Export e) {
          unique(inner.exports, e.name(), "export in a type,");
          desc(inner, e.desc(), "export `" + e.name() + "`");
          inner.add(e.desc().sort());
        }
      }
    } finally {
      spaces.pop();
    }
  }

  private static void desc(Space s, ExternDesc d, String where) {
    if (d instanceof ExternDesc.CoreModule m) {
      check(s, Sort.CORE_TYPE, m.coreType(), where);
    } else if (d instanceof ExternDesc.Func f) {
      check(s, Sort.TYPE, f.type(), where);
    } else if (d instanceof ExternDesc.Value v) {
      if (v.valueType() != null) {
        ref(s, v.valueType());
      } else {
        check(s, Sort.VALUE, v.valueIndex(), where);
      }
    } else if (d instanceof ExternDesc.Type t) {
      if (!t.subResource()) {
        check(s, Sort.TYPE, t.eq(), where);
      }
    } else if (d instanceof ExternDesc.Component c) {
      check(s, Sort.TYPE, c.type(), where);
    } else if (d instanceof ExternDesc.Instance i) {
      check(s, Sort.TYPE, i.type(), where);
    }
  }

  private static void value(Space s, DefValType v) {
    if (v instanceof DefValType.Record r) {
      r.fields().forEach(f -> ref(s, f.type()));
    } else if (v instanceof DefValType.Variant r) {
      r.cases().stream().filter(c -> c.type() != null).forEach(c -> ref(s, c.type()));
    } else if (v instanceof DefValType.ListOf l) {
      ref(s, l.element());
    } else if (v instanceof DefValType.Tuple t) {
      t.types().forEach(x -> ref(s, x));
    } else if (v instanceof DefValType.Option o) {
      ref(s, o.type());
    } else if (v instanceof DefValType.Result r) {
      if (r.ok() != null) {
        ref(s, r.ok());
      }
      if (r.error() != null) {
        ref(s, r.error());
      }
    } else if (v instanceof DefValType.Own o) {
      check(s, Sort.TYPE, o.resource(), "own");
    } else if (v instanceof DefValType.Borrow b) {
      check(s, Sort.TYPE, b.resource(), "borrow");
    }
  }

  private static void ref(Space s, ValTypeRef r) {
    if (r instanceof ValTypeRef.Index i) {
      check(s, Sort.TYPE, i.index(), "value type");
    }
  }
}
