package dev.iotypes.cli;

import dev.iotypes.Clock;
import dev.iotypes.IoTypes;
import dev.iotypes.MediaType;
import dev.iotypes.Random;
import dev.iotypes.component.Component;
import dev.iotypes.component.ComponentCommand;
import dev.iotypes.component.ComponentMain;
import dev.iotypes.wasi.LibcImports;
import dev.iotypes.wasi.WasiCommand;
import dev.iotypes.wasi.WasiOptions;
import dev.iotypes.wasm.Guest;
import dev.iotypes.wasm.GuestException;
import dev.iotypes.wasm.GuestOptions;
import dev.iotypes.wasm.GuestTrap;
import dev.iotypes.wasm.HostImports;
import dev.iotypes.wasm.LimitExceeded;
import dev.iotypes.wasm.MainCall;
import dev.iotypes.wasm.Param;
import dev.iotypes.wasm.ParamType;
import dev.iotypes.wasm.TypedMain;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * What the commands do, given their options: load a module, bind its typed main's arguments at the
 * {@link Boundary}, call it, and turn every way that can end into an {@link ExitStatus}. Problems
 * are thrown as {@link CliException}s with one-line messages; nothing here prints a stack trace.
 */
final class Runner {
  private final Stdio stdio;
  private final PrintStream out;
  private final PrintStream err;
  private final Host host;

  Runner(Stdio stdio, PrintStream out, PrintStream err) {
    this(stdio, out, err, Host.current());
  }

  Runner(Stdio stdio, PrintStream out, PrintStream err, Host host) {
    this.stdio = Objects.requireNonNull(stdio, "stdio");
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
    this.host = Objects.requireNonNull(host, "host");
  }

  /** The working directory and environment of the runs this runner does. */
  Host host() {
    return host;
  }

  private static final String IMPORTS = "iotypes";

  private static final String WASI_IMPORTS = "wasi_snapshot_preview1";

  /** A little longer than the watchdog lets a host call go on once time is up. */
  private static final Duration HOST_CALL_GRACE = Duration.ofMillis(300);

  private static final List<String> MEDIA_TYPE_IMPORTS =
      List.of("input-media-type", "output-media-type", "array-media-type");

  /** {@code iotypes run}: the guest's exit status, or a {@link CliException}. */
  int run(RunOptions options) throws CliException {
    if (isComponent(options.module(), options.host())) {
      boolean helpOnly = ProgramArgs.asksForHelp(options.args());
      Component component =
          loadComponent(
              options.module(),
              options.host(),
              helpOnly ? options.guestOptions().withInterpreter(true) : options.guestOptions());
      return ComponentMain.declares(component)
          ? runComponentMain(component, options)
          : runComponent(component, options);
    }
    boolean helpOnly = ProgramArgs.asksForHelp(options.args());
    Guest guest =
        load(
            options,
            helpOnly ? options.guestOptions().withInterpreter(true) : options.guestOptions());
    if (!helpOnly) {
      warmMediaTypes(guest, options.args());
    }
    if (guest.typedMains().isEmpty() && WasiCommand.isCommand(guest)) {
      return runCommand(guest, options);
    }
    TypedMain main = typedMain(guest);
    Optional<ProgramArgs> parsed = programArgs(guest.name(), main, options);
    if (parsed.isEmpty()) {
      return ExitStatus.OK.code(); // the help was asked for, and printed
    }
    ProgramArgs program = parsed.get();
    Duration timeout = options.guestOptions().timeout();
    Boundary boundary = boundary(options);
    int status;
    AtomicBoolean ended = new AtomicBoolean();
    try {
      Clock clock = options.clock().newClock();
      MainCall call =
          guest
              .call(main)
              .diagnostics(IoTypes.output(new Diagnostics(err, boundary::stdoutBroken)))
              .clock(clock);
      Random random = seeded(options);
      if (random != null) {
        call.random(random);
      }
      if (linkedWithLibc(guest)) {
        call.imports(libc(options, err, clock, random));
      }
      bindHandles(call::bind, main, program.handles(), boundary, options);
      for (Map.Entry<Param, Object> value : program.values().entrySet()) {
        call.bind(value.getKey().name(), value.getValue());
      }
      out.flush();
      stopAtLimit(boundary, timeout, ended);
      try {
        status = call.call();
      } finally {
        ended.set(true);
      }
    } catch (BoundaryException e) {
      closeAfterFailure(boundary);
      throw new CliException(e.status(), e.getMessage());
    } catch (GuestException e) {
      closeAfterFailure(boundary);
      throw failed(e);
    } catch (RuntimeException | Error e) {
      closeAfterFailure(boundary);
      throw e;
    }
    return closeBoundary(boundary, status);
  }

