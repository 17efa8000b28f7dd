package dev.iotypes.component.link;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportTable;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.types.FunctionType;
import dev.iotypes.component.abi.Calls;
import dev.iotypes.component.abi.CanonTrap;
import dev.iotypes.component.abi.CoreType;
import dev.iotypes.component.abi.Flat;
import dev.iotypes.component.abi.FuncType;
import dev.iotypes.component.abi.HandleTable;
import dev.iotypes.component.abi.Options;
import dev.iotypes.component.abi.ResourceType;
import dev.iotypes.component.abi.Resources;
import dev.iotypes.component.binary.Alias;
import dev.iotypes.component.binary.Canon;
import dev.iotypes.component.binary.CanonOption;
import dev.iotypes.component.binary.ComponentBinary;
import dev.iotypes.component.binary.Definition;
import dev.iotypes.component.binary.ExternDesc;
import dev.iotypes.component.binary.Sort;
import dev.iotypes.component.binary.SortIndex;
import dev.iotypes.wasm.Guest;
import dev.iotypes.wasm.GuestException;
import dev.iotypes.wasm.runtime.GuestAccess;
import dev.iotypes.wasm.runtime.Watchdog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Instantiates one component: walks its definitions in order, each adding an item to an index
 * space, instantiating core modules on the engine and nested components recursively. The items are
 * live: core instances, functions that lift and lower, resource types.
 */
public final class Instantiation {
  /** Where a component's imports come from: the host, or the arguments of an enclosing one. */
  interface Imports {
    Object resolve(String name, ExternDesc desc, Scope scope);
  }

  /** The core modules of a component and its nested ones, loaded (and compiled) once. */
  public interface Modules {
    Guest guest(Definition.CoreModule module);
  }

  private final Modules modules;
  private final Scope scope;
  private final Imports imports;
  private final HandleTable table;
  private final Watchdog watchdog;
  private final Object self = new Object();
  private boolean entered;

  private final List<CoreFunc> coreFuncs = new ArrayList<>();
  private final List<Memory> memories = new ArrayList<>();
  private final List<TableInstance> tables = new ArrayList<>();
  private final List<GlobalInstance> globals = new ArrayList<>();
  private final List<CoreInstance> coreInstances = new ArrayList<>();
  private final List<ComponentFunc> funcs = new ArrayList<>();
  private final List<ComponentInstance> instances = new ArrayList<>();
  private final Map<String, Object> exports = new LinkedHashMap<>();

  private Instantiation(
      Modules modules, Scope outer, Imports imports, HandleTable table, Watchdog watchdog) {
    this.watchdog = watchdog;
    this.modules = modules;
    this.scope = new Scope(outer);
    this.imports = imports;
    this.table = table;
  }

  /**
   * Instantiates {@code component} with the host's interfaces; {@code maxHandles} bounds each
   * component instance's handle table; each call of a lowered function is a host call to {@code
   * watchdog}, as a preview1 call is.
   */
  public static ComponentInstance instantiate(
      ComponentBinary component,
      Modules modules,
      HostImports host,
      int maxHandles,
      Watchdog watchdog)
      throws GuestException {
    Imports fromHost = (name, desc, scope) -> HostLinker.resolve(host, name, desc, scope);
    return new Instantiation(modules, null, fromHost, new HandleTable(maxHandles), watchdog)
        .run(component, maxHandles);
  }

  private ComponentInstance run(ComponentBinary component, int maxHandles) throws GuestException {
    for (Definition d : component.definitions()) {
      define(d, maxHandles);
    }
    return new ComponentInstance(exports);
  }

  private void define(Definition d, int maxHandles) throws GuestException {
    if (d instanceof Definition.CoreModule m) {
      scope.modules.add(modules.guest(m));
    } else if (d instanceof Definition.CoreInstantiate i) {
      coreInstances.add(instantiateCore((Guest) scope.modules.get(i.module()), i.args()));
    } else if (d instanceof Definition.CoreFromExports e) {
      Map<String, Object> bag = new LinkedHashMap<>();
      for (Definition.CoreExport x : e.exports()) {
        bag.put(x.name(), item(x.item()));
      }
      coreInstances.add(new CoreInstance(bag));
    } else if (d instanceof Definition.CoreType t) {
      scope.coreTypes.add(t.type());
    } else if (d instanceof Definition.Component c) {
      scope.components.add(new Nested(c, scope));
    } else if (d instanceof Definition.Instantiate i) {
      instances.add(instantiateNested(i, maxHandles));
    } else if (d instanceof Definition.FromExports e) {
      Map<String, Object> bag = new LinkedHashMap<>();
      for (Definition.Export x : e.exports()) {
        bag.put(x.name(), item(x.item()));
      }
      instances.add(new ComponentInstance(bag));
    } else if (d instanceof Definition.AliasDef a) {
      alias(a.alias());
    } else if (d instanceof Definition.Type t) {
      scope.types.add(scope.resolve(t.type(), this::defineResource));
    } else if (d instanceof Definition.CanonDef c) {
      canon(c.canon());
    } else if (d instanceof Definition.Start s) {
      if (!s.args().isEmpty() || s.results() != 0) {
        throw new LinkError("a start function with values is not supported");
      }
      funcs.get(s.func()).call().call(List.of());
    } else if (d instanceof Definition.Import i) {
      add(i.desc().sort(), imports.resolve(i.name(), i.desc(), scope));
    } else if (d instanceof Definition.Export e) {
      Object item = item(e.item());
      exports.put(e.name(), item);
      add(e.item().sort(), item);
    }
  }

