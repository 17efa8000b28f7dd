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
import java.util.List;

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

  /**
   * An output whose writes call this guest's {@code output-buffer}, {@code output-write} and {@code
   * output-flush} exports.
   *
   * @throws GuestException if the guest does not export them with the ABI's signatures
   */
  public Output output(Origin origin) throws GuestException {
    return new ProvidedOutput(
        origin,
        guest,
        instance,
        export("output-buffer", List.of(ValType.I32), List.of(ValType.I32, ValType.I32)),
        export("output-write", List.of(ValType.I32), List.of(ValType.I32, ValType.I32)),
        export("output-flush", List.of(), List.of(ValType.I32)));
  }

  /**
   * An input whose reads call this guest's {@code input-read} export.
   *
   * @throws GuestException if the guest does not export it with the ABI's signature
   */
  public Input input(Origin origin) throws GuestException {
    return new ProvidedInput(
        origin,
        guest,
        instance,
        export("input-read", List.of(ValType.I32), List.of(ValType.I32, ValType.I32, ValType.I32)));
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
    List<String> writeExports =
        List.of("array-buffer", "array-write-at", "array-set-len", "array-flush");
    long exported = writeExports.stream().filter(e -> guest.exportType(e) != null).count();
    if (exported != 0 && exported != writeExports.size()) {
      throw new GuestException(
          guest.name()
              + " exports only some of "
              + String.join(", ", writeExports)
              + "; a writable array provider needs all of them, a read-only one none");
    }
    ProvidedArray.Writes writes =
        exported == 0
            ? null
            : new ProvidedArray.Writes(
                export("array-buffer", List.of(ValType.I32), List.of(ValType.I32, ValType.I32)),
                export(
                    "array-write-at",
                    List.of(ValType.I32, ValType.I64),
                    List.of(ValType.I32, ValType.I32)),
                export("array-set-len", List.of(ValType.I64), List.of(ValType.I32)),
                export("array-flush", List.of(), List.of(ValType.I32)));
    return new ProvidedArray(
        origin,
        guest,
        instance,
        export(
            "array-read-at",
            List.of(ValType.I32, ValType.I64),
            List.of(ValType.I32, ValType.I32, ValType.I32)),
        export("array-len", List.of(), List.of(ValType.I64, ValType.I32)),
        writes);
  }

  /**
   * Releases the provider's own handles (flushing its outputs) and what its other imports hold
   * (libc's descriptors); its streams then fail.
   */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      handles.releaseAll();
      imports.close();
    }
  }

  private ExportFunction export(String name, List<ValType> params, List<ValType> results)
      throws GuestException {
    FunctionType expected = FunctionType.of(params, results);
    FunctionType actual = guest.exportType(name);
    if (actual == null || !expected.equals(actual)) {
      throw new GuestException(
          guest.name()
              + (actual == null ? " does not export " + name : ": export " + name + " is " + actual)
              + "; a provider needs "
              + expected);
    }
    return instance.export(name);
  }
}
