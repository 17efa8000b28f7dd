package dev.iotypes.component.binary;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the Component Model's binary format (the MVP of {@code Binary.md}): the preamble, then
 * sections 0 to 11 in any order and number. The value section and the async features are refused;
 * anything malformed is a {@link MalformedComponent} naming what and where.
 */
final class ComponentParser {
  /** How deep components may nest, so that a hostile file cannot exhaust the stack. */
  static final int MAX_DEPTH = 32;

  private ComponentParser() {}

  static ComponentBinary parse(byte[] bytes) {
    return component(new Reader(bytes, 0, bytes.length), 0);
  }

  private static ComponentBinary component(Reader r, int depth) {
    if (depth > MAX_DEPTH) {
      throw r.error("components nested deeper than " + MAX_DEPTH);
    }
    int[] magic = {0x00, 0x61, 0x73, 0x6d};
    for (int m : magic) {
      if (r.atEnd() || r.u8() != m) {
        throw new MalformedComponent("not a WebAssembly binary: bad magic number");
      }
    }
    int version = r.u8() | r.u8() << 8;
    int layer = r.u8() | r.u8() << 8;
    if (layer != ComponentBinary.LAYER) {
      throw new MalformedComponent("not a component: layer " + layer);
    }
    if (version != ComponentBinary.VERSION) {
      throw new MalformedComponent(
          "unsupported component version 0x" + Integer.toHexString(version));
    }
    List<Definition> defs = new ArrayList<>();
    while (!r.atEnd()) {
      int id = r.u8();
      int size = r.u32();
      Reader s = r.slice(size);
      section(id, s, defs, depth);
      if (!s.atEnd()) {
        throw s.error("section size mismatch");
      }
    }
    return new ComponentBinary(List.copyOf(defs));
  }

  private static void section(int id, Reader s, List<Definition> defs, int depth) {
    switch (id) {
      case 0 -> {
        String name = s.name();
        defs.add(new Definition.Custom(name, s.bytes(remaining(s))));
      }
      case 1 -> {
        int start = s.position();
        defs.add(new Definition.CoreModule(s.bytes(remaining(s)), start));
      }
      case 2 -> vec(s, () -> defs.add(coreInstance(s)));
      case 3 -> vec(s, () -> defs.add(new Definition.CoreType(coreType(s))));
      case 4 -> defs.add(new Definition.Component(component(s, depth + 1)));
      case 5 -> vec(s, () -> defs.add(instance(s)));
      case 6 -> vec(s, () -> defs.add(new Definition.AliasDef(Alias.read(s))));
      case 7 -> vec(s, () -> defs.add(new Definition.Type(type(s))));
      case 8 -> vec(s, () -> defs.add(new Definition.CanonDef(canon(s))));
      case 9 -> {
        int func = s.u32();
        List<Integer> args = new ArrayList<>();
        vec(s, () -> args.add(s.u32()));
        defs.add(new Definition.Start(func, args, s.u32()));
      }
      case 10 -> vec(s, () -> defs.add(new Definition.Import(externName(s), ExternDesc.read(s))));
      case 11 -> vec(s, () -> defs.add(export(s)));
      case 12 -> throw s.error("value sections are not supported");
      default -> throw s.error("invalid section id " + id);
    }
  }

  private static int remaining(Reader s) {
    return s.remaining();
  }

  private static void vec(Reader s, Runnable each) {
    int n = s.count();
    for (int i = 0; i < n; i++) {
      each.run();
    }
  }

  private static Definition coreInstance(Reader s) {
    int b = s.u8();
    return switch (b) {
      case 0x00 -> {
        int module = s.u32();
        List<Definition.CoreArg> args = new ArrayList<>();
        vec(
            s,
            () -> {
              String name = s.name();
              if (s.u8() != 0x12) {
                throw s.error("a core instantiation argument must be an instance");
              }
              args.add(new Definition.CoreArg(name, s.u32()));
            });
        yield new Definition.CoreInstantiate(module, args);
      }
      case 0x01 -> {
        List<Definition.CoreExport> exports = new ArrayList<>();
        vec(s, () -> exports.add(new Definition.CoreExport(s.name(), SortIndex.core(s))));
        yield new Definition.CoreFromExports(exports);
      }
      default -> throw s.error("invalid core instance 0x" + Integer.toHexString(b));
    };
  }

