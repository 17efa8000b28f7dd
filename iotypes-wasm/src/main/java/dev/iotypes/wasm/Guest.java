package dev.iotypes.wasm;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.MalformedException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.UnlinkableException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.CodeSection;
import com.dylibso.chicory.wasm.types.CustomSection;
import com.dylibso.chicory.wasm.types.DataCountSection;
import com.dylibso.chicory.wasm.types.DataSection;
import com.dylibso.chicory.wasm.types.ElementSection;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExportSection;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionSection;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.GlobalSection;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ImportSection;
import com.dylibso.chicory.wasm.types.MemorySection;
import com.dylibso.chicory.wasm.types.NameCustomSection;
import com.dylibso.chicory.wasm.types.Section;
import com.dylibso.chicory.wasm.types.SectionId;
import com.dylibso.chicory.wasm.types.StartSection;
import com.dylibso.chicory.wasm.types.TableSection;
import com.dylibso.chicory.wasm.types.TagSection;
import com.dylibso.chicory.wasm.types.TypeSection;
import com.dylibso.chicory.wasm.types.UnknownCustomSection;
import dev.iotypes.engine.CodeValidator;
import dev.iotypes.engine.Engine;
import dev.iotypes.engine.LazyBodies;
import dev.iotypes.wasm.runtime.CachedMachine;
import dev.iotypes.wasm.runtime.GuestAccess;
import dev.iotypes.wasm.runtime.ImportProvider;
import dev.iotypes.wasm.runtime.Limits;
import dev.iotypes.wasm.runtime.LoadBudget;
import dev.iotypes.wasm.runtime.ModuleCache;
import dev.iotypes.wasm.runtime.ModuleSizeLimits;
import dev.iotypes.wasm.runtime.Utf8;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loaded WebAssembly module, validated and compiled once, run any number of times. Each run gets
 * a fresh instance with its own memory and handle table, so runs share nothing and may go on in
 * parallel.
 *
 * <pre>{@code
 * Guest wc = Guest.load(Path.of("guests/wasm/wc.wasm"));
 * int status = wc.main()
 *     .bind("input", Path.of("README.md"))
 *     .bind("output", System.out)
 *     .call();
 * }</pre>
 */
public final class Guest {
  static {
    GuestAccess.register(
        new GuestAccess() {
          @Override
          public GuestOptions options(Guest guest) {
            return guest.options;
          }

          @Override
          public Instance instantiate(Guest guest, ImportValues imports, boolean runStart)
              throws GuestException {
            return guest.instantiate(imports, runStart);
          }

          @Override
          public void ran(Guest guest) {
            guest.ran();
          }

          @Override
          public HostImports hostImports(ImportProvider provider) {
            return new HostImports(provider);
          }
        });
  }

  private static final Pattern COMPILED_FUNCTION = Pattern.compile("func_(\\d+)");

  private final String name;
  private final WasmModule module;
  private final GuestOptions options;
  private final List<TypedMain> mains;
  private final Function<Instance, Machine> machine;

  private Guest(
      String name,
      WasmModule module,
      GuestOptions options,
      List<TypedMain> mains,
      Function<Instance, Machine> machine) {
    this.name = name;
    this.module = module;
    this.options = options;
    this.mains = mains;
    this.machine = machine;
  }

  /** What an earlier run compiled from exactly these bytes, or {@code null}. */
  private static CachedMachine cached(ModuleCache cache, byte[] bytes) {
    byte[] entry = cache == null ? null : cache.get(bytes);
    if (entry != null) {
      try {
        return CachedMachine.load(entry);
      } catch (IOException | ReflectiveOperationException | RuntimeException | LinkageError e) {
        cache.evict(bytes); // not loadable here: compile it again
      }
    }
    return null;
  }

  /**
   * Compiles to JVM bytecode; the classes are held in {@code pending}, for the cache to store once
   * an instance of them has been made (see {@link #instantiate}).
   */
  private static Function<Instance, Machine> compile(
      WasmModule module, ModuleCache.Pending pending) {
    if (pending == null) {
      return MachineFactoryCompiler.compile(module);
    }
    return MachineFactoryCompiler.builder(module).withCache(pending).compile();
  }

