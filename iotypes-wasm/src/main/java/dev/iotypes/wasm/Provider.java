package dev.iotypes.wasm;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.iotypes.Input;
import dev.iotypes.Origin;
import dev.iotypes.Output;
import dev.iotypes.wasm.abi.Handles;
import dev.iotypes.wasm.abi.ProvidedInput;
import dev.iotypes.wasm.abi.ProvidedOutput;
import dev.iotypes.wasm.runtime.ImportProvider;
import java.io.IOException;
import java.util.List;

/**
 * A guest instance kept alive after its typed main returned, whose exports implement an I/O type
 * for others: virtualization, where one module provides the output (or input) that another module,
 * or Java code, consumes, the two sharing nothing but calls. The provider's exports are those of
 * the {@code output-provider} and {@code input-provider} interfaces of {@code wit/io-types.wit}.
 *
 * <p>Whatever the provider does, the consumer sees an ordinary {@link Output} or {@link Input} with
 * sticky statuses: a provider that fails, traps or breaks the protocol fails the stream for good. A
 * provider is used by one thread at a time, the consumer's.
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

  private ExportFunction export(String name, List<ValType> params, List<ValType> results)
      throws GuestException {
    FunctionType expected = FunctionType.of(params, results);
    FunctionType actual = guest.exportType(name);
    if (!expected.equals(actual)) {
      throw new GuestException(
          guest.name()
              + (actual == null ? " does not export " + name : ": export " + name + " is " + actual)
              + "; a provider needs "
              + expected);
    }
    return instance.export(name);
  }
}
