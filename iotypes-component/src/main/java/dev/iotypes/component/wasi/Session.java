package dev.iotypes.component.wasi;

import dev.iotypes.Allowance;
import dev.iotypes.Clock;
import dev.iotypes.Failure;
import dev.iotypes.Input;
import dev.iotypes.InputDirectory;
import dev.iotypes.IoArray;
import dev.iotypes.Output;
import dev.iotypes.OutputDirectory;
import dev.iotypes.Random;
import dev.iotypes.component.abi.ResourceType;
import dev.iotypes.component.abi.Value;
import dev.iotypes.component.link.HostImports;
import dev.iotypes.wasi.FileSystem;
import dev.iotypes.wasi.WasiOptions;
import dev.iotypes.wasm.GuestException;
import dev.iotypes.wasm.GuestOptions;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * One run of a command component: its options, its filesystem (the preview1 mode's, with the same
 * preopens and sandbox), and the resource types of the WASI interfaces it was given. Closing it
 * releases every file and root it opened.
 */
public final class Session implements AutoCloseable {
  final WasiOptions options;
  final FileSystem files;

  /**
   * The streams the guest opened from a directory and has not dropped: closed when the run ends, so
   * that an archive being written is ended whatever the guest forgot.
   */
  private final Set<Object> opened = Collections.newSetFromMap(new IdentityHashMap<>());

  final ResourceType inputStream = Streams.inputType(opened::remove);
  final ResourceType outputStream = Streams.outputType(opened::remove);
  final ResourceType error = ResourceType.host("error", rep -> {});
  final ResourceType pollable = ResourceType.host("pollable", rep -> {});
  final ResourceType terminalInput = ResourceType.host("terminal-input", rep -> {});
  final ResourceType terminalOutput = ResourceType.host("terminal-output", rep -> {});
  final ResourceType descriptor;
  final ResourceType ioArray = Arrays.type();
  final ResourceType pseudonym = ResourceType.host("pseudonym", rep -> {});
  final ResourceType directoryEntryStream = ResourceType.host("directory-entry-stream", rep -> {});

  // iotypes:io's directories, clock and random: only ever lent to a typed main, so never closed
  final ResourceType inputDirectory = ResourceType.host("input-directory", rep -> {});
  final ResourceType outputDirectory = ResourceType.host("output-directory", rep -> {});
  final ResourceType clock = ResourceType.host("clock", rep -> {});
  final ResourceType random = ResourceType.host("random", rep -> {});

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
    imports.add(new Directories(this).directories());
    new ClockAndRandomResources(this, streams).interfaces().forEach(imports::add);
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

  /** The {@code input-directory} type of this run's {@code iotypes:io/directories}. */
  public ResourceType inputDirectoryType() {
    return inputDirectory;
  }

  public ResourceType outputDirectoryType() {
    return outputDirectory;
  }

  /** The {@code clock} type of this run's {@code iotypes:io/clocks}. */
  public ResourceType clockType() {
    return clock;
  }

  /** The {@code random} type of this run's {@code iotypes:io/random}. */
  public ResourceType randomType() {
    return random;
  }

  /**
   * {@code directory} as an {@code input-directory} to lend a component; it stays the caller's.
   * Each lending is a cursor of its own, before the first entry.
   */
  public Value.Resource lend(InputDirectory directory) {
    return new Value.Resource(inputDirectory, new Directories.Cursor(directory));
  }

  /** {@code directory} as an {@code output-directory} to lend; it stays the caller's. */
  public Value.Resource lend(OutputDirectory directory) {
    return new Value.Resource(outputDirectory, directory);
  }

  public Value.Resource lend(Clock clock) {
    return new Value.Resource(this.clock, clock);
  }

  public Value.Resource lend(Random random) {
    return new Value.Resource(this.random, random);
  }

  /**
   * {@code stream}, a {@code Streams.In} or {@code Out} the guest owns, opened from a directory.
   */
  Value.Resource opened(Object stream) {
    opened.add(stream);
    return new Value.Resource(stream instanceof Streams.In ? inputStream : outputStream, stream);
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
    try {
      for (Object stream : List.copyOf(opened)) {
        try {
          if (stream instanceof Streams.In in) {
            in.input.close();
          } else {
            ((Streams.Out) stream).output.close();
          }
        } catch (RuntimeException e) {
          // the stream's failure was the guest's to see; the next one must close still
        }
      }
      opened.clear();
    } finally {
      files.close();
    }
  }
}