  /**
   * Closes what was bound once the guest returned {@code status} (outputs put in place only on 0),
   * and turns close problems into lines on stderr or a failed output's status.
   */
  private int closeBoundary(Boundary boundary, int status) throws CliException {
    List<Boundary.Problem> problems = boundary.closeAll(status == ExitStatus.OK.code());
    boolean brokenStdout = problems.stream().anyMatch(Boundary.Problem::brokenStdout);
    List<String> lines =
        problems.stream().filter(p -> !p.brokenStdout()).map(Boundary.Problem::line).toList();
    if (brokenStdout) {
      // As GNU cat dies of SIGPIPE, which a shell reports as 128 + 13; a JVM cannot, so it exits
      // with that status, quietly.
      lines.forEach(line -> err.println("iotypes: " + line));
      return ExitStatus.BROKEN_PIPE.code();
    }
    if (lines.isEmpty()) {
      return status;
    }
    if (status == ExitStatus.OK.code()) {
      throw new CliException(
          ExitStatus.OUTPUT_FAILED, String.join(System.lineSeparator() + "iotypes: ", lines));
    }
    lines.forEach(line -> err.println("iotypes: " + line));
    return status;
  }

  /**
   * Past the run's time limit and the watchdog's grace for a host call, kills the commands and cuts
   * the downloads the guest may be blocked on (a pipe read the JVM cannot interrupt), so that the
   * host call returns and the run ends as timed out.
   */
  private static void stopAtLimit(Boundary boundary, Duration timeout, AtomicBoolean ended) {
    if (timeout.isZero()) {
      return;
    }
    long delay = timeout.plus(HOST_CALL_GRACE).toMillis();
    CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS)
        .execute(
            () -> {
              if (!ended.get()) {
                boundary.stopAtLimit();
              }
            });
  }

  /**
   * A WASI command ({@code _start}, no typed main) in the libc compatibility mode: with {@code
   * --dir} preopens, else with its arguments bound as I/O types. The exit status is the guest's.
   */
  private int runCommand(Guest guest, RunOptions options) throws CliException {
    WasiOptions wasi = commandOptions(options);
    try {
      return WasiCommand.run(guest, wasi);
    } catch (GuestException e) {
      throw failed(e);
    }
  }

  /**
   * A WASI 0.2 command component, run exactly as a preview1 command: the same options, preopens,
   * bound names and standard streams.
   */
  private int runComponent(Component component, RunOptions options) throws CliException {
    WasiOptions wasi = commandOptions(options);
    try {
      return ComponentCommand.run(component, wasi);
    } catch (GuestException e) {
      throw failed(e);
    }
  }

  /**
   * A component exporting a typed main: its arguments bound as a core typed main's are, from the
   * export's parameter types; its WASI imports see the module's name as the only argument, the
   * {@code --env} variables, the standard streams and the run's clock and random.
   */
  private int runComponentMain(Component component, RunOptions options) throws CliException {
    WasiOptions.Builder wasi =
        typedMainWasi(options, err, options.clock().newClock(), seeded(options))
            .stdin(stdio.in())
            .stdout(stdio.out());
    String name = component.name();
    ComponentMain call;
    try {
      call = ComponentMain.prepare(component, wasi.build());
    } catch (GuestException e) {
      throw failed(e);
    }
    Boundary boundary = null;
    try {
      TypedMain main = call.typedMain();
      Optional<ProgramArgs> parsed = programArgs(name, main, options);
      if (parsed.isEmpty()) {
        return ExitStatus.OK.code(); // the help was asked for, and printed
      }
      ProgramArgs program = parsed.get();
      Duration timeout = options.guestOptions().timeout();
      boundary = boundary(options);
      AtomicBoolean ended = new AtomicBoolean();
      int status;
      try {
        bindHandles(call::bind, main, program.handles(), boundary, options);
        for (Map.Entry<Param, Object> value : program.values().entrySet()) {
          call.bind(value.getKey().name(), value.getValue());
        }
        out.flush();
        stopAtLimit(boundary, timeout, ended);
        try {
          status = call.call();
        } finally {
          ended.set(true);
        }
      } catch (BoundaryException e) {
        throw new CliException(e.status(), e.getMessage());
      } catch (GuestException e) {
        throw failed(e);
      }
      Boundary done = boundary;
      boundary = null;
      return closeBoundary(done, status);
    } finally {
      call.close();
      if (boundary != null) {
        closeAfterFailure(boundary);
      }
    }
  }

  /** A command's WASI options from the flags: arguments, environment, preopens, bound names. */
  private WasiOptions commandOptions(RunOptions options) throws CliException {
    WasiOptions.Builder wasi =
        WasiOptions.builder()
            .args(concat(options.module(), options.args()))
            .stdin(stdio.in())
            .stdout(stdio.out())
            .stderr(IoTypes.output(err))
            .workingDirectory(options.cwd());
    if (stdio.terminal()) {
      wasi.terminal(0).terminal(1);
      if (err == System.err || options.host().served()) {
        wasi.terminal(2);
      }
    }
    try {
      options.env().forEach(wasi::env);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitStatus.USAGE, "--env: " + e.getMessage());
    }
    for (RunOptions.Dir dir : options.dirs()) {
      Path hostDir = options.host().resolve(dir.host());
      if (!Files.isDirectory(hostDir)) {
        throw new CliException(
            ExitStatus.BAD_ARGUMENT,
            (Files.exists(hostDir) ? "not a directory: " : "no such directory: ") + dir.host());
      }
      wasi.preopen(hostDir, dir.guest());
    }
    options.names().bound().forEach(wasi::bind);
    options.names().writable().forEach(wasi::writable);
    options.names().created().forEach(wasi::output);
    reproducible(wasi, options, options.clock().newClock(), seeded(options));
    wasi.verbose(options.verbose());
    out.flush();
    return wasi.build();
  }

  /** Whether the typed main was linked with wasi-libc, which imports preview1 for itself. */
  static boolean linkedWithLibc(Guest guest) {
    return guest.imports().stream().anyMatch(i -> i.startsWith(WASI_IMPORTS + "."));
  }

  /** {@code --seed}'s random for one run, or null for the default (a secure one). */
  static Random seeded(RunOptions options) {
    return options.seed().isPresent() ? IoTypes.seededRandom(options.seed().getAsLong()) : null;
  }

  /**
   * Runs libc's clocks on {@code clock} when {@code --clock} was given, and its random on {@code
   * random} when {@code --seed} was: the host's otherwise, as a program built for WASI expects.
   */
  private static void reproducible(
      WasiOptions.Builder wasi, RunOptions options, Clock clock, Random random) {
    if (!options.clock().equals(ClockSpec.SYSTEM)) {
      wasi.clock(clock);
    }
    if (random != null) {
      wasi.random(random);
    }
  }

  /**
   * Preview1 for a typed main's libc: the module as the program's name, the {@code --env}
   * variables, no files ({@link LibcImports}); its {@code stderr} is the diagnostic output. Its
   * clocks and random are the ones the typed main is handed (the run's {@code clock} and {@code
   * random}), or with no such parameter {@code --clock}'s and {@code --seed}'s if given.
   */
  static HostImports libc(RunOptions options, PrintStream err, Clock clock, Random random)
      throws CliException {
    return LibcImports.of(typedMainWasi(options, err, clock, random).build());
  }

  /**
   * What a typed main's WASI imports see, a module's libc or a component's: the module as the
   * program's name, the {@code --env} variables, {@code err} as standard error, and {@code clock}
   * and {@code random} when the run made them reproducible.
   */
  private static WasiOptions.Builder typedMainWasi(
      RunOptions options, PrintStream err, Clock clock, Random random) throws CliException {
    WasiOptions.Builder wasi =
        WasiOptions.builder()
            .args(options.module())
            .stderr(IoTypes.output(err))
            .verbose(options.verbose());
    reproducible(wasi, options, clock, random);
    try {
      options.env().forEach(wasi::env);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitStatus.USAGE, "--env: " + e.getMessage());
    }
    return wasi;
  }

  static CliException limit(LimitExceeded e) {
    return new CliException(
        e.limit() == LimitExceeded.Limit.TIME ? ExitStatus.TIMEOUT : ExitStatus.LIMIT_EXCEEDED,
        e.getMessage());
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> all = new java.util.ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  /**
   * Loads the media-type registry (Apache Tika's, a tenth of a second and more) on a background
   * thread while the guest starts, if the guest can ask for a media type and some argument has an
   * extension to look up; otherwise it is never loaded, and its cost never competes with the run.
   */
  private static void warmMediaTypes(Guest guest, List<String> args) {
    if (!MEDIA_TYPE_IMPORTS.stream().anyMatch(f -> guest.importsFunction(IMPORTS, f))) {
      return;
    }
    for (String arg : args) {
      int slash = Math.max(arg.lastIndexOf('/'), arg.lastIndexOf('\\'));
      if (arg.indexOf('.', slash + 1) >= 0) {
        Thread warm = new Thread(() -> MediaType.forName("warm.txt"), "iotypes-media-types");
        warm.setDaemon(true);
        warm.start();
        return;
      }
    }
  }

  /** {@code iotypes inspect}: the typed main, the imports and the exports. */
  void inspect(String module) throws CliException {
    if (isComponent(module, host)) {
      Component component =
          loadComponent(module, host, GuestOptions.DEFAULTS.withInterpreter(true));
      StringBuilder text = new StringBuilder("component: ").append(component.name()).append('\n');
      if (ComponentMain.declares(component)) {
        text.append("typed main: ").append(componentMain(component)).append('\n');
      }
      section(text, "imports", component.imports());
      section(text, "exports", component.exports());
      out.print(text);
      out.flush();
      return;
    }
    Guest guest = load(module, host, cached(GuestOptions.DEFAULTS.withInterpreter(true), host));
    StringBuilder text = new StringBuilder("module: ").append(guest.name()).append('\n');
    text.append("typed main:");
    if (guest.typedMains().isEmpty()) {
      text.append(
          guest.exportsFunction("_start") ? " none (exports _start: a WASI command)\n" : " none\n");
    } else {
      text.append('\n');
      for (TypedMain main : guest.typedMains()) {
        text.append("  ").append(main).append('\n');
      }
    }
    section(text, "imports", guest.imports());
    section(text, "exports", guest.exports());
    out.print(text);
    out.flush();
  }

  /** The typed main a component's export stands for, or why it is none, for {@code inspect}. */
  private static String componentMain(Component component) {
    try (ComponentMain main = ComponentMain.prepare(component, WasiOptions.builder().build())) {
      return main.typedMain().toString();
    } catch (GuestException e) {
      return "none (" + e.getMessage() + ")";
    }
  }

  private static void section(StringBuilder text, String title, List<String> lines) {
    text.append(title).append(':').append(lines.isEmpty() ? " none\n" : "\n");
    for (String line : lines) {
      text.append("  ").append(line).append('\n');
    }
  }

  /** Whether {@code module} names a file whose header is a component's, not a core module's. */
  /**
   * The command line read against {@code main}, the same for a module's typed main and a
   * component's; empty once the help it asked for is printed.
   */
  private Optional<ProgramArgs> programArgs(String name, TypedMain main, RunOptions options)
      throws CliException {
    Optional<String> unbindable = ProgramArgs.unbindable(main);
    if (unbindable.isPresent()) {
      throw new CliException(ExitStatus.BAD_MODULE, name + ": " + unbindable.get());
    }
    ProgramArgs program;
    try {
      program = ProgramArgs.parse(name, main, options.args());
    } catch (IllegalArgumentException e) {
      throw new CliException(
          ExitStatus.USAGE, name + ": " + e.getMessage(), Usage.tryHelp(options.module()));
    }
    if (program.help()) {
      out.print(Usage.full(name, main));
      out.flush();
      return Optional.empty();
    }
    return Optional.of(program);
  }

  /** Where a typed main's arguments become handles, other guests' among them. */
  private Boundary boundary(RunOptions options) {
    GuestOptions limits = options.guestOptions();
    Boundary boundary =
        new Boundary(stdio, limits.timeout(), limits.maxAnonymousLength(), limits.atomicOutputs());
    boundary.host(options.host());
    options.host().onStop(boundary::stopAtLimit);
    boundary.compose(new Composition(options, stdio, err));
    return boundary;
  }

  static boolean isComponent(String module, Host host) {
    try {
      Path path = host.resolve(module);
      return Files.isRegularFile(path) && Component.isComponent(path);
    } catch (InvalidPathException e) {
      return false;
    }
  }

  static Component loadComponent(String module, Host host, GuestOptions options)
      throws CliException {
    try {
      return Component.load(host.resolve(module), cached(options, host));
    } catch (LimitExceeded e) {
      throw limit(e);
    } catch (GuestException e) {
      throw new CliException(ExitStatus.BAD_MODULE, e.getMessage());
    }
  }

  /**
   * The run's module, from the server's loaded modules if it keeps them ({@link GuestCache}),
   * leased to this run alone until it ends.
   */
  static Guest load(RunOptions options, GuestOptions guestOptions) throws CliException {
    return load(options.module(), options.host(), cached(guestOptions, options.host()));
  }

  /** {@code module} loaded with {@code options} (the cache directory already set). */
  static Guest load(String module, Host host, GuestOptions options) throws CliException {
    Path path;
    try {
      path = host.resolve(module);
    } catch (InvalidPathException e) {
      throw new CliException(ExitStatus.BAD_ARGUMENT, "not a valid path: " + module);
    }
    if (!Files.exists(path)) {
      throw new CliException(ExitStatus.BAD_ARGUMENT, "no such module: " + module);
    }
    if (!Files.isRegularFile(path)) {
      throw new CliException(ExitStatus.BAD_ARGUMENT, "not a file: " + module);
    }
    try {
      return host.leases() == null ? Guest.load(path, options) : host.leases().load(path, options);
    } catch (LimitExceeded e) {
      throw limit(e); // too large, or --timeout ran out while loading
    } catch (GuestException e) {
      throw new CliException(ExitStatus.BAD_MODULE, e.getMessage());
    }
  }

  /**
   * Compiled modules are cached in {@code $IOTYPES_CACHE}, else {@link
   * GuestOptions#defaultCacheDirectory()}; {@code IOTYPES_CACHE=off} compiles at every run. {@code
   * $IOTYPES_CACHE_MAX} caps what the cache holds ({@code 512M}, {@code 2G}; 1 GiB if unset).
   */
  static GuestOptions cached(GuestOptions options, Host host) {
    String cache = host.getenv("IOTYPES_CACHE");
    if (cache != null && !cache.isEmpty() && !cache.equals("off")) {
      try {
        cache = host.resolve(cache).toString(); // a relative one is the run's, not the server's
      } catch (InvalidPathException e) {
        // not a path: the default, as below
      }
    }
    return cached(options, cache, host.getenv("IOTYPES_CACHE_MAX"));
  }

  /**
   * As {@link #cached(GuestOptions, Host)}, from the variables' values. A value that is not a path
   * or a size leaves the default: the cache never fails a run.
   */
  static GuestOptions cached(GuestOptions options, String cache, String max) {
    if ("off".equals(cache)) {
      return options;
    }
    if (max != null && !max.isEmpty()) {
      try {
        options = options.withMaxCacheBytes(Quantities.bytes(max));
      } catch (IllegalArgumentException e) {
        // not a size: the default cap
      }
    }
    try {
      return options.withCache(
          cache == null || cache.isEmpty() ? GuestOptions.defaultCacheDirectory() : Path.of(cache));
    } catch (InvalidPathException e) {
      return options;
    }
  }

  static TypedMain typedMain(Guest guest) throws CliException {
    if (guest.typedMain().isPresent()) {
      return guest.typedMain().get();
    }
    if (!guest.typedMains().isEmpty()) {
      throw new CliException(
          ExitStatus.BAD_MODULE,
          guest.name() + " declares several typed mains and none is named main");
    }
    if (guest.exportsFunction("_start")) {
      throw new CliException(
          ExitStatus.NOT_IMPLEMENTED,
          guest.name()
              + " exports _start (a WASI command); the libc compatibility mode is not"
              + " implemented yet");
    }
    throw new CliException(
        ExitStatus.BAD_MODULE,
        guest.name() + " declares no typed main (custom section " + TypedMain.SECTION + ")");
  }

  /**
   * Opens inputs first, then arrays, then outputs, so that an input that cannot be opened does not
   * leave an output truncated.
   */
  static void bindHandles(
      BiConsumer<String, Object> call,
      TypedMain main,
      Map<Param, List<String>> handles,
      Boundary boundary,
      RunOptions options)
      throws BoundaryException {
    for (ParamType kind :
        List.of(
            ParamType.INPUT_STREAM,
            ParamType.INPUT_DIRECTORY,
            ParamType.ARRAY,
            ParamType.OUTPUT_STREAM,
            ParamType.OUTPUT_DIRECTORY)) {
      for (Param param : main.params()) {
        if (param.type() != kind) {
          continue;
        }
        List<Object> bound = new ArrayList<>();
        for (String arg : handles.get(param)) {
          bound.add(
              switch (kind) {
                case INPUT_STREAM -> boundary.input(arg);
                case INPUT_DIRECTORY -> boundary.inputDirectory(arg);
                case OUTPUT_DIRECTORY -> boundary.outputDirectory(arg);
                case ARRAY -> boundary.array(arg, arrayAccess(arg, options));
                default -> boundary.output(arg);
              });
        }
        call.accept(
            param.name(),
            switch (param.arity()) {
              case ONE -> bound.get(0);
              case OPTIONAL -> bound.isEmpty() ? Optional.empty() : Optional.of(bound.get(0));
              case LIST -> bound;
            });
      }
    }
  }

  /**
   * What the program may do to the file {@code arg} bound as an array: read it, unless the user
   * named it with {@code --writable} (it must exist) or {@code --create}; {@code --read-only} wins.
   */
  static Boundary.Access arrayAccess(String arg, RunOptions options) {
    if (options.readOnly()) {
      return Boundary.Access.READ_ONLY;
    }
    if (names(options.names().created(), arg, options.host())) {
      return Boundary.Access.CREATE;
    }
    return names(options.names().writable(), arg, options.host())
        ? Boundary.Access.WRITABLE
        : Boundary.Access.READ_ONLY;
  }

  /** Whether one of {@code names} is {@code arg}, as written or as the same path. */
  private static boolean names(List<String> names, String arg, Host host) {
    if (names.contains(arg)) {
      return true;
    }
    try {
      Path path = host.resolve(arg).normalize();
      return names.stream().anyMatch(n -> host.resolve(n).normalize().equals(path));
    } catch (InvalidPathException e) {
      return false;
    }
  }

  /**
   * Closes what was bound after a failure, reporting close problems as further lines; file outputs
   * are left as they were.
   */
  private void closeAfterFailure(Boundary boundary) {
    for (Boundary.Problem problem : boundary.closeAll(false)) {
      if (!problem.brokenStdout()) {
        err.println("iotypes: " + problem.line());
      }
    }
  }

  /** The trap as the user reads it; with IOTYPES_DEBUG=1 its cause shows where it happened. */
  /** What a guest's failure exits with: a trap, a limit, or a module that could not run. */
  private static CliException failed(GuestException e) {
    if (e instanceof GuestTrap trap) {
      return trapped(trap);
    }
    if (e instanceof LimitExceeded limit) {
      return limit(limit);
    }
    return new CliException(ExitStatus.BAD_MODULE, e.getMessage());
  }

  private static CliException trapped(GuestTrap e) {
    return new CliException(ExitStatus.GUEST_TRAP, e.getMessage(), e);
  }
}
