package dev.iotypes.cli;

import dev.iotypes.wasm.Execution;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code iotypes} command. Thin on purpose: picocli turns flags into {@link RunOptions}, and
 * {@link Runner} does the work. Every problem ends as one line {@code iotypes: ...} on standard
 * error and an {@link ExitStatus}; a stack trace only with {@code IOTYPES_DEBUG=1}, and only for a
 * bug in iotypes.
 */
@Command(
    name = "iotypes",
    mixinStandardHelpOptions = true,
    version = "iotypes 0.1.0",
    description = "Runs WebAssembly programs that receive typed I/O handles.")
public final class Main implements Callable<Integer> {
  @Spec CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /**
   * Runs the command with {@code args} and the given standard streams, returning the exit status.
   * Given the process's own {@link System#in} and {@link System#out}, {@code -} binds to file
   * descriptors 0 and 1 directly.
   */
  public static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr) {
    if (stdin == System.in && stdout == System.out) {
      Integer served = Client.runOnServer(args);
      if (served != null) {
        return served;
      }
    }
    Stdio stdio =
        stdin == System.in && stdout == System.out ? Stdio.system() : Stdio.of(stdin, stdout);
    return run(args, stdio, stdout, stderr, Host.current());
  }

  /**
   * Runs the command for {@code host} (its working directory and environment, and on the server the
   * loaded modules it may reuse) with the given streams.
   */
  static int run(String[] args, Stdio stdio, PrintStream stdout, PrintStream stderr, Host host) {
    Runner runner = new Runner(stdio, stdout, stderr, host);
    RunOptions simple = simpleRun(args, host);
    if (simple != null) {
      int status;
      try {
        status = runner.run(simple);
      } catch (CliException | RuntimeException e) {
        status = failed(e, stderr, host);
      }
      stdout.flush();
      stderr.flush();
      return status;
    }
    CommandLine line = new CommandLine(new Main());
    line.addSubcommand(new RunCommand(runner));
    line.addSubcommand(new InspectCommand(runner));
    if (!host.served()) {
      line.addSubcommand(new ServeCommand(host));
    }
    line.getSubcommands().get("run").setStopAtPositional(true);
    line.setExpandAtFiles(false);
    line.setOut(new PrintWriter(stdout, true));
    line.setErr(new PrintWriter(stderr, true));
    line.setParameterExceptionHandler(Main::usageError);
    line.setExecutionExceptionHandler((e, cmd, parsed) -> failed(e, stderr, host));
    int status = line.execute(args);
    stdout.flush();
    stderr.flush();
    return status;
  }

  /**
   * The common cases, {@code run [--dir HOST::GUEST]... [--env NAME=VALUE]... [--read-only]
   * [--interpreter] [--engine NAME] MODULE ARGS...} (wasmtime's spelling, with {@code =} or a
   * space), parsed without picocli, whose start-up (hundreds of classes too old for class-data
   * sharing, and reflection) costs a fifth of a second; {@code null} for anything else, or for a
   * value that does not parse, which picocli then parses and reports as before.
   */
  /** {@code --engine}'s value, or null for one that is not an engine. */
  static Execution engine(String name) {
    return switch (name) {
      case "iotypes" -> Execution.IOTYPES;
      case "chicory" -> Execution.CHICORY;
      case "interpreter" -> Execution.INTERPRETER;
      default -> null;
    };
  }

  static RunOptions simpleRun(String[] args) {
    return simpleRun(args, Host.current());
  }

  static RunOptions simpleRun(String[] args, Host host) {
    if (args.length < 2 || !args[0].equals("run")) {
      return null;
    }
    List<String> dirs = new ArrayList<>();
    List<String> env = new ArrayList<>();
    boolean readOnly = false;
    Execution execution = null;
    int i = 1;
    for (; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--read-only") && !readOnly) {
        readOnly = true;
      } else if (arg.equals("--interpreter") && execution == null) {
        execution = Execution.INTERPRETER;
      } else if (arg.equals("--engine") && i + 1 < args.length && execution == null) {
        execution = engine(args[++i]);
        if (execution == null) {
          return null;
        }
      } else if (arg.startsWith("--engine=") && execution == null) {
        execution = engine(arg.substring("--engine=".length()));
        if (execution == null) {
          return null;
        }
      } else if ((arg.equals("--dir") || arg.equals("--env")) && i + 1 < args.length) {
        (arg.equals("--dir") ? dirs : env).add(args[++i]);
      } else if (arg.startsWith("--dir=")) {
        dirs.add(arg.substring("--dir=".length()));
      } else if (arg.startsWith("--env=")) {
        env.add(arg.substring("--env=".length()));
      } else {
        break;
      }
    }
    if (i >= args.length || args[i].isEmpty() || args[i].startsWith("-")) {
      return null;
    }
    RunOptions.Builder options =
        RunOptions.builder(args[i])
            .args(List.of(args).subList(i + 1, args.length))
            .readOnly(readOnly)
            .execution(execution == null ? Execution.IOTYPES : execution)
            .host(host);
    try {
      for (String dir : dirs) {
        options.dir(RunOptions.Dir.parse(dir));
      }
    } catch (IllegalArgumentException e) {
      return null;
    }
    for (String variable : env) {
      if (!addEnv(options, variable, host)) {
        return null;
      }
    }
    return options.build();
  }

  /**
   * Adds {@code NAME=VALUE}, or {@code NAME} alone with the value it has here (as wasmtime does);
   * false for {@code =VALUE}, which names nothing.
   */
  static boolean addEnv(RunOptions.Builder options, String variable, Host host) {
    int equals = variable.indexOf('=');
    if (equals == 0) {
      return false;
    }
    if (equals > 0) {
      options.env(variable.substring(0, equals), variable.substring(equals + 1));
    } else if (host.getenv(variable) != null) {
      options.env(variable, host.getenv(variable));
    }
    return true;
  }

  /** {@code iotypes} alone: the usage, as an error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitStatus.USAGE.code();
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Runs MODULE's typed main, binding ARGS to its parameters;",
        "a WASI command (_start) runs in the libc compatibility mode.",
        "Flags before MODULE are iotypes's; everything after it is the program's.",
        "Try: iotypes run MODULE --help"
      },
      footer = {
        "",
        "Exit status: the guest's (0 ok, 1 err, or its u32/s32 result);",
        "  2 usage error; 65 not a module, or no typed main;",
        "  66 an argument cannot be bound (no such file, unreachable URL);",
        "  70 the guest trapped; 74 an input or output failed;",
        "  75 a limit was reached (memory, table, handles, size); 124 --timeout ran out;",
        "  125 a bug in iotypes; 141 standard output's reader went away (quietly)."
      })
  static final class RunCommand implements Callable<Integer> {
    private static final long WASM_PAGE = 64 * 1024;

    private final Runner runner;

    @Spec CommandSpec spec;

    @Option(
        names = "--dir",
        paramLabel = "HOST::GUEST",
        description = "Preopen a host directory for a WASI command (libc mode).")
    List<String> dirs = new ArrayList<>();

    @Option(
        names = "--env",
        paramLabel = "NAME=VALUE",
        description =
            "Set an environment variable for a WASI command (libc mode) or a typed main linked"
                + " with wasi-libc.")
    List<String> env = new ArrayList<>();

    @Option(
        names = "--read-only",
        description =
            "Bind every array parameter read-only (the default), even one named by --writable or --create.")
    boolean readOnly;

    @Option(
        names = "--bind",
        paramLabel = "NAME",
        description =
            "WASI command without --dir: the existing file NAME exists for the program too, though no argument names it.")
    List<String> bound = new ArrayList<>();

    @Option(
        names = "--writable",
        paramLabel = "NAME",
        description =
            "The program may write the existing file NAME: an array argument, or for a WASI command without --dir a bound file (files are read-only otherwise).")
    List<String> writable = new ArrayList<>();

    @Option(
        names = "--create",
        paramLabel = "NAME",
        description =
            "The program may create and write the file NAME: an array argument created if missing, or for a WASI command without --dir a file it creates (or truncates).")
    List<String> created = new ArrayList<>();

    @Option(
        names = "--no-atomic",
        description =
            "Write file outputs in place as the program goes. By default each is written beside its file and renamed over it only when the program succeeds (exit 0), so an error, a trap or a limit leaves the old file as it was.")
    boolean noAtomic;

    @Option(
        names = "--verbose",
        description = "Name, on stderr, each WASI call iotypes cannot support (ENOSYS/ENOTSUP).")
    boolean verbose;

    @Option(
        names = "--interpreter",
        description =
            "Interpret the module instead of compiling it (same as --engine=interpreter).")
    boolean interpreter;

    @Option(
        names = "--engine",
        paramLabel = "NAME",
        description =
            "What runs the module: iotypes (default: iotypes' compiler, per function, shaped for the JVM's JIT), chicory (Chicory's compiler, whole module at load, cached) or interpreter.")
    String engine;

    @Option(
        names = "--max-memory-size",
        paramLabel = "BYTES",
        converter = Quantities.Bytes.class,
        description =
            "Most linear memory the guest may have, a whole number of 64K Wasm pages (K, M, G suffixes; default: 256M). memory.grow past it returns -1; a module declaring more at start is refused (exit 75).")
    Long maxMemorySize;

    @Option(
        names = "--max-table-elements",
        paramLabel = "N",
        description = "Most elements of a Wasm table (default: 1048576).")
    Integer maxTableElements;

    @Option(
        names = "--timeout",
        paramLabel = "DURATION",
        converter = Quantities.Time.class,
        description =
            "Wall-clock budget: 500ms, 10s, 2m (default: none). When it runs out the guest is stopped, its outputs flushed (exit 124).")
    java.time.Duration timeout;

    @Option(
        names = "--max-handles",
        paramLabel = "N",
        description = "Most handles the guest may hold open at once (default: 4096; exit 75).")
    Integer maxHandles;

    @Option(
        names = "--max-array-size",
        paramLabel = "BYTES",
        converter = Quantities.Bytes.class,
        description =
            "Most bytes of one anonymous array or from-stream (default: 4G); a write past it fails (the guest sees failed). Also the most an array argument read from a stream (-, a URL, $(command), .gz) may hold.")
    Long maxArraySize;

    @Option(
        names = "--pipe-buffer-size",
        paramLabel = "BYTES",
        converter = Quantities.IntBytes.class,
        description = "Buffer of each pipe the guest makes (default: 64K).")
    Integer pipeBufferSize;

    @Option(
        names = "--clock",
        paramLabel = "CLOCK",
        description =
            "The clock a typed main's clock parameters get: system (default), fixed:INSTANT (stopped at an ISO-8601 instant, e.g. fixed:2024-01-01T00:00:00Z; a wait for a deadline moves it there at once), or fixed:INSTANT@RATEx (starts there, runs at RATE times real time: @1x, @60x).")
    String clock;

    @Option(
        names = "--seed",
        paramLabel = "N",
        description =
            "Random parameters get bytes from this seed (a signed 64-bit integer), the same on every run; default: the system's secure random.")
    Long seed;

    @Parameters(index = "0", paramLabel = "MODULE", description = "The .wasm module.")
    String module;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "The program's arguments.")
    List<String> args = new ArrayList<>();

    RunCommand(Runner runner) {
      this.runner = runner;
    }

    private Execution execution() throws CliException {
      if (engine == null) {
        return interpreter ? Execution.INTERPRETER : Execution.IOTYPES;
      }
      Execution execution = engine(engine);
      if (execution == null || interpreter && execution != Execution.INTERPRETER) {
        throw new CliException(
            ExitStatus.USAGE,
            "--engine must be iotypes, chicory or interpreter (and agree with --interpreter)");
      }
      return execution;
    }

    @Override
    public Integer call() throws CliException {
      RunOptions.Builder options =
          RunOptions.builder(module)
              .args(args)
              .readOnly(readOnly)
              .execution(execution())
              .verbose(verbose)
              .atomicOutputs(!noAtomic)
              .host(runner.host());
      bound.forEach(options::bind);
      writable.forEach(options::writable);
      created.forEach(options::create);
      try {
        if (maxMemorySize != null) {
          if (maxMemorySize % WASM_PAGE != 0) {
            throw new ParameterException(
                spec.commandLine(),
                "--max-memory-size: not a whole number of 64K pages: "
                    + spec.findOption("--max-memory-size").originalStringValues().get(0)
                    + " (memory grows by 64K; try "
                    + Math.max(1, (maxMemorySize + WASM_PAGE - 1) / WASM_PAGE) * 64
                    + "K)");
          }
          options.maxMemorySize(maxMemorySize);
        }
        if (maxTableElements != null) {
          options.maxTableElements(maxTableElements);
        }
        if (timeout != null) {
          options.timeout(timeout);
        }
        if (maxHandles != null) {
          options.maxHandles(maxHandles);
        }
        if (maxArraySize != null) {
          options.maxArraySize(maxArraySize);
        }
        if (pipeBufferSize != null) {
          options.pipeBufferSize(pipeBufferSize);
        }
        if (clock != null) {
          options.clock(clock);
        }
        if (seed != null) {
          options.seed(seed);
        }
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      for (String dir : dirs) {
        try {
          options.dir(RunOptions.Dir.parse(dir));
        } catch (IllegalArgumentException e) {
          throw new ParameterException(spec.commandLine(), "--dir: " + e.getMessage());
        }
      }
      for (String variable : env) {
        if (!addEnv(options, variable, runner.host())) {
          throw new ParameterException(
              spec.commandLine(), "--env: expected NAME=VALUE: " + variable);
        }
      }
      return runner.run(options.build());
    }
  }

  @Command(
      name = "inspect",
      mixinStandardHelpOptions = true,
      description = "Shows MODULE's typed main, imports and exports.")
  static final class InspectCommand implements Callable<Integer> {
    private final Runner runner;

    @Parameters(index = "0", paramLabel = "MODULE", description = "The .wasm module.")
    String module;

    InspectCommand(Runner runner) {
      this.runner = runner;
    }

    @Override
    public Integer call() throws CliException {
      runner.inspect(module);
      return ExitStatus.OK.code();
    }
  }

  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description = {
        "Runs as a server that `iotypes run` hands its runs to, so that a module loaded (and",
        "compiled by the JVM) once runs again warm. Listens on $IOTYPES_SERVER, else",
        "$XDG_RUNTIME_DIR/iotypes/server.sock, else server.sock in the module cache directory;",
        "only the same user can connect. IOTYPES_SERVER=off makes `iotypes run` ignore it."
      })
  static final class ServeCommand implements Callable<Integer> {
    /** How long a detached server waits for its socket before giving up on it. */
    private static final Duration START = Duration.ofSeconds(60);

    private final Host host;

    @Option(
        names = "--max-modules",
        paramLabel = "N",
        description = "Most loaded modules kept between runs (default: 8).")
    int maxModules = GuestCache.DEFAULT_MAX_MODULES;

    @Option(
        names = "--max-module-bytes",
        paramLabel = "BYTES",
        converter = Quantities.Bytes.class,
        description = "Most bytes of module files kept loaded between runs (default: 1G).")
    long maxModuleBytes = GuestCache.DEFAULT_MAX_BYTES;

    @Option(
        names = "--idle-timeout",
        paramLabel = "DURATION",
        converter = Quantities.Time.class,
        description = {
          "Stop after this long with no run going on (for example 90s, 30m, 2h; 0: never).",
          "Default: never in the foreground, 1h with --detach."
        })
    Duration idleTimeout;

    @Option(
        names = "--detach",
        description = {
          "Start the server in the background, in a session of its own, and return once it",
          "listens (at once if one already does); it writes its messages to SOCKET.log."
        })
    boolean detach;

    ServeCommand(Host host) {
      this.host = host;
    }

    @Override
    public Integer call() throws CliException {
      java.nio.file.Path socket = Server.socketPath(host.env());
      if (socket == null) {
        throw new CliException(ExitStatus.USAGE, "IOTYPES_SERVER=off: no server to start");
      }
      if (detach) {
        return detach(socket);
      }
      try (Server server = Server.open(socket, new GuestCache(maxModules, maxModuleBytes))) {
        Thread removeSocket = // on SIGTERM or ^C too: no stale socket left behind
            new Thread(
                () -> {
                  try {
                    server.close();
                  } catch (java.io.IOException e) {
                    // exiting anyway
                  }
                });
        Runtime.getRuntime().addShutdownHook(removeSocket);
        if (idleTimeout != null && !idleTimeout.isZero()) {
          server.stopWhenIdle(idleTimeout);
        }
        System.err.println("iotypes: serving on " + socket);
        server.serve();
        server.awaitRuns(); // a run accepted as it went idle ends first
        System.err.println("iotypes: stopped serving on " + socket);
      } catch (java.io.IOException e) {
        throw new CliException(ExitStatus.OUTPUT_FAILED, "serve: " + e.getMessage());
      }
      return ExitStatus.OK.code();
    }

    /**
     * Starts this command again without {@code --detach}, in the background with the same JVM and
     * options, in a session of its own (so that a closing terminal does not stop it), its output in
     * {@code SOCKET.log}; returns once the socket answers.
     */
    private int detach(java.nio.file.Path socket) throws CliException {
      if (Server.answers(socket)) {
        System.err.println("iotypes: a server already listens on " + socket);
        return ExitStatus.OK.code();
      }
      java.nio.file.Path log = socket.resolveSibling(socket.getFileName() + ".log");
      List<String> command = new ArrayList<>();
      if (java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/setsid"))) {
        command.add("/usr/bin/setsid");
      }
      command.add(ProcessHandle.current().info().command().orElse("java"));
      command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
      command.addAll(
          List.of(
              "-cp",
              System.getProperty("java.class.path"),
              Main.class.getName(),
              "serve",
              "--max-modules",
              Integer.toString(maxModules),
              "--max-module-bytes",
              Long.toString(maxModuleBytes),
              "--idle-timeout",
              (idleTimeout == null ? Duration.ofHours(1) : idleTimeout).toSeconds() + "s"));
      Process server;
      try {
        Server.directory(socket);
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .directory(host.cwd().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(host.env());
        server = builder.start();
      } catch (java.io.IOException e) {
        throw new CliException(ExitStatus.OUTPUT_FAILED, "serve: " + e.getMessage());
      }
      long deadline = System.nanoTime() + START.toNanos();
      while (System.nanoTime() < deadline) {
        if (Server.answers(socket)) {
          System.err.println(
              "iotypes: serving on " + socket + " (process " + server.pid() + ", log " + log + ")");
          return ExitStatus.OK.code();
        }
        if (!server.isAlive()) {
          throw new CliException(
              ExitStatus.OUTPUT_FAILED, "serve: the server did not start; see " + log);
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      server.destroy();
      throw new CliException(
          ExitStatus.OUTPUT_FAILED, "serve: the server did not listen within a minute; see " + log);
    }
  }

  private static int usageError(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println("iotypes: " + e.getMessage().replaceAll("[\\r\\n]+", " "));
    err.println("(try: " + command.getCommandSpec().qualifiedName() + " --help)");
    err.flush();
    return ExitStatus.USAGE.code();
  }

  private static int failed(Exception e, PrintStream stderr, Host host) {
    boolean debug = "1".equals(host.getenv("IOTYPES_DEBUG"));
    if (e instanceof ParameterException usage) {
      return usageError(usage, new String[0]);
    }
    if (e instanceof CliException problem) {
      stderr.println("iotypes: " + problem.getMessage());
      if (problem.hint() != null) {
        stderr.println(problem.hint());
      }
      if (debug) {
        problem.printStackTrace(stderr); // with its cause: a trap's names the Wasm instruction
      }
      return problem.status().code();
    }
    stderr.println("iotypes: internal error: " + e);
    if (debug) {
      e.printStackTrace(stderr);
    }
    return ExitStatus.INTERNAL.code();
  }
}