  /**
   * Chicory's {@code Parser.parse(byte[])}, with the module cache's key as the digest instead of a
   * SHA-256 (see {@link ModuleCache}): the same sections and errors, and the same validation unless
   * {@code validate} is false.
   */
  private static WasmModule parse(byte[] bytes, boolean validate) {
    return parse(bytes, validate, false);
  }

  /**
   * {@code withoutCode}: for bytes validated before, the module without its code section
   * (placeholders stand for the bodies); the engine decodes each body when it first compiles it
   * ({@link LazyBodies}).
   */
  private static WasmModule parse(byte[] bytes, boolean validate, boolean withoutCode) {
    WasmModule.Builder module = WasmModule.builder().withValidation(validate);
    int[] functions = {0};
    try {
      (withoutCode ? LazyBodies.parser() : Parser.builder().build())
          .parse(
              new ByteArrayInputStream(bytes),
              section -> {
                LoadBudget.checkpoint();
                if (section instanceof FunctionSection f) {
                  functions[0] = f.functionCount();
                }
                addSection(module, section);
              });
    } catch (MalformedException e) {
      throw new MalformedException(
          "section size mismatch, unexpected end of section or function, " + e.getMessage(), e);
    }
    if (withoutCode) {
      module.setCodeSection(LazyBodies.placeholders(functions[0]));
    }
    LoadBudget.checkpoint(); // before validating, the most work after parsing
    return module.withDigest(ModuleCache.key(bytes)).build();
  }

  private static void addSection(WasmModule.Builder module, Section section) {
    switch (section.sectionId()) {
      case SectionId.CUSTOM -> {
        CustomSection custom = (CustomSection) section;
        module.addCustomSection(custom.name(), custom);
      }
      case SectionId.TYPE -> module.setTypeSection((TypeSection) section);
      case SectionId.IMPORT -> module.setImportSection((ImportSection) section);
      case SectionId.FUNCTION -> module.setFunctionSection((FunctionSection) section);
      case SectionId.TABLE -> module.setTableSection((TableSection) section);
      case SectionId.MEMORY -> module.setMemorySection((MemorySection) section);
      case SectionId.GLOBAL -> module.setGlobalSection((GlobalSection) section);
      case SectionId.EXPORT -> module.setExportSection((ExportSection) section);
      case SectionId.START -> module.setStartSection((StartSection) section);
      case SectionId.ELEMENT -> module.setElementSection((ElementSection) section);
      case SectionId.CODE -> module.setCodeSection((CodeSection) section);
      case SectionId.DATA -> module.setDataSection((DataSection) section);
      case SectionId.DATA_COUNT -> module.setDataCountSection((DataCountSection) section);
      case SectionId.TAG -> module.setTagSection((TagSection) section);
      default -> module.addIgnoredSection(section.sectionId());
    }
  }

  public static Guest load(Path path) throws GuestException {
    return load(path, GuestOptions.DEFAULTS);
  }

  /** Reads, validates and compiles the module at {@code path}. */
  public static Guest load(Path path, GuestOptions options) throws GuestException {
    byte[] bytes;
    try {
      ModuleSizeLimits.checkLength(fileName(path), Files.size(path)); // before reading it all
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new GuestException("no such module: " + path);
    } catch (IOException e) {
      throw new GuestException("cannot read module " + path + ": " + e.getMessage());
    }
    return load(bytes, fileName(path), options);
  }

  private static String fileName(Path path) {
    return path.getFileName() == null ? path.toString() : path.getFileName().toString();
  }

  /**
   * Validates and compiles {@code bytes}; {@code name} is used in messages only. A module past
   * {@link ModuleSizeLimits} is refused before it is parsed, and loading is held to the options'
   * {@link GuestOptions#timeout} (see {@link LoadBudget}).
   */
  public static Guest load(byte[] bytes, String name, GuestOptions options) throws GuestException {
    if (bytes.length < 8
        || bytes[0] != 0
        || bytes[1] != 'a'
        || bytes[2] != 's'
        || bytes[3] != 'm') {
      throw new GuestException(name + " is not a WebAssembly module");
    }
    ModuleSizeLimits.check(name, bytes);
    return LoadBudget.within(options.timeout(), name, () -> parseAndCompile(bytes, name, options));
  }

