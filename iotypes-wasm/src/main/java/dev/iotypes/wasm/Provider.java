package dev.iotypes.wasm;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.iotypes.Input;
import dev.iotypes.IoArray;
import dev.iotypes.Origin;
import dev.iotypes.Output;
import dev.iotypes.wasm.abi.Handles;
import dev.iotypes.wasm.abi.ProvidedArray;
import dev.iotypes.wasm.abi.ProvidedInput;
import dev.iotypes.wasm.abi.ProvidedOutput;
import dev.iotypes.wasm.runtime.ImportProvider;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A guest instance kept alive after its typed main returned, whose exports implement an I/O type
 * for others: virtualization, where one module provides the output, input or array that another
 * module, or Java code, consumes, the two sharing nothing but calls. The provider's exports are
 * those of the {@code output-provider}, {@code input-provider} and {@code array-provider}
 * interfaces of {@code wit/io-types.wit}.
 *
 * <p>Whatever the provider does, the consumer sees an ordinary {@link Output}, {@link Input} or
 * {@link IoArray} with sticky failure: a provider that fails, traps or breaks the protocol fails
 * the stream or array for good. A provider is used by one thread at a time, the consumer's.
 */
public final class Provider implements AutoCloseable {
  private final Guest guest;
  private final Instance instance;
  private final Handles handles;
  private final ImportProvider.Session imports;
  private final int exitStatus;
  private boolean closed;

  Provider(
      Guest guest,
      Instance instance,
      Handles handles,
      ImportProvider.Session imports,
      int exitStatus) {
    this.guest = guest;
    this.instance = instance;
    this.handles = handles;
    this.imports = imports;
    this.exitStatus = exitStatus;
  }

  /** The exit status main's result maps to. */
  public int exitStatus() {
    return exitStatus;
  }

  private static final List<ValType> I32 = List.of(ValType.I32);
  private static final List<ValType> I32_I64 = List.of(ValType.I32, ValType.I64);
  private static final List<ValType> TWO_I32 = List.of(ValType.I32, ValType.I32);

  /** The provider exports of {@code docs/abi.md}, with their core signatures. */
  private static final Map<String, FunctionType> EXPORTS =
      Map.of(
          "output-buffer", FunctionType.of(I32, TWO_I32),
          "output-write", FunctionType.of(I32, TWO_I32),
          "output-flush", FunctionType.of(List.of(), I32),
          "input-read", FunctionType.of(I32, List.of(ValType.I32, ValType.I32, ValType.I32)),
          "array-read-at", FunctionType.of(I32_I64, List.of(ValType.I32, ValType.I32, ValType.I32)),
          "array-len", FunctionType.of(List.of(), List.of(ValType.I64, ValType.I32)),
          "array-buffer", FunctionType.of(I32, TWO_I32),
          "array-write-at", FunctionType.of(I32_I64, TWO_I32),
          "array-set-len", FunctionType.of(List.of(ValType.I64), I32),
          "array-flush", FunctionType.of(List.of(), I32));

  private static final List<String> OUTPUT =
      List.of("output-buffer", "output-write", "output-flush");
  private static final List<String> ARRAY_READS = List.of("array-read-at", "array-len");
  private static final List<String> ARRAY_WRITES =
      List.of("array-buffer", "array-write-at", "array-set-len", "array-flush");

  /**
   * Checks, before its typed main runs, that {@code guest} exports what a provider of {@code kind}
   * ({@link ParamType#INPUT_STREAM}, {@link ParamType#OUTPUT_STREAM} or {@link ParamType#ARRAY})
   * needs, so that a guest that cannot provide it is refused before it does anything.
   *
   * @throws GuestException naming the export missing or of the wrong signature
   * @throws IllegalArgumentException if {@code kind} is not a handle kind
   */
  public static void requireExports(Guest guest, ParamType kind) throws GuestException {
    switch (kind) {
      case INPUT_STREAM -> check(guest, "input-read");
      case OUTPUT_STREAM -> {
        for (String name : OUTPUT) {
          check(guest, name);
        }
      }
      case ARRAY -> {
        for (String name : ARRAY_READS) {
          check(guest, name);
        }
        if (writable(guest)) {
          for (String name : ARRAY_WRITES) {
            check(guest, name);
          }
        }
      }
      default -> throw new IllegalArgumentException("not a handle kind: " + kind);
    }
  }

