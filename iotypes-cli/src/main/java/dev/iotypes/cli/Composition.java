package dev.iotypes.cli;

import dev.iotypes.IoTypes;
import dev.iotypes.Origin;
import dev.iotypes.wasm.Guest;
import dev.iotypes.wasm.GuestException;
import dev.iotypes.wasm.GuestOptions;
import dev.iotypes.wasm.GuestTrap;
import dev.iotypes.wasm.LimitExceeded;
import dev.iotypes.wasm.MainCall;
import dev.iotypes.wasm.Param;
import dev.iotypes.wasm.ParamType;
import dev.iotypes.wasm.Provider;
import dev.iotypes.wasm.TypedMain;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An argument that is another guest: {@code [MODULE.wasm ARGS...]}. The inner guest's typed main is
 * bound from its own arguments exactly as a top-level run binds one (the same parsing, limits,
 * engine and module cache, at a boundary of its own, where a word may again be a composition), run
 * as a provider, and its exports give the outer parameter its input, output or array. The two
 * guests share nothing but calls. Every way the inner guest can fail to start is a one-line {@link
 * BoundaryException} naming the argument, with the exit status a top-level run would have had.
 */
final class Composition {
  /**
   * How deep compositions may nest: each level is a guest with the run's memory limit and a few
   * frames of the host's stack on every call through it, so a command line may not ask for
   * thousands.
   */
  static final int MAX_DEPTH = 16;

  private final RunOptions options;
  private final Stdio stdio;
  private final PrintStream err;
  private final int depth;
  private final List<Boundary> inner = new CopyOnWriteArrayList<>();

  /** The compositions of a run's own arguments. */
  Composition(RunOptions options, Stdio stdio, PrintStream err) {
    this(options, stdio, err, 1);
  }

  private Composition(RunOptions options, Stdio stdio, PrintStream err, int depth) {
    this.options = options;
    this.stdio = stdio;
    this.err = err;
    this.depth = depth;
  }

  /** Whether {@code arg} is written {@code [...]}. */
  static boolean matches(String arg) {
    return arg.length() >= 2 && arg.startsWith("[") && arg.endsWith("]");
  }