  private static Guest parseAndCompile(byte[] bytes, String name, GuestOptions options)
      throws GuestException {
    // A module whose compiled classes are in the cache was validated when it was compiled (the
    // cache holds its very bytes, per Chicory version): parsing it again skips the validation,
    // which costs a 34 KB module 45 ms of start-up.
    ModuleCache cache =
        switch (options.execution()) {
          case CHICORY ->
              options
                  .cache()
                  .map(root -> ModuleCache.in(root, options.maxCacheBytes()))
                  .orElse(null);
          case IOTYPES ->
              options
                  .cache()
                  .map(
                      root ->
                          ModuleCache.in(
                              root, "iotypes-engine-" + Engine.version(), options.maxCacheBytes()))
                  .orElse(null);
          case INTERPRETER -> null;
        };
    CachedMachine cached = options.execution() == Execution.CHICORY ? cached(cache, bytes) : null;
    byte[] engineClasses =
        options.execution() == Execution.IOTYPES && cache != null ? cache.get(bytes) : null;
    // A cached module's functions compiled before need no body, and others are decoded when first
    // compiled: for a 30 MB module, parsing its code section took seconds and gigabytes every run.
    // A first run parses it no more: the engine's own validator checks the bodies from the bytes.
    boolean validate = cached == null && engineClasses == null;
    boolean lazy =
        options.execution() == Execution.IOTYPES
            && LazyBodies.supported()
            && (engineClasses != null || CodeValidator.enabled());
    WasmModule module;
    try {
      module = parse(bytes, validate, lazy);
      if (lazy && validate) {
        CodeValidator.validate(bytes, module);
      }
    } catch (RuntimeException | AssertionError e) { // Chicory asserts its invariants too
      throw new GuestException(
          name
              + " is not a valid WebAssembly module: "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          e);
    } catch (OutOfMemoryError e) {
      throw tooLarge(name, e);
    }
    LoadBudget.checkpoint();
    List<TypedMain> mains = declaredMains(name, module);
    ModuleCache.Pending pending =
        options.execution() == Execution.CHICORY && cached == null && cache != null
            ? cache.pendingFor(bytes)
            : null;
    // A module that declares more memory or table than the limits is refused when instantiated
    // (Limits.checkDeclared): compiling it first would be work for nothing.
    boolean refused = refused(name, module, options);
    Execution execution = refused ? Execution.INTERPRETER : options.execution();
    if (execution == Execution.INTERPRETER) {
      pending = null;
      if (lazy) { // Chicory's interpreter reads every body from the module
        module = parse(bytes, false, false);
        lazy = false;
      }
    }
    try {
      Function<Instance, Machine> machine =
          switch (execution) {
            case INTERPRETER -> InterpreterMachine::new;
            case CHICORY -> cached != null ? cached : compile(module, pending);
            case IOTYPES ->
                lazy
                    ? Engine.compile(module, engineClasses, LazyBodies.of(bytes, module))
                    : Engine.compile(module, engineClasses);
          };
      LoadBudget.checkpoint();
      Guest guest = new Guest(name, module, options, mains, machine);
      if (machine instanceof Engine.Compiled compiled && cache != null) {
        guest.keep = () -> keep(cache, bytes, compiled);
      }
      if (pending != null) {
        guest.publish = pending::publish;
      }
      return guest;
    } catch (OutOfMemoryError e) {
      throw tooLarge(name, e);
    } catch (RuntimeException | AssertionError e) {
      throw new GuestException(name + " could not be compiled: " + e.getMessage(), e);
    }
  }

  /** Whether instantiating the module will be refused for what it declares. */
  private static boolean refused(String name, WasmModule module, GuestOptions options) {
    try {
      Limits.checkDeclared(name, module, options);
      return false;
    } catch (LimitExceeded e) {
      return true;
    }
  }

  private static LimitExceeded tooLarge(String name, OutOfMemoryError e) {
    return new LimitExceeded(
        LimitExceeded.Limit.MEMORY,
        name + " is too large to load: the host ran out of memory (" + e.getMessage() + ")",
        e);
  }

