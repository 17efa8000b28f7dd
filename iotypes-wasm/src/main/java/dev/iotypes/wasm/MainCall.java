package dev.iotypes.wasm;

import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.FunctionType;
import dev.iotypes.AtomicFile;
import dev.iotypes.Clock;
import dev.iotypes.DirectoryEntry;
import dev.iotypes.Failed;
import dev.iotypes.Failure;
import dev.iotypes.Input;
import dev.iotypes.InputDirectory;
import dev.iotypes.IoArray;
import dev.iotypes.IoTypes;
import dev.iotypes.Origin;
import dev.iotypes.Output;
import dev.iotypes.OutputDirectory;
import dev.iotypes.Random;
import dev.iotypes.wasm.abi.Handles;
import dev.iotypes.wasm.abi.IoTypesImports;
import dev.iotypes.wasm.abi.Listing;
import dev.iotypes.wasm.runtime.ImportProvider;
import dev.iotypes.wasm.runtime.LimitReached;
import dev.iotypes.wasm.runtime.Run;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * The arguments of one typed-main call, bound at the boundary from Java objects, then the call.
 *
 * <p>Handle parameters take the core types ({@link Input}, {@link Output}, {@link IoArray}), which
 * stay the caller's: the guest may use them, but only the caller closes them; outputs are flushed
 * when the guest is done. They also take a {@link Path}, {@code byte[]}, {@link ByteBuffer}
 * (arrays) or Java stream, which the call opens or wraps and closes itself; an array takes an
 * {@link Input} or {@code InputStream} too, read to its end before the guest starts. An output
 * bound from a {@link Path} replaces its file only if main returns ok ({@link
 * GuestOptions#atomicOutputs()}). Plain parameters take {@link Boolean}, integers (range-checked),
 * {@link Double} for an {@code f64}, {@link String}, and for an enum the case's name or a Java enum
 * constant of that name ({@code BEST} or {@code best} for {@code best}). A {@code list} takes a
 * {@link Collection} of what its element takes; an {@code option} takes an {@link Optional}, {@code
 * null} (none) or a bare value.
 *
 * <p>A parameter left unbound is none if an {@code option}, empty if a {@code list}, its doc's
 * default if it declares one, false if a {@code bool}; any other is a missing argument.
 *
 * <p>A {@code clock} or {@code random} parameter takes a {@link Clock} or {@link InstantSource} (a
 * {@code java.time.Clock}), a {@link Random} or {@link RandomGenerator}; left unbound, it takes the
 * call's own ({@link #clock(Clock)}, {@link #random(Random)}): the host's clock and a secure random
 * source unless set.
 *
 * <p>What the guest says to the user goes to its {@link #diagnostics diagnostic output}; a guest
 * linked with wasi-libc also needs the {@link #imports imports} libc makes, which {@code
 * iotypes-wasi} provides.
 */
public final class MainCall {
  private final Guest guest;
  private final TypedMain main;
  private final Object[] values;
  private Output diagnostics;
  private HostImports hostImports = HostImports.NONE;
  private Clock clock;
  private Random random;
  private Clock handedClock; // the first clock parameter's, for the imports (libc's clocks)
  private Random handedRandom;
  private final Map<String, List<DirectoryEntry>> handedDirectories = new LinkedHashMap<>();

  MainCall(Guest guest, TypedMain main) {
    this.guest = guest;
    this.main = main;
    this.values = new Object[main.params().size()];
  }

  public TypedMain typedMain() {
    return main;
  }

  /**
   * Binds the parameter named {@code name}.
   *
   * @throws IllegalArgumentException if there is no such parameter or the value does not fit it
   */
  public MainCall bind(String name, Object value) {
    for (int i = 0; i < values.length; i++) {
      if (main.params().get(i).name().equals(name)) {
        return bind(i, value);
      }
    }
    throw new IllegalArgumentException(main.export() + " has no parameter named " + name);
  }

  /** Binds the parameter at {@code index}, in declaration order. */
  public MainCall bind(int index, Object value) {
    Param param = main.params().get(index);
    values[index] = param.shape(value, v -> one(param, v));
    return this;
  }

  /** One value for {@code param}'s kind, as lowering takes it: integers as checked longs. */
  private static Object one(Param param, Object value) {
    ParamType type = param.type();
    if (type.isInteger()) {
      if (!(value instanceof Long
          || value instanceof Integer
          || value instanceof Short
          || value instanceof Byte)) {
        throw wrongType(param, value, "an integer");
      }
      long v = ((Number) value).longValue();
      if (type == ParamType.U64 && v < 0 && !(value instanceof Long)) {
        throw new IllegalArgumentException(param + ": not a u64 (" + type.range() + "): " + v);
      }
      try {
        return type.checkInteger(v);
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(param + ": " + e.getMessage(), e);
      }
    }
    return switch (type) {
      case ENUM -> {
        String name =
            value instanceof Enum<?> constant
                ? constant.name().toLowerCase(Locale.ROOT).replace('_', '-')
                : value instanceof String text ? text : null;
        if (name == null) {
          throw wrongType(param, value, "a case name or an enum constant");
        }
        int index = param.cases().indexOf(name);
        if (index < 0) {
          throw new IllegalArgumentException(
              param + ": no case " + name + " (" + String.join(", ", param.cases()) + ")");
        }
        yield index;
      }
      case F64 -> {
        if (!(value instanceof Double
            || value instanceof Float
            || value instanceof Integer
            || value instanceof Short
            || value instanceof Byte)) {
          throw wrongType(param, value, "a Double");
        }
        yield ((Number) value).doubleValue();
      }
      case BOOL -> {
        if (!(value instanceof Boolean)) {
          throw wrongType(param, value, "a Boolean");
        }
        yield value;
      }
      case STRING -> {
        if (!(value instanceof String)) {
          throw wrongType(param, value, "a String");
        }
        yield value;
      }
      default -> {
        if (!fits(type, value)) {
          throw wrongType(param, value, accepted(type));
        }
        yield value;
      }
    };
  }

  static IllegalArgumentException wrongType(Param param, Object value, String expected) {
    return new IllegalArgumentException(
        "parameter "
            + param
            + " takes "
            + expected
            + ", not "
            + (value == null ? "null" : "a " + value.getClass().getSimpleName()));
  }

  private static String accepted(ParamType type) {
    return switch (type) {
      case INPUT_STREAM -> "an Input, Path, byte[] or InputStream";
      case OUTPUT_STREAM -> "an Output, Path or OutputStream";
      case CLOCK -> "a Clock or InstantSource";
      case RANDOM -> "a Random or RandomGenerator";
      case INPUT_DIRECTORY -> "an InputDirectory, Path (a folder, .zip, .tar or .tar.gz) or Map";
      case OUTPUT_DIRECTORY ->
          "an OutputDirectory or a Path (a .zip, .tar, .tar.gz or .tgz archive, else a folder,"
              + " made if missing)";
      default -> "an IoArray, Path, byte[] or ByteBuffer";
    };
  }

  /**
   * Where the guest explains failures to the user: what its {@code diagnostic-output} import
   * returns, and libc's {@code stderr} under {@code iotypes-wasi}'s imports. The caller's: flushed
   * when the guest is done, never closed. The process's standard error unless set.
   */
  public MainCall diagnostics(Output output) {
    diagnostics = Objects.requireNonNull(output, "output");
    return this;
  }

  /**
   * The clock every {@code clock} parameter left unbound takes: with {@link IoTypes#fixedClock} a
   * run reads and waits for the same times every time. {@link IoTypes#systemClock()} unless set.
   */
  public MainCall clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * The random source every {@code random} parameter left unbound takes: {@link
   * IoTypes#seededRandom} makes a run's bytes the same every time. {@link IoTypes#secureRandom()}
   * unless set.
   */
  public MainCall random(Random random) {
    this.random = Objects.requireNonNull(random, "random");
    return this;
  }

  /**
   * Import modules besides {@code iotypes}, made afresh for each run: {@code
   * LibcImports.of(WasiOptions)} of {@code iotypes-wasi} for a guest linked with wasi-libc. None
   * unless set. They are told the clock, random and input directories the typed main is handed, so
   * that libc runs on them too; with imports set, an input directory's listing is therefore read to
   * its end when the call binds it (which opens none of its files), for both to walk.
   */
  public MainCall imports(HostImports imports) {
    hostImports = Objects.requireNonNull(imports, "imports");
    return this;
  }

  /**
   * Runs the typed main in a fresh instance and returns its exit status.
   *
   * @throws GuestTrap if the guest trapped; what it wrote before is flushed
   * @throws GuestException if an argument is missing or cannot be opened, or linking fails
   */
  public int call() throws GuestException {
    try (Provider done = start()) {
      done.finish(); // outputs bound from a path are put in place only if main succeeded
      return done.exitStatus();
    } finally {
      guest.ran();
    }
  }

  /**
   * Runs the typed main and keeps the instance alive afterwards, with every handle it was given, so
   * that its exports can implement I/O types for other guests or Java code. Main is then an
   * initializer: it binds the provider's own handles, such as the sink of a filter.
   *
   * @throws GuestTrap if the guest trapped; its handles are released
   * @throws GuestException as {@link #call()}
   */
  public Provider start() throws GuestException {
    for (int i = 0; i < values.length; i++) {
      ParamType type = main.params().get(i).type();
      if (values[i] == null && type.isFromRun()) {
        values[i] = type == ParamType.CLOCK ? runClock() : runRandom();
      } else if (values[i] == null) {
        values[i] = unbound(main.params().get(i));
      }
    }
    FunctionType declared = main.lowered();
    FunctionType actual = guest.exportType(main.export());
    if (actual == null) {
      throw new GuestException(
          guest.name() + " declares typed main " + main.export() + " but does not export it");
    }
    if (!actual.equals(declared)) {
      throw new GuestException(
          guest.name()
              + ": export "
              + main.export()
              + " is "
              + Guest.signature(actual)
              + " but its typed main needs "
              + Guest.signature(declared));
    }
    GuestOptions options = guest.options();
    Handles handles = new Handles(options.maxHandles());
    long[] args;
    try {
      args = lower(handles);
    } catch (LimitReached e) {
      handles.releaseAll();
      throw new LimitExceeded(e.limit(), guest.name() + ": " + e.getMessage(), e);
    } catch (GuestException | RuntimeException e) {
      handles.releaseAll();
      throw e;
    }
    Run run = Run.start(guest);
    Output diagnostics = this.diagnostics != null ? this.diagnostics : IoTypes.stderr();
    IoTypesImports imports = new IoTypesImports(handles, options, run.watchdog(), diagnostics);
    ImportProvider.Session session;
    try {
      session =
          hostImports
              .provider()
              .open(
                  new ImportProvider.Context(
                      guest.name(),
                      diagnostics,
                      run.watchdog(),
                      options.maxHandles(),
                      Optional.ofNullable(handedClock),
                      Optional.ofNullable(handedRandom),
                      java.util.Collections.unmodifiableMap(
                          new LinkedHashMap<>(handedDirectories))));
    } catch (GuestException | RuntimeException e) {
      run.close();
      handles.releaseAll();
      throw e;
    }
    boolean started = false;
    Instance instance = null;
    try (run) { // closed before outputs are flushed, so that no interrupt lands on them
      List<ImportFunction> functions = new ArrayList<>(imports.functions());
      functions.addAll(session.functions());
      instance = guest.instantiate(ImportValues.builder().withFunctions(functions).build());
      if (guest.exportsFunction("_initialize")) {
        instance.export("_initialize").apply();
      }
      long[] results = instance.export(main.export()).apply(args);
      Provider provider =
          new Provider(guest, instance, handles, session, main.result().exitStatus(results));
      started = true;
      return provider;
    } catch (GuestException
        | RuntimeException
        | StackOverflowError
        | OutOfMemoryError
        | AssertionError e) {
      // Released before the report is built: a heap that ran out has room again.
      handles.releaseAll();
      session.close();
      OptionalInt exit = session.exitStatus(e);
      if (exit.isPresent() && instance != null) { // exit(n): main ended, as a status
        started = true;
        return new Provider(guest, instance, handles, session, exit.getAsInt());
      }
      throw run.ended(e);
    } finally {
      if (!started) {
        handles.releaseAll();
        session.close();
      }
    }
  }

  private Clock runClock() {
    if (clock == null) {
      clock = IoTypes.systemClock();
    }
    return clock;
  }

  private Random runRandom() {
    if (random == null) {
      random = IoTypes.secureRandom();
    }
    return random;
  }

  /** What an unbound parameter takes, if it may be left unbound. */
  private static Object unbound(Param param) throws GuestException {
    if (param.arity() == Param.Arity.OPTIONAL) {
      return Optional.empty();
    }
    if (param.arity() == Param.Arity.LIST) {
      return List.of();
    }
    if (param.doc().hasDefault()) {
      Object value = param.parse(param.doc().defaultValue());
      return one(param, value);
    }
    if (param.type() == ParamType.BOOL) {
      return false;
    }
    throw new GuestException("missing argument: " + param);
  }

  /**
   * The core arguments: each parameter flattened as {@link Param.Arity} says, handles added to the
   * table in order, so that a list's handles are consecutive and its first names them all.
   */
  private long[] lower(Handles handles) throws GuestException {
    long[] args = new long[main.lowered().params().size()];
    int at = 0;
    for (int i = 0; i < values.length; i++) {
      Param param = main.params().get(i);
      Object value = values[i];
      switch (param.arity()) {
        case ONE -> args[at++] = lowerOne(handles, param, value);
        case OPTIONAL -> {
          Optional<?> optional = (Optional<?>) value;
          args[at++] = optional.isPresent() ? 1 : 0;
          args[at++] = optional.isPresent() ? lowerOne(handles, param, optional.get()) : 0;
        }
        case LIST -> {
          List<?> list = (List<?>) value;
          int first = 0;
          for (int k = 0; k < list.size(); k++) {
            int handle = (int) lowerOne(handles, param, list.get(k));
            if (k == 0) {
              first = handle;
            } else if (handle != first + k) {
              throw new IllegalStateException("handles of " + param + " are not consecutive");
            }
          }
          args[at++] = first;
          args[at++] = list.size();
        }
      }
    }
    return args;
  }

  private long lowerOne(Handles handles, Param param, Object value) throws GuestException {
    try {
      return switch (param.type()) {
        case INPUT_STREAM -> handles.add(inputEntry(value, param));
        case OUTPUT_STREAM -> handles.add(outputEntry(value, param, handles));
        case ARRAY -> handles.add(arrayEntry(value, param, guest.options()));
        case CLOCK -> {
          Clock clock = value instanceof Clock c ? c : IoTypes.clock((InstantSource) value);
          handedClock = handedClock != null ? handedClock : clock;
          yield handles.add(new Handles.ClockEntry(clock));
        }
        case RANDOM -> {
          Random random = value instanceof Random r ? r : IoTypes.random((RandomGenerator) value);
          handedRandom = handedRandom != null ? handedRandom : random;
          yield handles.add(new Handles.RandomEntry(random));
        }
        case INPUT_DIRECTORY -> {
          Listing listing = listing(value, hostImports != HostImports.NONE);
          if (hostImports != HostImports.NONE) {
            handedDirectories.putIfAbsent(param.name(), listing.entries());
          }
          yield handles.add(new Handles.DirectoryHandle(listing));
        }
        case OUTPUT_DIRECTORY -> handles.add(outputDirectoryHandle(value, handles));
        case STRING ->
            handles.addInput(IoTypes.input(((String) value).getBytes(StandardCharsets.UTF_8)));
        case BOOL -> ((Boolean) value) ? 1 : 0;
        case ENUM -> (Integer) value;
        case F64 -> Double.doubleToRawLongBits((Double) value);
        default -> (Long) value; // an integer, checked when bound
      };
    } catch (IOException e) {
      throw new GuestException("cannot open " + value + " for " + param + ": " + e.getMessage());
    }
  }

  private static Handles.Entry inputEntry(Object value, Param param) throws IOException {
    if (value instanceof Input input) {
      return new Handles.InputEntry(input, null, false);
    }
    Input input =
        value instanceof Path path
            ? IoTypes.fileInput(path)
            : value instanceof byte[] bytes
                ? IoTypes.input(bytes)
                : IoTypes.input(new Unclosed((InputStream) value), Origin.named(param.name()));
    return new Handles.InputEntry(input, null, true);
  }

  /**
   * A path is written beside its file and put in place only if main succeeds, unless {@link
   * GuestOptions#atomicOutputs()} is off or the path is no regular file (a device, a FIFO).
   */
  private Handles.Entry outputEntry(Object value, Param param, Handles handles) throws IOException {
    if (value instanceof Output output) {
      return new Handles.OutputEntry(output, false, null, false);
    }
    if (value instanceof Path path) {
      Path written = path;
      if (guest.options().atomicOutputs() && AtomicFile.applies(path)) {
        AtomicFile file = AtomicFile.create(path);
        handles.stage(file);
        written = file.staged();
      }
      return new Handles.OutputEntry(
          IoTypes.fileOutput(written, Origin.named(path.toString())), false, null, true);
    }
    // The caller's stream: flushed when the guest is done, never closed.
    Output output = IoTypes.output((OutputStream) value, Origin.named(param.name()));
    return new Handles.OutputEntry(output, false, null, false);
  }

  /**
   * A path whose name ends in {@code .zip}, {@code .tar}, {@code .tar.gz} or {@code .tgz} and that
   * is not a folder is an archive, written beside its file and put in place only if main succeeds,
   * as an output bound from a path is ({@link #outputEntry}); any other path is a folder, made if
   * missing.
   */
  private Handles.Entry outputDirectoryHandle(Object value, Handles handles) throws IOException {
    if (value instanceof OutputDirectory given) {
      return new Handles.OutputDirectoryHandle(given, false);
    }
    Path path = (Path) value;
    Path name = path.getFileName();
    if (name == null || !IoTypes.isArchiveName(name.toString()) || Files.isDirectory(path)) {
      return new Handles.OutputDirectoryHandle(
          IoTypes.outputDirectory(Files.createDirectories(path)), true);
    }
    Path written = path;
    if (guest.options().atomicOutputs() && AtomicFile.applies(path)) {
      AtomicFile file = AtomicFile.create(path);
      handles.stage(file);
      written = file.staged();
    }
    OutputDirectory archive =
        IoTypes.outputDirectory(
            Files.newOutputStream(written), name.toString(), Origin.named(path.toString()));
    handles.finishLast(archive);
    return new Handles.OutputDirectoryHandle(archive, false);
  }

  /**
   * An {@link Input} or {@code InputStream} for an array is read to its end first, into a read-only
   * copy ({@link IoTypes#fromStream(Input, long, long, Path)}, at most {@link
   * GuestOptions#maxAnonymousLength()}), as the command line does with a pipe.
   */
  private static Handles.Entry arrayEntry(Object value, Param param, GuestOptions options)
      throws IOException {
    if (value instanceof IoArray array) {
      return new Handles.ArrayEntry(new Handles.ArrayUse(array, false));
    }
    if (value instanceof Input || value instanceof InputStream) {
      Input input =
          value instanceof Input given
              ? given
              : IoTypes.input(new Unclosed((InputStream) value), Origin.named(param.name()));
      try {
        IoArray array =
            IoTypes.fromStream(
                input,
                IoTypes.FROM_STREAM_IN_MEMORY,
                options.maxAnonymousLength(),
                Path.of(System.getProperty("java.io.tmpdir")));
        return new Handles.ArrayEntry(new Handles.ArrayUse(array, true));
      } catch (Failed e) {
        throw new IOException(
            e.failure().kind() == Failure.Kind.TOO_LARGE
                ? "longer than maxAnonymousLength (" + options.maxAnonymousLength() + " bytes)"
                : "the stream failed before its end",
            e);
      }
    }
    IoArray array =
        value instanceof Path path
            ? IoTypes.fileArray(path, true)
            : value instanceof byte[] bytes
                ? IoTypes.array(bytes)
                : IoTypes.array((ByteBuffer) value);
    return new Handles.ArrayEntry(new Handles.ArrayUse(array, true));
  }

  /**
   * A path is listed now (its names checked), its files opened only when the guest asks. {@code
   * shared}: the listing is read to its end now, for the imports to show too (libc's directories).
   */
  @SuppressWarnings("unchecked")
  private static Listing listing(Object value, boolean shared) throws IOException {
    boolean owned = !(value instanceof InputDirectory);
    InputDirectory directory =
        value instanceof InputDirectory given
            ? given
            : value instanceof Path path
                ? IoTypes.inputDirectory(path)
                : IoTypes.inputDirectory((Map<String, byte[]>) value);
    return shared ? Listing.listed(directory, owned) : new Listing(directory, owned);
  }

  private static boolean fits(ParamType type, Object value) {
    return switch (type) {
      case INPUT_STREAM ->
          value instanceof Input
              || value instanceof Path
              || value instanceof byte[]
              || value instanceof InputStream;
      case OUTPUT_STREAM ->
          value instanceof Output || value instanceof Path || value instanceof OutputStream;
      case CLOCK -> value instanceof Clock || value instanceof InstantSource;
      case RANDOM -> value instanceof Random || value instanceof RandomGenerator;
      case ARRAY ->
          value instanceof IoArray
              || value instanceof Input
              || value instanceof InputStream
              || value instanceof Path
              || value instanceof byte[]
              || value instanceof ByteBuffer;
      case INPUT_DIRECTORY ->
          value instanceof InputDirectory
              || value instanceof Path
              || value instanceof Map<?, ?> map
                  && map.entrySet().stream()
                      .allMatch(
                          e -> e.getKey() instanceof String && e.getValue() instanceof byte[]);
      case OUTPUT_DIRECTORY -> value instanceof OutputDirectory || value instanceof Path;
      default -> false;
    };
  }

  /** Keeps a caller's InputStream open when the guest drops the input made over it. */
  private static final class Unclosed extends java.io.FilterInputStream {
    Unclosed(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return in.read(b, off, len);
    }

    @Override
    public void close() {}
  }

  @Override
  public String toString() {
    return main + " with " + Arrays.toString(values);
  }
}