  /** A nested component and the scope it was defined in, which its outer aliases reach. */
  private record Nested(Definition.Component component, Scope definedIn) {}

  private ResourceType defineResource(int destructor) {
    ResourceType t = new ResourceType("resource" + scope.types.size(), self, null);
    if (destructor >= 0) {
      CoreFunc dtor = coreFuncs.get(destructor);
      t.destructor(rep -> dtor.call().call(new long[] {(Integer) rep}));
    }
    return t;
  }

  /** Adds {@code item} to the index space of {@code sort}, if it is an item of that sort. */
  private void add(Sort sort, Object item) {
    switch (sort) {
      case CORE_FUNC -> coreFuncs.add(as(CoreFunc.class, item, sort));
      case CORE_MEMORY -> memories.add(as(Memory.class, item, sort));
      case CORE_TABLE -> tables.add(as(TableInstance.class, item, sort));
      case CORE_GLOBAL -> globals.add(as(GlobalInstance.class, item, sort));
      case CORE_INSTANCE -> coreInstances.add(as(CoreInstance.class, item, sort));
      case CORE_MODULE -> scope.modules.add(as(Guest.class, item, sort));
      case CORE_TYPE -> scope.coreTypes.add(item);
      case FUNC -> funcs.add(as(ComponentFunc.class, item, sort));
      case TYPE -> scope.types.add(item);
      case COMPONENT -> scope.components.add(as(Nested.class, item, sort));
      case INSTANCE -> instances.add(as(ComponentInstance.class, item, sort));
      case VALUE -> throw new LinkError("values are not supported");
    }
  }

  /** An aliased or exported item is what its sort says, or the component is refused. */
  private static <T> T as(Class<T> kind, Object item, Sort sort) {
    if (!kind.isInstance(item)) {
      throw new LinkError(
          "an item used as a "
              + sort.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
              + " is not one");
    }
    return kind.cast(item);
  }

  private Object item(SortIndex si) {
    int i = si.index();
    return switch (si.sort()) {
      case CORE_FUNC -> coreFuncs.get(i);
      case CORE_MEMORY -> memories.get(i);
      case CORE_TABLE -> tables.get(i);
      case CORE_GLOBAL -> globals.get(i);
      case CORE_INSTANCE -> coreInstances.get(i);
      case CORE_MODULE -> scope.modules.get(i);
      case CORE_TYPE -> scope.coreTypes.get(i);
      case FUNC -> funcs.get(i);
      case TYPE -> scope.types.get(i);
      case COMPONENT -> scope.components.get(i);
      case INSTANCE -> instances.get(i);
      case VALUE -> throw new LinkError("values are not supported");
    };
  }

  private void alias(Alias a) {
    if (a.target() instanceof Alias.Export e) {
      Object item = instances.get(e.instance()).exports().get(e.name());
      if (item == null) {
        throw new LinkError("instance " + e.instance() + " has no export `" + e.name() + "`");
      }
      add(a.sort(), item);
    } else if (a.target() instanceof Alias.CoreExport e) {
      Object item = coreInstances.get(e.instance()).exports().get(e.name());
      if (item == null) {
        throw new LinkError("core instance " + e.instance() + " has no export `" + e.name() + "`");
      }
      add(a.sort(), item);
    } else {
      Alias.Outer o = (Alias.Outer) a.target();
      Scope outer = scope.outer(o.count());
      Object item =
          switch (a.sort()) {
            case TYPE -> outer.types.get(o.index());
            case CORE_TYPE -> outer.coreTypes.get(o.index());
            case CORE_MODULE -> outer.modules.get(o.index());
            default -> outer.components.get(o.index());
          };
      add(a.sort(), item);
    }
  }

  private CoreInstance instantiateCore(Guest guest, List<Definition.CoreArg> args)
      throws GuestException {
    ImportValues.Builder values = ImportValues.builder();
    for (Definition.CoreArg arg : args) {
      for (Map.Entry<String, Object> e : coreInstances.get(arg.instance()).exports().entrySet()) {
        String module = arg.name();
        String name = e.getKey();
        Object v = e.getValue();
        if (v instanceof CoreFunc f) {
          values.addFunction(
              new HostFunction(module, name, f.type(), (inst, a) -> f.call().call(a)));
        } else if (v instanceof Memory m) {
          values.addMemory(new ImportMemory(module, name, m));
        } else if (v instanceof TableInstance t) {
          values.addTable(new ImportTable(module, name, t));
        } else if (v instanceof GlobalInstance g) {
          values.addGlobal(new ImportGlobal(module, name, g));
        }
      }
    }
    Instance instance = GuestAccess.get().instantiate(guest, values.build(), false);
    return CoreInstance.of(instance);
  }