  /**
   * An output whose writes call this guest's {@code output-buffer}, {@code output-write} and {@code
   * output-flush} exports.
   *
   * @throws GuestException if the guest does not export them with the ABI's signatures
   */
  public Output output(Origin origin) throws GuestException {
    requireExports(guest, ParamType.OUTPUT_STREAM);
    return new ProvidedOutput(
        origin,
        guest,
        instance,
        export("output-buffer"),
        export("output-write"),
        export("output-flush"));
  }

  /**
   * An input whose reads call this guest's {@code input-read} export.
   *
   * @throws GuestException if the guest does not export it with the ABI's signature
   */
  public Input input(Origin origin) throws GuestException {
    requireExports(guest, ParamType.INPUT_STREAM);
    return new ProvidedInput(origin, guest, instance, export("input-read"));
  }

  /**
   * An array whose reads call this guest's {@code array-read-at} and {@code array-len} exports, and
   * whose writes call {@code array-buffer}, {@code array-write-at}, {@code array-set-len} and
   * {@code array-flush}: read-only if the guest exports none of these four. An array has no
   * position, so each call tells the provider where; one provider may serve several arrays, all of
   * them the same bytes.
   *
   * @throws GuestException if the guest does not export the reads, exports only some of the writes,
   *     or any with a signature other than the ABI's
   */
  public IoArray array(Origin origin) throws GuestException {
    requireExports(guest, ParamType.ARRAY);
    ProvidedArray.Writes writes =
        writable(guest)
            ? new ProvidedArray.Writes(
                export("array-buffer"),
                export("array-write-at"),
                export("array-set-len"),
                export("array-flush"))
            : null;
    return new ProvidedArray(
        origin, guest, instance, export("array-read-at"), export("array-len"), writes);
  }

  /**
   * Releases the provider's own handles (flushing its outputs) and what its other imports hold
   * (libc's descriptors); its streams then fail. Outputs bound from a path are put in place if
   * main's exit status was 0 ({@link GuestOptions#atomicOutputs()}), else left as they were; a
   * failure to put one in place is lost here, and reported by {@link MainCall#call()}.
   */
  @Override
  public void close() {
    try {
      finish();
    } catch (GuestException e) {
      // The file was left as it was; close() has no one to tell.
    }
  }

  /** As {@link #close()}, reporting an output that could not be put in place. */
  void finish() throws GuestException {
    if (!closed) {
      closed = true;
      try {
        handles.releaseAll(exitStatus == 0);
      } catch (IOException e) {
        throw new GuestException(guest.name() + ": an output was not put in place: " + e, e);
      } finally {
        imports.close();
      }
    }
  }

  /** Whether the guest exports array writes: all four, or none (a read-only array). */
  private static boolean writable(Guest guest) throws GuestException {
    long exported = ARRAY_WRITES.stream().filter(e -> guest.exportType(e) != null).count();
    if (exported != 0 && exported != ARRAY_WRITES.size()) {
      throw new GuestException(
          guest.name()
              + " exports only some of "
              + String.join(", ", ARRAY_WRITES)
              + "; a writable array provider needs all of them, a read-only one none");
    }
    return exported != 0;
  }

  private static void check(Guest guest, String name) throws GuestException {
    FunctionType expected = EXPORTS.get(name);
    FunctionType actual = guest.exportType(name);
    if (actual == null || !expected.equals(actual)) {
      throw new GuestException(
          guest.name()
              + (actual == null
                  ? " does not export " + name
                  : ": export " + name + " is " + Guest.signature(actual))
              + "; a provider needs "
              + Guest.signature(expected));
    }
  }

  private ExportFunction export(String name) {
    return instance.export(name);
  }
}
