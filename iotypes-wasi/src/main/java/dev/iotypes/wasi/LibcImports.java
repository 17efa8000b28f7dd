package dev.iotypes.wasi;

import com.dylibso.chicory.runtime.ImportFunction;
import dev.iotypes.wasi.Descriptor.State;
import dev.iotypes.wasi.Descriptor.StreamFd;
import dev.iotypes.wasm.HostImports;
import dev.iotypes.wasm.MainCall;
import dev.iotypes.wasm.runtime.GuestAccess;
import dev.iotypes.wasm.runtime.ImportProvider;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code wasi_snapshot_preview1} a typed main linked with wasi-libc runs on: the same preview1
 * as a command's ({@link WasiPreview1}), on a process with nothing to name but the handles it was
 * handed. Its I/O goes through the handles of its typed main; libc gets only what it needs to work,
 * and no way around them:
 *
 * <ul>
 *   <li>descriptor 2, libc's {@code stderr}, writes to the run's diagnostic output ({@link
 *       MainCall#diagnostics}), as {@code diagnostic-output} does;
 *   <li>descriptors 0 and 1 are closed, as in a program started with them closed: reading {@code
 *       stdin} or writing {@code stdout} fails with {@code EBADF}, so that output written there is
 *       an error the program sees rather than bytes lost, and nothing can be opened into their
 *       numbers since
 *   <li>the only preopens are the input directories the typed main was handed, each under its
 *       parameter's name ({@code opendir("tree")}, {@code fopen("tree/a/b.txt", "r")} for a
 *       parameter {@code tree: input-directory}): read-only trees of the directory's entries
 *       ({@link EntryDirectory}), a folder or an archive alike, with no host path in them. Every
 *       other path fails with an errno ({@code ENOTCAPABLE}) and never reaches a host file;
 *   <li>{@code proc_exit(n)} (libc's {@code exit}) ends main with exit status {@code n};
 *   <li>the arguments are the options' (the program name alone, by convention; the guest's name if
 *       none), the environment only the options' {@code env};
 *   <li>libc's clocks ({@code clock_gettime}, {@code time}, {@code nanosleep}, the waits of {@code
 *       poll}) read the clock the typed main was handed, if it has a {@code clock} parameter, and
 *       {@code getentropy} fills from its {@code random} parameter's source: the program sees one
 *       time and one random sequence whichever way it asks, and a run with {@code --clock fixed:…}
 *       and {@code --seed} is reproducible through libc too. Without such a parameter, the options'
 *       ({@link WasiOptions.Builder#clock(dev.iotypes.Clock)}, else the host's).
 * </ul>
 *
 * <pre>{@code
 * int status = grep.main().bind(...)
 *     .diagnostics(errors)
 *     .imports(LibcImports.of(WasiOptions.builder().args("grep").build()))
 *     .call();
 * }</pre>
 */
public final class LibcImports implements ImportProvider {
  private final WasiOptions options;

  private LibcImports(WasiOptions options) {
    this.options = options;
  }

  /**
   * Libc's imports on {@code options}' arguments, environment, clocks and randomness.
   *
   * @throws IllegalArgumentException if the options name anything a typed main must not reach:
   *     preopens, bound names, sockets or listeners (its standard streams are never used)
   */
  public static HostImports of(WasiOptions options) {
    if (!options.preopens().isEmpty()
        || !options.bound().isEmpty()
        || !options.writable().isEmpty()
        || !options.outputs().isEmpty()
        || !options.sockets().isEmpty()
        || !options.listeners().isEmpty()) {
      throw new IllegalArgumentException(
          "a typed main reaches files and sockets only through its handles:"
              + " no preopens, bound names, sockets or listeners");
    }
    return GuestAccess.get().hostImports(new LibcImports(options));
  }

  /** No environment, the system clocks, a {@code SecureRandom}; the guest's name as argv[0]. */
  public static HostImports defaults() {
    return of(WasiOptions.builder().build());
  }

  @Override
  public Session open(Context context) {
    WasiOptions run = forRun(options, context);
    WasiPreview1 wasi = new WasiPreview1(run, context.maxHandles());
    wasi.watch(context.watchdog());
    StreamFd closed =
        new StreamFd(Optional.empty(), Optional.empty(), Filestat.UNKNOWN, false, new State(0));
    wasi.add(closed);
    wasi.add(closed);
    wasi.add( // the caller's output: flushed when the run ends, never closed
        new StreamFd(
            Optional.empty(),
            Optional.of(context.diagnostics()),
            Filestat.UNKNOWN,
            false,
            new State(0)));
    context // preopens from 3 on, where libc looks for them
        .directories()
        .forEach(
            (name, entries) ->
                wasi.add(
                    new Descriptor.DirectoryFd(
                        EntryDirectory.of(entries), Optional.of(name), new State(0))));
    wasi.close(0);
    wasi.close(1);
    return new LibcSession(wasi);
  }

  /**
   * {@code options} for one run: the guest's name as the arguments if they give none, and the clock
   * and random the typed main was handed, if it was, in place of the options' own.
   */
  private static WasiOptions forRun(WasiOptions options, Context context) {
    WasiOptions.Builder named =
        WasiOptions.builder()
            .args(options.args().isEmpty() ? List.of(context.guest()) : options.args())
            .clock(options.clock())
            .monotonicNanos(options.monotonicNanos())
            .random(options.random())
            .verbose(options.verbose())
            .stderr(options.stderr());
    context.clock().or(options::clockHandle).ifPresent(named::clock);
    context.random().or(options::randomHandle).ifPresent(named::random);
    for (String variable : options.env()) {
      int equals = variable.indexOf('=');
      named.env(variable.substring(0, equals), variable.substring(equals + 1));
    }
    return named.build();
  }

  /** One run's preview1: its descriptors close with the run, or with the provider it became. */
  private static final class LibcSession implements Session {
    private final WasiPreview1 wasi;
    private boolean closed;

    LibcSession(WasiPreview1 wasi) {
      this.wasi = wasi;
    }

    @Override
    public List<ImportFunction> functions() {
      return wasi.functions();
    }

    @Override
    public OptionalInt exitStatus(Throwable thrown) {
      for (Throwable t = thrown; t != null; t = t.getCause()) {
        if (t instanceof WasiPreview1.Exit exit) {
          return OptionalInt.of(exit.status);
        }
      }
      return OptionalInt.empty();
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        wasi.closeAll();
      }
    }
  }
}
