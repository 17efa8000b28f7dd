package dev.iotypes.component.wasi;

import dev.iotypes.Allowance;
import dev.iotypes.Failure;
import dev.iotypes.Input;
import dev.iotypes.IoArray;
import dev.iotypes.Output;
import dev.iotypes.component.abi.ResourceType;
import dev.iotypes.component.abi.Value;
import dev.iotypes.component.link.HostImports;
import dev.iotypes.wasi.FileSystem;
import dev.iotypes.wasi.WasiOptions;
import dev.iotypes.wasm.GuestException;
import dev.iotypes.wasm.GuestOptions;

/**
 * One run of a command component: its options, its filesystem (the preview1 mode's, with the same
 * preopens and sandbox), and the resource types of the WASI interfaces it was given. Closing it
 * releases every file and root it opened.
 */
public final class Session implements AutoCloseable {
  final WasiOptions options;
  final FileSystem files;
  final ResourceType inputStream = Streams.inputType();
  final ResourceType outputStream = Streams.outputType();
  final ResourceType error = ResourceType.host("error", rep -> {});
  final ResourceType pollable = ResourceType.host("pollable", rep -> {});
  final ResourceType terminalInput = ResourceType.host("terminal-input", rep -> {});
  final ResourceType terminalOutput = ResourceType.host("terminal-output", rep -> {});
  final ResourceType descriptor;
  final ResourceType ioArray = Arrays.type();
  final ResourceType pseudonym = ResourceType.host("pseudonym", rep -> {});
  final ResourceType directoryEntryStream = ResourceType.host("directory-entry-stream", rep -> {});

  /** The most bytes one anonymous array may hold, as for a core typed main. */
  final long maxAnonymousLength;

  /** What all the run's anonymous arrays may hold together, as for a core typed main. */
  final Allowance anonymousPages;

  private Session(WasiOptions options, GuestOptions limits) throws GuestException {
    this.options = options;
    this.files = FileSystem.open(options, limits.maxHandles());
    this.descriptor = ResourceType.host("descriptor", rep -> files.release((FileSystem.Node) rep));
    this.maxAnonymousLength = limits.maxAnonymousLength();
    this.anonymousPages = Allowance.of(limits.maxAnonymousTotal());
  }

  /** A run's session under the limits its component was loaded with. */
  public static Session open(WasiOptions options, GuestOptions limits) throws GuestException {
    return new Session(options, limits);
  }

  public static Session open(WasiOptions options, int maxHandles) throws GuestException {
    return new Session(options, GuestOptions.DEFAULTS.withMaxHandles(maxHandles));
  }

  /** Every WASI 0.2 interface this host implements, at any 0.2.x version a component imports. */
  public HostImports imports() {
    Streams streams = new Streams(this);
    Cli cli = new Cli(this);
    Filesystem fs = new Filesystem(this, streams);
    HostImports imports = new HostImports();
    imports.add(streams.error()).add(streams.poll()).add(streams.streams());
    cli.interfaces().forEach(imports::add);
    new ClocksAndRandom(this, streams).interfaces().forEach(imports::add);
    imports.add(fs.types()).add(fs.preopens());
    new Sockets().interfaces().forEach(imports::add);
    imports.add(new StreamExtras(this, streams).streams());
    imports.add(new Arrays(this).arrays());
    return imports;
  }

  /** The {@code input-stream} and {@code output-stream} type of this run's {@code wasi:io}. */
  public ResourceType inputStreamType() {
    return inputStream;
  }

  public ResourceType outputStreamType() {
    return outputStream;
  }

  /**
   * {@code input} as an {@code input-stream} to lend a component (a typed main's argument): the
   * guest reads it, but dropping its handle leaves it open, since it stays the caller's.
   */
  public Value.Resource lend(Input input) {
    return new Value.Resource(inputStream, new Streams.In(input, false));
  }

  /** {@code output} as an {@code output-stream} to lend; it stays the caller's, never closed. */
  public Value.Resource lend(Output output) {
    return new Value.Resource(outputStream, Streams.Out.handedIn(output));
  }

  /** The {@code io-array} type of this run's {@code iotypes:io/arrays}. */
  public ResourceType ioArrayType() {
    return ioArray;
  }

  /** {@code array} as an {@code io-array} to lend a component; it stays the caller's. */
  public Value.Resource lend(IoArray array) {
    return new Value.Resource(ioArray, new Arrays.Rep(array, false));
  }

  /** The preview1 errno name a stream failure stands for, for {@code filesystem-error-code}. */
  static String errnoOf(Failure f) {
    return switch (f.kind()) {
      case NO_SPACE -> "nospc";
      case BROKEN_PIPE -> "pipe";
      case ACCESS -> "acces";
      case TOO_LARGE -> "fbig";
      case UNSUPPORTED -> "notsup";
      default -> "io";
    };
  }

  @Override
  public void close() {
    files.close();
  }
}