  /** Starts the guest {@code arg} names and takes from it the handle {@code kind} asks for. */
  Composed compose(String arg, ParamType kind) throws BoundaryException {
    String shown = Boundary.shown(arg);
    List<String> words;
    try {
      words = Words.split(arg.substring(1, arg.length() - 1));
    } catch (IllegalArgumentException e) {
      throw new BoundaryException(shown + ": " + e.getMessage(), ExitStatus.USAGE);
    }
    if (words.isEmpty()) {
      throw new BoundaryException(
          shown + ": no module inside the brackets (write [MODULE.wasm ARGS...])",
          ExitStatus.USAGE);
    }
    if (depth > MAX_DEPTH) {
      throw new BoundaryException(
          shown + ": compositions nest at most " + MAX_DEPTH + " deep", ExitStatus.USAGE);
    }
    String module = words.get(0);
    List<String> args = words.subList(1, words.size());
    Guest guest;
    TypedMain main;
    ProgramArgs program;
    try {
      guest =
          Runner.load(
              module, options.host(), Runner.cached(options.guestOptions(), options.host()));
      main = Runner.typedMain(guest);
      Optional<String> unbindable = ProgramArgs.unbindable(main);
      if (unbindable.isPresent()) {
        throw new CliException(ExitStatus.BAD_MODULE, guest.name() + ": " + unbindable.get());
      }
      program = parse(module, guest, main, args);
      kind = provided(guest, kind);
    } catch (CliException e) {
      throw new BoundaryException(shown + ": " + e.getMessage(), e.status());
    } catch (GuestException e) {
      throw new BoundaryException(shown + ": " + e.getMessage(), ExitStatus.BAD_MODULE);
    }
    PrintStream said = tagged(guest.name());
    GuestOptions limits = options.guestOptions();
    Boundary boundary =
        new Boundary(stdio, limits.timeout(), limits.maxAnonymousLength(), limits.atomicOutputs());
    boundary.compose(new Composition(options, stdio, err, depth + 1));
    inner.add(boundary);
    Provider provider = null;
    try {
      dev.iotypes.Clock clock = options.clock().newClock();
      dev.iotypes.Random random = Runner.seeded(options);
      MainCall call = guest.call(main).diagnostics(IoTypes.output(said)).clock(clock);
      if (random != null) {
        call.random(random);
      }
      if (Runner.linkedWithLibc(guest)) {
        call.imports(Runner.libc(options, said, clock, random));
      }
      Runner.bindHandles(call::bind, main, program.handles(), boundary, options);
      for (Map.Entry<Param, Object> value : program.values().entrySet()) {
        call.bind(value.getKey().name(), value.getValue());
      }
      provider = call.start();
      if (provider.exitStatus() != ExitStatus.OK.code()) {
        throw new BoundaryException(
            shown + ": " + guest.name() + " did not start (status " + provider.exitStatus() + ")");
      }
      Origin origin = Origin.named(arg);
      AutoCloseable handle =
          switch (kind) {
            case INPUT_STREAM -> provider.input(origin);
            case OUTPUT_STREAM -> provider.output(origin);
            default -> provider.array(origin);
          };
      return new Composed(handle, provider, boundary);
    } catch (BoundaryException e) {
      release(provider, boundary);
      throw e.getMessage().startsWith(shown)
          ? e
          : new BoundaryException(shown + ": " + e.getMessage(), e.status());
    } catch (CliException e) {
      release(provider, boundary);
      throw new BoundaryException(shown + ": " + e.getMessage(), e.status());
    } catch (GuestTrap e) {
      release(provider, boundary);
      throw new BoundaryException(shown + ": " + e.getMessage(), ExitStatus.GUEST_TRAP);
    } catch (LimitExceeded e) {
      release(provider, boundary);
      throw new BoundaryException(shown + ": " + e.getMessage(), Runner.limit(e).status());
    } catch (GuestException e) {
      release(provider, boundary);
      throw new BoundaryException(shown + ": " + e.getMessage(), ExitStatus.BAD_MODULE);
    } catch (RuntimeException e) {
      release(provider, boundary);
      throw e;
    }
  }

  /**
   * What {@code guest} provides for a parameter of {@code kind}: that kind, or for an array an
   * input stream if the guest provides no array but an input (the boundary reads it into one, as it
   * reads any other stream an array is bound to).
   *
   * @throws GuestException naming the export that the kind needs and the guest lacks
   */
  private static ParamType provided(Guest guest, ParamType kind) throws GuestException {
    try {
      Provider.requireExports(guest, kind);
      return kind;
    } catch (GuestException e) {
      if (kind == ParamType.ARRAY) {
        try {
          Provider.requireExports(guest, ParamType.INPUT_STREAM);
          return ParamType.INPUT_STREAM;
        } catch (GuestException notAnInputEither) {
          e.addSuppressed(notAnInputEither);
        }
      }
      throw e;
    }
  }

  /**
   * The run's time is up: every inner boundary stops its commands and downloads too, and those of
   * the compositions inside it. Safe from any thread.
   */
  void stopAtLimit() {
    inner.forEach(Boundary::stopAtLimit);
  }

  private static ProgramArgs parse(String module, Guest guest, TypedMain main, List<String> args)
      throws CliException {
    ProgramArgs program;
    try {
      program = ProgramArgs.parse(guest.name(), main, args);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitStatus.USAGE, guest.name() + ": " + e.getMessage());
    }
    if (program.help()) {
      throw new CliException(
          ExitStatus.USAGE, "no help inside a composition; run: iotypes run " + module + " --help");
    }
    return program;
  }

  /** Standard error with each line tagged {@code [NAME] }. */
  private PrintStream tagged(String name) {
    String file;
    try {
      Path path = Path.of(name).getFileName();
      file = path == null ? name : path.toString();
    } catch (InvalidPathException e) {
      file = name;
    }
    return new PrintStream(new LinePrefix(err, "[" + file + "] "), true, StandardCharsets.UTF_8);
  }

  private static void release(Provider provider, Boundary boundary) {
    if (provider != null) {
      provider.close();
    }
    boundary.closeAll(false);
  }
}
