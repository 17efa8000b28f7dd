package dev.iotypes.wasm;

import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.FunctionType;
import dev.iotypes.AtomicFile;
import dev.iotypes.Failed;
import dev.iotypes.Failure;
import dev.iotypes.Input;
import dev.iotypes.IoArray;
import dev.iotypes.IoTypes;
import dev.iotypes.Origin;
import dev.iotypes.Output;
import dev.iotypes.wasm.abi.Handles;
import dev.iotypes.wasm.abi.IoTypesImports;
import dev.iotypes.wasm.runtime.LimitReached;
import dev.iotypes.wasm.runtime.Run;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The arguments of one typed-main call, bound at the boundary from Java objects, then the call.
 *
 * <p>Handle parameters take the core types ({@link Input}, {@link Output}, {@link IoArray}), which
 * stay the caller's: the guest may use them, but only the caller closes them; outputs are flushed
 * when the guest is done. They also take a {@link Path}, {@code byte[]}, {@link ByteBuffer}
 * (arrays) or Java stream, which the call opens or wraps and closes itself; an array takes an
 * {@link Input} or {@code InputStream} too, read to its end before the guest starts. An output
 * bound from a {@link Path} replaces its file only if main returns ok ({@link
 * GuestOptions#atomicOutputs()}). Plain parameters take {@link Boolean}, {@link Number}
 * (range-checked) and {@link String}.
 */
public final class MainCall {
  private final Guest guest;
  private final TypedMain main;
  private final Object[] values;

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
    if (!fits(param.type(), value)) {
      throw new IllegalArgumentException(
          "parameter "
              + param
              + " cannot take a "
              + (value == null ? "null" : value.getClass().getSimpleName()));
    }
    values[index] = value;
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
      if (values[i] == null) {
        throw new GuestException("missing argument: " + main.params().get(i));
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
    IoTypesImports imports = new IoTypesImports(handles, options, run.watchdog());
    boolean started = false;
    try (run) { // closed before outputs are flushed, so that no interrupt lands on them
      Instance instance =
          guest.instantiate(ImportValues.builder().withFunctions(imports.functions()).build());
      if (guest.exportsFunction("_initialize")) {
        instance.export("_initialize").apply();
      }
      long[] results = instance.export(main.export()).apply(args);
      Provider provider = new Provider(guest, instance, handles, main.result().exitStatus(results));
      started = true;
      return provider;
    } catch (GuestException
        | RuntimeException
        | StackOverflowError
        | OutOfMemoryError
        | AssertionError e) {
      // Released before the report is built: a heap that ran out has room again.
      handles.releaseAll();
      throw run.ended(e);
    } finally {
      if (!started) {
        handles.releaseAll();
      }
    }
  }

  private long[] lower(Handles handles) throws GuestException {
    long[] args = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      Param param = main.params().get(i);
      Object value = values[i];
      try {
        args[i] =
            switch (param.type()) {
              case INPUT_STREAM -> handles.add(inputEntry(value, param));
              case OUTPUT_STREAM -> handles.add(outputEntry(value, param, handles));
              case ARRAY -> handles.add(arrayEntry(value, param, guest.options()));
              case STRING ->
                  handles.addInput(
                      IoTypes.input(((String) value).getBytes(StandardCharsets.UTF_8)));
              case BOOL -> ((Boolean) value) ? 1 : 0;
              case U32 -> checked(param, (Number) value, 0, 0xFFFF_FFFFL);
              case S32 -> checked(param, (Number) value, Integer.MIN_VALUE, Integer.MAX_VALUE);
              case U64, S64 -> ((Number) value).longValue();
            };
      } catch (IOException e) {
        throw new GuestException("cannot open " + value + " for " + param + ": " + e.getMessage());
      }
    }
    return args;
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

  private static long checked(Param param, Number value, long min, long max) {
    long v = value.longValue();
    if (v < min || v > max) {
      throw new IllegalArgumentException(param + " out of range [" + min + ", " + max + "]: " + v);
    }
    return v;
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
      case ARRAY ->
          value instanceof IoArray
              || value instanceof Input
              || value instanceof InputStream
              || value instanceof Path
              || value instanceof byte[]
              || value instanceof ByteBuffer;
      case BOOL -> value instanceof Boolean;
      case U32, S32, U64, S64 ->
          value instanceof Long
              || value instanceof Integer
              || value instanceof Short
              || value instanceof Byte;
      case STRING -> value instanceof String;
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