  /**
   * Stores what this process compiled, if anything, for the next run; see {@link #ran()}. Only a
   * module that was instantiated once is kept: one refused at load or at instantiation (a limit, a
   * missing import, a trap in its start function) leaves nothing in the cache.
   */
  private Runnable keep = () -> {};

  /** Chicory's compiled classes, held until the first instance is made, then stored. */
  private Runnable publish = () -> {};

  private final AtomicBoolean instantiated = new AtomicBoolean();

  private static void keep(ModuleCache cache, byte[] bytes, Engine.Compiled compiled) {
    byte[] classes = compiled.toCache();
    if (classes != null) {
      cache.put(bytes, classes);
    }
  }

  /**
   * Called when a run of this guest ends: the engine's classes compiled so far go to the module
   * cache, so the next process neither compiles them nor validates the module again.
   */
  void ran() {
    if (instantiated.get()) {
      keep.run();
    }
  }

  /** The module's name as given at load. */
  public String name() {
    return name;
  }

  /** Every typed main the module declares. */
  public List<TypedMain> typedMains() {
    return mains;
  }

  /** The typed main named {@code main}, else the only one declared. */
  public Optional<TypedMain> typedMain() {
    for (TypedMain main : mains) {
      if (main.export().equals("main")) {
        return Optional.of(main);
      }
    }
    return mains.size() == 1 ? Optional.of(mains.get(0)) : Optional.empty();
  }

  /** Starts binding the arguments of {@link #typedMain()}. */
  public MainCall main() throws GuestException {
    return new MainCall(
        this,
        typedMain()
            .orElseThrow(
                () ->
                    new GuestException(
                        name
                            + " declares no typed main (custom section "
                            + TypedMain.SECTION
                            + ")")));
  }

  /** Starts binding the arguments of a specific declared main. */
  public MainCall call(TypedMain main) {
    return new MainCall(this, main);
  }

  /** Whether the module exports a function of this name. */
  public boolean exportsFunction(String export) {
    return exportType(export) != null;
  }