  private ComponentInstance instantiateNested(Definition.Instantiate i, int maxHandles)
      throws GuestException {
    Object def = scope.components.get(i.component());
    if (!(def instanceof Nested c)) {
      throw new LinkError("component " + i.component() + " cannot be instantiated");
    }
    Map<String, Object> args = new LinkedHashMap<>();
    for (Definition.Arg a : i.args()) {
      args.put(a.name(), item(a.item()));
    }
    Scope outer = c.definedIn();
    Imports given =
        (name, desc, s) -> {
          Object v = args.get(name);
          if (v == null) {
            throw new LinkError("nested component needs `" + name + "`, not given");
          }
          return v;
        };
    return new Instantiation(modules, outer, given, new HandleTable(maxHandles), watchdog)
        .run(c.component().component(), maxHandles);
  }

  private void canon(Canon c) {
    if (c instanceof Canon.Lift l) {
      funcs.add(lift(l));
    } else if (c instanceof Canon.Lower l) {
      ComponentFunc f = funcs.get(l.func());
      Options options = options(l.options());
      Flat.Signature sig = Flat.signature(f.type(), true);
      String name = "lowered function " + l.func();
      coreFuncs.add(
          new CoreFunc(
              coreType(sig),
              args -> {
                watchdog.enter(name);
                try {
                  return Calls.callLowered(options, f.type(), args, f.call());
                } finally {
                  watchdog.exit(name);
                }
              }));
    } else if (c instanceof Canon.ResourceNew r) {
      ResourceType t = scope.resource(r.resource());
      coreFuncs.add(
          new CoreFunc(
              i32To(true), args -> new long[] {Resources.newHandle(table, t, (int) args[0])}));
    } else if (c instanceof Canon.ResourceDrop r) {
      ResourceType t = scope.resource(r.resource());
      coreFuncs.add(
          new CoreFunc(
              i32To(false),
              args -> {
                Resources.drop(table, t, (int) args[0]);
                return new long[0];
              }));
    } else if (c instanceof Canon.ResourceRep r) {
      ResourceType t = scope.resource(r.resource());
      coreFuncs.add(
          new CoreFunc(i32To(true), args -> new long[] {Resources.rep(table, t, (int) args[0])}));
    }
  }

  private ComponentFunc lift(Canon.Lift l) {
    FuncType ft = scope.funcType(l.type());
    CoreFunc core = coreFuncs.get(l.coreFunc());
    FunctionType expected = coreType(Flat.signature(ft, false));
    if (!expected.equals(core.type())) {
      throw new LinkError(
          "canon lift: core function has type " + core.type() + ", expected " + expected);
    }
    Options options = options(l.options());
    CoreFunc postReturn = null;
    for (CanonOption o : l.options()) {
      if (o instanceof CanonOption.PostReturn p) {
        postReturn = coreFuncs.get(p.coreFunc());
      }
    }
    CoreFunc post = postReturn;
    return new ComponentFunc(
        ft,
        args -> {
          CanonTrap.trapIf(entered, "cannot enter a component instance twice");
          entered = true;
          try {
            return Calls.callLifted(
                options, ft, args, core.call(), post == null ? null : post.call());
          } finally {
            entered = false;
          }
        });
  }

  private Options options(List<CanonOption> opts) {
    ChicoryMemory memory = null;
    Options.Realloc realloc = null;
    CanonOption.StringEncoding encoding = CanonOption.StringEncoding.UTF8;
    for (CanonOption o : opts) {
      if (o instanceof CanonOption.Memory m) {
        memory = new ChicoryMemory(memories.get(m.coreMemory()));
      } else if (o instanceof CanonOption.Realloc r) {
        CoreFunc f = coreFuncs.get(r.coreFunc());
        realloc =
            (original, originalSize, alignment, newSize) ->
                (int) f.call().call(new long[] {original, originalSize, alignment, newSize})[0];
      } else if (o instanceof CanonOption.StringEncoding e) {
        encoding = e;
      }
    }
    return new Options(memory, realloc, encoding, table, self);
  }

  private static FunctionType i32To(boolean result) {
    var i32 = com.dylibso.chicory.wasm.types.ValType.I32;
    return FunctionType.of(List.of(i32), result ? List.of(i32) : List.of());
  }

  static FunctionType coreType(Flat.Signature sig) {
    return FunctionType.of(
        sig.params().stream().map(Instantiation::chicory).toList(),
        sig.results().stream().map(Instantiation::chicory).toList());
  }

  private static com.dylibso.chicory.wasm.types.ValType chicory(CoreType t) {
    return switch (t) {
      case I32 -> com.dylibso.chicory.wasm.types.ValType.I32;
      case I64 -> com.dylibso.chicory.wasm.types.ValType.I64;
      case F32 -> com.dylibso.chicory.wasm.types.ValType.F32;
      case F64 -> com.dylibso.chicory.wasm.types.ValType.F64;
    };
  }
}