  private static Definition instance(Reader s) {
    int b = s.u8();
    return switch (b) {
      case 0x00 -> {
        int component = s.u32();
        List<Definition.Arg> args = new ArrayList<>();
        vec(s, () -> args.add(new Definition.Arg(s.name(), SortIndex.read(s))));
        yield new Definition.Instantiate(component, args);
      }
      case 0x01 -> {
        List<Definition.Export> exports = new ArrayList<>();
        vec(s, () -> exports.add(new Definition.Export(externName(s), SortIndex.read(s), null)));
        yield new Definition.FromExports(exports);
      }
      default -> throw s.error("invalid instance 0x" + Integer.toHexString(b));
    };
  }

  private static Definition export(Reader s) {
    String name = externName(s);
    SortIndex item = SortIndex.read(s);
    ExternDesc desc =
        switch (s.u8()) {
          case 0x00 -> null;
          case 0x01 -> ExternDesc.read(s);
          default -> throw s.error("invalid optional export type");
        };
    if (desc != null && desc.sort() != item.sort()) {
      throw s.error("export `" + name + "` is ascribed a type of another sort");
    }
    return new Definition.Export(name, item, desc);
  }

  /** {@code importname'}/{@code exportname'}: 0x00 name, or 0x01 name and a version suffix. */
  static String externName(Reader s) {
    int b = s.u8();
    return switch (b) {
      case 0x00 -> s.name();
      case 0x01 -> {
        String name = s.name();
        s.name(); // the version suffix adds nothing a name match needs
        yield name;
      }
      default -> throw s.error("invalid name prefix 0x" + Integer.toHexString(b));
    };
  }

  static CoreTypeDef coreType(Reader s) {
    int b = s.u8();
    return switch (b) {
      case 0x60 -> {
        List<Integer> params = new ArrayList<>();
        vec(s, () -> params.add(coreValType(s)));
        List<Integer> results = new ArrayList<>();
        vec(s, () -> results.add(coreValType(s)));
        yield new CoreTypeDef.Func(params, results);
      }
      case 0x50 -> {
        List<CoreTypeDef.ModuleDecl> decls = new ArrayList<>();
        vec(s, () -> decls.add(moduleDecl(s)));
        yield new CoreTypeDef.Module(decls);
      }
      default -> throw s.error("invalid core type 0x" + Integer.toHexString(b));
    };
  }

  private static int coreValType(Reader s) {
    int b = s.u8();
    return switch (b) {
      case 0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f -> b;
      default -> throw s.error("invalid core value type 0x" + Integer.toHexString(b));
    };
  }

  private static CoreTypeDef.ModuleDecl moduleDecl(Reader s) {
    int b = s.u8();
    return switch (b) {
      case 0x00 -> {
        String module = s.name();
        String name = s.name();
        yield new CoreTypeDef.ModuleImport(module, name, importDesc(s));
      }
      case 0x01 -> {
        CoreTypeDef t = coreType(s);
        if (t instanceof CoreTypeDef.Module) {
          throw s.error("a module type cannot declare a module type");
        }
        yield new CoreTypeDef.ModuleType(t);
      }
      case 0x02 -> {
        if (s.u8() != 0x10 || s.u8() != 0x01) {
          throw s.error("a module type may alias only outer types");
        }
        yield new CoreTypeDef.ModuleAlias(s.u32(), s.u32());
      }
      case 0x03 -> new CoreTypeDef.ModuleExport(s.name(), importDesc(s));
      default -> throw s.error("invalid module type declaration 0x" + Integer.toHexString(b));
    };
  }

