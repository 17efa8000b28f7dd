package dev.iotypes.component;

import dev.iotypes.Clock;
import dev.iotypes.Input;
import dev.iotypes.InputDirectory;
import dev.iotypes.IoArray;
import dev.iotypes.IoTypes;
import dev.iotypes.Output;
import dev.iotypes.OutputDirectory;
import dev.iotypes.Random;
import dev.iotypes.component.abi.ResourceType;
import dev.iotypes.component.abi.Value;
import dev.iotypes.component.binary.ComponentBinary;
import dev.iotypes.component.binary.Definition;
import dev.iotypes.component.binary.PackageDocs;
import dev.iotypes.component.binary.Sort;
import dev.iotypes.component.link.ComponentFunc;
import dev.iotypes.component.link.ComponentInstance;
import dev.iotypes.component.link.LinkError;
import dev.iotypes.component.wasi.ComponentExit;
import dev.iotypes.component.wasi.Session;
import dev.iotypes.wasi.WasiOptions;
import dev.iotypes.wasm.GuestException;
import dev.iotypes.wasm.Param;
import dev.iotypes.wasm.ParamType;
import dev.iotypes.wasm.TypedMain;
import dev.iotypes.wasm.runtime.GuestAccess;
import dev.iotypes.wasm.runtime.Run;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A typed main as a component export: a function {@code main} whose parameters are {@code
 * borrow<input-stream>}, {@code borrow<output-stream>} ({@code wasi:io}), {@code borrow<io-array>},
 * {@code borrow<input-directory>}, {@code borrow<output-directory>}, {@code borrow<clock>}, {@code
 * borrow<random>} ({@code iotypes:io}), lists and options of the streams, arrays and directories,
 * and the plain values a core typed main takes. Its arguments are bound from Java objects (the core
 * library's {@link Input}, {@link Output}, {@link IoArray}, {@link InputDirectory}, {@link
 * OutputDirectory}, which stay the caller's, a clock and a random source, and plain values), then
 * it is called once; a clock or random left unbound is the options' ({@code --clock}, {@code
 * --seed}), else the host's clock and a secure random.
 *
 * <p>The component is instantiated when the call is {@link #prepare prepared}, since the export's
 * types name the resource types this run's host gives it, and the run's time limit starts then.
 *
 * <pre>{@code
 * try (ComponentMain main = ComponentMain.prepare(component, WasiOptions.builder().build())) {
 *   int status = main.bind("inputs", List.of(in)).bind("output", out).call();
 * }
 * }</pre>
 */
public final class ComponentMain implements AutoCloseable {
  /** The export a typed-main component is run by. */
  public static final String EXPORT = "main";

  private final Component component;
  private final WasiOptions options;
  private final Session session;
  private final Run run;
  private final ComponentFunc function;
  private final TypedMain main;
  private final Object[] values;
  private final List<Output> outputs = new ArrayList<>();
  private boolean closed;

  private ComponentMain(
      Component component,
      WasiOptions options,
      Session session,
      Run run,
      ComponentFunc function,
      TypedMain main) {
    this.component = component;
    this.options = options;
    this.session = session;
    this.run = run;
    this.function = function;
    this.main = main;
    this.values = new Object[main.params().size()];
  }

  /**
   * Whether {@code component} exports a function {@code main}, at its top level or in an exported
   * interface ({@link #interfacesWithMain}), and is not a WASI command: what {@code iotypes run}
   * runs as a typed main, without instantiating it.
   */
  public static boolean declares(Component component) {
    boolean main = false;
    for (Definition d : component.binary().definitions()) {
      if (d instanceof Definition.Export e) {
        if (isMain(e)) {
          main = true;
        } else if (e.name().startsWith("wasi:cli/run@")) {
          return false;
        }
      }
    }
    return main || !interfacesWithMain(component.binary()).isEmpty();
  }

  private static boolean isMain(Definition.Export e) {
    return e.name().equals(EXPORT) && e.item().sort() == Sort.FUNC;
  }

  /**
   * The names of the instances {@code binary} exports (interfaces, {@code iotypes:main/run} say)
   * that export a function {@code main}: an instance made from exports, or one instantiated from a
   * component of {@code binary}'s own that exports it, as wit-component wraps each exported
   * interface. Read from the definitions alone, following the instance and component index spaces;
   * an instance imported or aliased is none.
   */
  static List<String> interfacesWithMain(ComponentBinary binary) {
    List<ComponentBinary> components = new ArrayList<>(); // null: imported or aliased
    List<Boolean> instances = new ArrayList<>(); // whether each exports a function main
    List<String> names = new ArrayList<>();
    for (Definition d : binary.definitions()) {
      Sort added = null;
      if (d instanceof Definition.Component c) {
        components.add(c.component());
      } else if (d instanceof Definition.Instantiate i) {
        ComponentBinary c = at(components, i.component());
        instances.add(
            c != null
                && c.definitions().stream()
                    .anyMatch(x -> x instanceof Definition.Export e && isMain(e)));
      } else if (d instanceof Definition.FromExports e) {
        instances.add(e.exports().stream().anyMatch(ComponentMain::isMain));
      } else if (d instanceof Definition.Import i) {
        added = i.desc().sort();
      } else if (d instanceof Definition.AliasDef a) {
        added = a.alias().sort();
      } else if (d instanceof Definition.Export e && e.item().sort() == Sort.INSTANCE) {
        boolean main = Boolean.TRUE.equals(at(instances, e.item().index()));
        instances.add(main); // an export adds its item again, under the export's index
        if (main) {
          names.add(e.name());
        }
      } else if (d instanceof Definition.Export e && e.item().sort() == Sort.COMPONENT) {
        components.add(at(components, e.item().index()));
      }
      if (added == Sort.INSTANCE) {
        instances.add(false);
      } else if (added == Sort.COMPONENT) {
        components.add(null);
      }
    }
    return names;
  }

  private static <T> T at(List<T> list, int index) {
    return index >= 0 && index < list.size() ? list.get(index) : null;
  }

  /**
   * The function {@code main} the component exports at its top level, else the one of the one
   * exported interface that has it.
   */
  private static ComponentFunc mainFunction(Component component, ComponentInstance instance)
      throws GuestException {
    if (instance.exports().get(EXPORT) instanceof ComponentFunc f) {
      return f;
    }
    List<String> names = interfacesWithMain(component.binary());
    if (names.size() > 1) {
      throw new GuestException(
          component.name()
              + " is no typed main: several exported interfaces have a function "
              + EXPORT
              + " ("
              + String.join(", ", names)
              + ")");
    }
    if (names.size() == 1
        && instance.export(names.get(0)) instanceof ComponentInstance exported
        && exported.exports().get(EXPORT) instanceof ComponentFunc f) {
      return f;
    }
    throw new GuestException(
        component.name() + " is no typed main: it exports no function " + EXPORT);
  }

  /**
   * Instantiates {@code component} with the WASI 0.2 imports of {@code options} (its standard
   * streams, environment, clocks) and reads its {@code main} export's type as a typed main.
   *
   * @throws GuestException if it exports no {@code main}, a parameter or result cannot be bound
   *     (the message names it), or it needs imports iotypes lacks
   */
  public static ComponentMain prepare(Component component, WasiOptions options)
      throws GuestException {
    Session session = Session.open(options, GuestAccess.get().options(component.first()));
    Run run = Run.start(component.first());
    try {
      ComponentInstance instance = component.instantiate(session.imports(), run.watchdog());
      ComponentFunc f = mainFunction(component, instance);
      TypedMain main;
      try {
        main = ComponentSignature.typedMain(EXPORT, f.type(), handleKinds(session));
      } catch (IllegalArgumentException e) {
        throw new GuestException(component.name() + ": " + EXPORT + ": " + e.getMessage());
      }
      Optional<String> doc = PackageDocs.worldFunction(component.binary(), EXPORT);
      if (doc.isPresent()) {
        try {
          main = ComponentDocs.document(main, doc.get());
        } catch (IllegalArgumentException e) {
          throw new GuestException(
              component.name() + ": the doc of " + EXPORT + ": " + e.getMessage());
        }
      }
      return new ComponentMain(component, options, session, run, f, main);
    } catch (GuestException | RuntimeException | Error e) {
      run.close();
      session.close();
      throw e instanceof GuestException g
              && (g.getCause() == null || g.getCause() instanceof LinkError)
          ? g
          : run.ended(e);
    }
  }

  /** The host's resource types a typed main's borrow binds as a handle kind, by identity. */
  private static Map<ResourceType, ParamType> handleKinds(Session session) {
    Map<ResourceType, ParamType> kinds = new IdentityHashMap<>();
    kinds.put(session.inputStreamType(), ParamType.INPUT_STREAM);
    kinds.put(session.outputStreamType(), ParamType.OUTPUT_STREAM);
    kinds.put(session.ioArrayType(), ParamType.ARRAY);
    kinds.put(session.inputDirectoryType(), ParamType.INPUT_DIRECTORY);
    kinds.put(session.outputDirectoryType(), ParamType.OUTPUT_DIRECTORY);
    kinds.put(session.clockType(), ParamType.CLOCK);
    kinds.put(session.randomType(), ParamType.RANDOM);
    return kinds;
  }

  /** The export's signature as a typed main: what {@code --help} shows and arguments bind to. */
  public TypedMain typedMain() {
    return main;
  }

  /**
   * Binds the parameter {@code name}: an {@link Input} or {@link Output} for a stream, an {@link
   * IoArray} for an array, an {@link InputDirectory} or {@link OutputDirectory} for a directory
   * (the caller's, never closed), a {@link Clock} or {@link InstantSource} for a clock, a {@link
   * Random} or {@link RandomGenerator} for a random source, a {@link Collection} for a list, an
   * {@link Optional} or null for an option, a Boolean, an integer (range checked), a Double, a
   * String, or for an enum the case's name or a Java enum constant.
   *
   * @throws IllegalArgumentException if there is no such parameter or the value does not fit it
   */
  public ComponentMain bind(String name, Object value) {
    for (int i = 0; i < values.length; i++) {
      Param param = main.params().get(i);
      if (param.name().equals(name)) {
        values[i] = param.shape(value, v -> one(param, v));
        return this;
      }
    }
    throw new IllegalArgumentException(component.name() + " has no parameter named " + name);
  }

  /** One value as the Canonical ABI lowers it for {@code param}'s kind. */
  private Object one(Param param, Object value) {
    ParamType type = param.type();
    if (type.isInteger()) {
      if (!(value instanceof Long
          || value instanceof Integer
          || value instanceof Short
          || value instanceof Byte)) {
        throw wrong(param, value, "an integer");
      }
      long v = ((Number) value).longValue();
      if (type != ParamType.U64 || !(value instanceof Long)) {
        try {
          type.parseInteger(Long.toString(v));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(param + ": " + e.getMessage(), e);
        }
      }
      return switch (type) {
        case U32, S64, U64 -> v;
        default -> (int) v;
      };
    }
    return switch (type) {
      case INPUT_STREAM -> {
        if (!(value instanceof Input in)) {
          throw wrong(param, value, "an Input");
        }
        yield session.lend(in);
      }
      case OUTPUT_STREAM -> {
        if (!(value instanceof Output out)) {
          throw wrong(param, value, "an Output");
        }
        outputs.add(out);
        yield session.lend(out);
      }
      case ARRAY -> {
        if (!(value instanceof IoArray array)) {
          throw wrong(param, value, "an IoArray");
        }
        yield session.lend(array);
      }
      case INPUT_DIRECTORY -> {
        if (!(value instanceof InputDirectory directory)) {
          throw wrong(param, value, "an InputDirectory");
        }
        yield session.lend(directory);
      }
      case OUTPUT_DIRECTORY -> {
        if (!(value instanceof OutputDirectory directory)) {
          throw wrong(param, value, "an OutputDirectory");
        }
        yield session.lend(directory);
      }
      case CLOCK -> {
        if (!(value instanceof Clock || value instanceof InstantSource)) {
          throw wrong(param, value, "a Clock or InstantSource");
        }
        yield session.lend(value instanceof Clock c ? c : IoTypes.clock((InstantSource) value));
      }
      case RANDOM -> {
        if (!(value instanceof Random || value instanceof RandomGenerator)) {
          throw wrong(param, value, "a Random or RandomGenerator");
        }
        yield session.lend(value instanceof Random r ? r : IoTypes.random((RandomGenerator) value));
      }
      case BOOL -> {
        if (!(value instanceof Boolean)) {
          throw wrong(param, value, "a Boolean");
        }
        yield value;
      }
      case F64 -> {
        if (!(value instanceof Double || value instanceof Float || value instanceof Integer)) {
          throw wrong(param, value, "a Double");
        }
        yield ((Number) value).doubleValue();
      }
      case STRING -> {
        if (!(value instanceof String)) {
          throw wrong(param, value, "a String");
        }
        yield value;
      }
      case ENUM -> {
        String name =
            value instanceof Enum<?> constant
                ? constant.name().toLowerCase(Locale.ROOT).replace('_', '-')
                : value instanceof String text ? text : null;
        int index = name == null ? -1 : param.cases().indexOf(name);
        if (index < 0) {
          throw new IllegalArgumentException(
              param + ": no case " + value + " (" + String.join(", ", param.cases()) + ")");
        }
        yield new Value.Enum(index);
      }
      default -> throw wrong(param, value, "nothing");
    };
  }

  private static IllegalArgumentException wrong(Param param, Object value, String expected) {
    return new IllegalArgumentException(
        param
            + " takes "
            + expected
            + ", not "
            + (value == null ? "null" : value.getClass().getSimpleName()));
  }

  /**
   * What an unbound parameter takes: the run's clock and random (the options', else the host's
   * clock and a secure random), none, an empty list, its documented default, false; else it is
   * missing.
   */
  private Object unbound(Param param) throws GuestException {
    if (param.type() == ParamType.CLOCK) {
      return session.lend(options.clockHandle().orElseGet(IoTypes::systemClock));
    }
    if (param.type() == ParamType.RANDOM) {
      return session.lend(options.randomHandle().orElseGet(IoTypes::secureRandom));
    }
    if (param.arity() == Param.Arity.OPTIONAL) {
      return Optional.empty();
    }
    if (param.arity() == Param.Arity.LIST) {
      return List.of();
    }
    if (param.doc().hasDefault()) {
      return one(param, param.parse(param.doc().defaultValue()));
    }
    if (param.type() == ParamType.BOOL) {
      return false;
    }
    throw new GuestException("missing argument: " + param);
  }

  /**
   * Calls {@code main} and returns its exit status: 0 with no result, 0 for {@code ok} and 1 for
   * {@code err}, a {@code u32}/{@code s32} clamped to 0..255, or what {@code wasi:cli/exit} was
   * given. The bound outputs are flushed (never closed) and the run's files released before this
   * returns or throws.
   *
   * @throws dev.iotypes.wasm.GuestTrap if the guest trapped, a Canonical ABI trap included
   * @throws GuestException if an argument is missing
   */
  public int call() throws GuestException {
    if (closed) {
      throw new IllegalStateException("a typed main is called once");
    }
    try {
      List<Object> args = new ArrayList<>();
      for (int i = 0; i < values.length; i++) {
        args.add(values[i] != null ? values[i] : unbound(main.params().get(i)));
      }
      try {
        return status(function.call().call(args));
      } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
        ComponentExit exit = exit(e);
        if (exit != null) {
          return exit.status();
        }
        throw run.ended(e);
      }
    } finally {
      close();
    }
  }

  private static int status(Object result) {
    if (result instanceof Value.Result r) {
      return r.ok() ? 0 : 1;
    }
    if (result instanceof Number n) {
      long v = n instanceof Integer i ? i : n.longValue();
      return (int) Math.max(0, Math.min(255, v));
    }
    return 0;
  }

  private static ComponentExit exit(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ComponentExit exit) {
        return exit;
      }
    }
    return null;
  }

  /** Releases the instance's files and flushes the bound outputs; a prepared call never made. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      run.close();
    } finally {
      session.close();
      IdentityHashMap<Output, Boolean> flushed = new IdentityHashMap<>();
      for (Output out : outputs) {
        if (flushed.put(out, true) == null) {
          flush(out);
        }
      }
      flush(options.stdout());
      flush(options.stderr());
      component.ran();
    }
  }

  private static void flush(Output output) {
    try {
      output.flush();
    } catch (RuntimeException e) {
      // the stream is the caller's; its failure is its own to report
    }
  }
}