  /** Whether the module imports a function {@code name} from {@code module}. */
  public boolean importsFunction(String module, String name) {
    for (int i = 0; i < this.module.importSection().importCount(); i++) {
      Import imp = this.module.importSection().getImport(i);
      if (imp instanceof FunctionImport && imp.module().equals(module) && imp.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** {@code module.name: (params) -> (results)} for each imported function, in module order. */
  public List<String> imports() {
    List<String> imports = new ArrayList<>();
    for (int i = 0; i < module.importSection().importCount(); i++) {
      Import imp = module.importSection().getImport(i);
      String type =
          imp instanceof FunctionImport f
              ? signature(module.typeSection().getType(f.typeIndex()))
              : imp.importType().name().toLowerCase(java.util.Locale.ROOT);
      imports.add(imp.module() + "." + imp.name() + ": " + type);
    }
    return imports;
  }

  /** {@code name: (params) -> (results)} for each exported function, or the kind of export. */
  public List<String> exports() {
    List<String> exports = new ArrayList<>();
    for (int i = 0; i < module.exportSection().exportCount(); i++) {
      Export export = module.exportSection().getExport(i);
      FunctionType type = exportType(export.name());
      exports.add(
          export.name()
              + ": "
              + (type != null
                  ? signature(type)
                  : export.exportType().name().toLowerCase(java.util.Locale.ROOT)));
    }
    return exports;
  }

  GuestOptions options() {
    return options;
  }

  /** A fresh instance whose imports are {@code imports}; linking failures name the import. */
  Instance instantiate(ImportValues imports) throws GuestException {
    return instantiate(imports, true);
  }

  /**
   * As {@link #instantiate(ImportValues)}; with {@code runStart} false, an export named {@code
   * _start} is not run at instantiation (Chicory runs it by default), so that the caller runs it
   * itself, as a WASI command. Memory and tables are held to the options' limits.
   */
  Instance instantiate(ImportValues imports, boolean runStart) throws GuestException {
    Limits.checkDeclared(name, module, options);
    try {
      Instance instance =
          Instance.builder(module)
              .withImportValues(imports)
              .withMachineFactory(machine)
              .withStart(runStart)
              .withMemoryFactory(Limits.memories(options))
              .withTableFactory(Limits.tables(options))
              .build();
      if (instantiated.compareAndSet(false, true)) {
        publish.run();
        publish = () -> {};
      }
      return instance;
    } catch (StackOverflowError e) {
      throw trap(e);
    } catch (ChicoryException e) {
      if (e instanceof UnlinkableException) {
        throw new GuestException(
            name
                + " needs an import iotypes does not provide: "
                // Chicory ends some of these with a newline; the report is one line
                + String.valueOf(e.getMessage()).strip().replaceAll("\\s*\n\\s*", "; "),
            e);
      }
      throw trap(e);
    }
  }

  /** A trap as the user should read it: what happened, and in which Wasm function. */
  public GuestTrap trap(Throwable cause) {
    String function = trappingFunction(cause);
    String what =
        cause instanceof StackOverflowError
            ? "call stack exhausted"
            : String.valueOf(cause.getMessage());
    return new GuestTrap(
        name + " trapped" + (function == null ? "" : " in " + function) + ": " + what,
        function,
        cause);
  }

  FunctionType exportType(String export) {
    for (int i = 0; i < module.exportSection().exportCount(); i++) {
      Export e = module.exportSection().getExport(i);
      if (e.name().equals(export) && e.exportType() == ExternalType.FUNCTION) {
        int imported = module.importSection().count(ExternalType.FUNCTION);
        int index = e.index();
        if (index < imported) {
          FunctionImport f = (FunctionImport) functionImport(index);
          return module.typeSection().getType(f.typeIndex());
        }
        return module
            .typeSection()
            .getType(module.functionSection().getFunctionType(index - imported));
      }
    }
    return null;
  }

  private Import functionImport(int functionIndex) {
    int seen = 0;
    for (int i = 0; i < module.importSection().importCount(); i++) {
      Import imp = module.importSection().getImport(i);
      if (imp.importType() == ExternalType.FUNCTION && seen++ == functionIndex) {
        return imp;
      }
    }
    throw new IllegalStateException("no function import " + functionIndex);
  }

  /**
   * The innermost Wasm function on the trap's stack: compiled functions are JVM methods named
   * {@code func_N}, which the module's name section (if any) names.
   */
  private String trappingFunction(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      for (StackTraceElement frame : t.getStackTrace()) {
        Matcher m = COMPILED_FUNCTION.matcher(frame.getMethodName());
        if (m.matches()) {
          int index = Integer.parseInt(m.group(1));
          NameCustomSection names = module.nameSection();
          String known = names == null ? null : names.nameOfFunction(index);
          return known != null ? known : "func[" + index + "]";
        }
      }
    }
    return null;
  }

  private static List<TypedMain> declaredMains(String name, WasmModule module)
      throws GuestException {
    List<TypedMain> mains = new ArrayList<>();
    for (CustomSection section : module.customSections()) {
      if (section.name().equals(TypedMain.SECTION) && section instanceof UnknownCustomSection raw) {
        String text;
        try {
          text = Utf8.strict(raw.bytes());
        } catch (CharacterCodingException e) {
          throw new GuestException(name + ": section " + TypedMain.SECTION + " is not UTF-8");
        }
        try {
          mains.addAll(TypedMain.parseAll(text));
        } catch (IllegalArgumentException e) {
          throw new GuestException(name + ": bad typed main: " + e.getMessage());
        }
      }
    }
    return List.copyOf(mains);
  }

  /** {@code (i32, i32) -> (i32)}, as {@code iotypes inspect} and messages show a type. */
  static String signature(FunctionType type) {
    return "("
        + String.join(", ", type.params().stream().map(Guest::valType).toList())
        + ") -> ("
        + String.join(", ", type.returns().stream().map(Guest::valType).toList())
        + ")";
  }

  private static String valType(com.dylibso.chicory.wasm.types.ValType type) {
    return type.name().toLowerCase(java.util.Locale.ROOT);
  }
}