  /** A core import description, skipped past; its kind is kept. */
  private static int importDesc(Reader s) {
    int kind = s.u8();
    switch (kind) {
      case 0x00 -> s.u32();
      case 0x01 -> {
        coreValType(s);
        limits(s);
      }
      case 0x02 -> limits(s);
      case 0x03 -> {
        coreValType(s);
        if (s.u8() > 1) {
          throw s.error("invalid global mutability");
        }
      }
      case 0x04 -> {
        s.u8();
        s.u32();
      }
      default -> throw s.error("invalid import kind 0x" + Integer.toHexString(kind));
    }
    return kind;
  }

  private static void limits(Reader s) {
    int flags = s.u8();
    if (flags > 0x07) {
      throw s.error("invalid limits flags 0x" + Integer.toHexString(flags));
    }
    s.s33();
    if ((flags & 1) != 0) {
      s.s33();
    }
  }

  static TypeDef type(Reader s) {
    int b = s.u8();
    return switch (b) {
      case 0x40 -> {
        List<TypeDef.Param> params = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        vec(
            s,
            () -> {
              String name = s.name();
              if (!Names.isKebab(name) || !seen.add(name)) {
                throw s.error("invalid or duplicate parameter name `" + name + "`");
              }
              params.add(new TypeDef.Param(name, ValTypeRef.read(s)));
            });
        ValTypeRef result =
            switch (s.u8()) {
              case 0x00 -> ValTypeRef.read(s);
              case 0x01 -> {
                if (s.u8() != 0x00) {
                  throw s.error("named results are not supported");
                }
                yield null;
              }
              default -> throw s.error("invalid function result list");
            };
        yield new TypeDef.Func(params, result);
      }
      case 0x41 -> new TypeDef.Component(decls(s, true));
      case 0x42 -> new TypeDef.Instance(decls(s, false));
      case 0x3f -> {
        if (s.u8() != 0x7f) {
          throw s.error("a resource's representation must be i32");
        }
        int dtor =
            switch (s.u8()) {
              case 0x00 -> -1;
              case 0x01 -> s.u32();
              default -> throw s.error("invalid optional destructor");
            };
        yield new TypeDef.Resource(dtor);
      }
      case 0x3e, 0x43, 0x66, 0x65, 0x64, 0x67 ->
          throw s.error("async types (stream, future, error-context) are not supported");
      default -> new TypeDef.Value(DefValType.read(s, b));
    };
  }

  private static List<Decl> decls(Reader s, boolean component) {
    List<Decl> decls = new ArrayList<>();
    vec(
        s,
        () -> {
          int b = s.u8();
          decls.add(
              switch (b) {
                case 0x00 -> new Decl.CoreType(coreType(s));
                case 0x01 -> new Decl.Type(type(s));
                case 0x02 -> new Decl.AliasDecl(Alias.read(s));
                case 0x03 -> {
                  if (!component) {
                    throw s.error("an instance type cannot declare an import");
                  }
                  yield new Decl.Import(externName(s), ExternDesc.read(s));
                }
                case 0x04 -> new Decl.Export(externName(s), ExternDesc.read(s));
                default -> throw s.error("invalid type declaration 0x" + Integer.toHexString(b));
              });
        });
    return decls;
  }

  private static Canon canon(Reader s) {
    int b = s.u8();
    return switch (b) {
      case 0x00 -> {
        if (s.u8() != 0x00) {
          throw s.error("invalid canon lift");
        }
        int core = s.u32();
        List<CanonOption> opts = options(s);
        yield new Canon.Lift(core, opts, s.u32());
      }
      case 0x01 -> {
        if (s.u8() != 0x00) {
          throw s.error("invalid canon lower");
        }
        int func = s.u32();
        yield new Canon.Lower(func, options(s));
      }
      case 0x02 -> new Canon.ResourceNew(s.u32());
      case 0x03 -> new Canon.ResourceDrop(s.u32());
      case 0x04 -> new Canon.ResourceRep(s.u32());
      default -> throw s.error("unsupported canonical function 0x" + Integer.toHexString(b));
    };
  }

  private static List<CanonOption> options(Reader s) {
    List<CanonOption> opts = new ArrayList<>();
    vec(s, () -> opts.add(CanonOption.read(s)));
    return opts;
  }
}
