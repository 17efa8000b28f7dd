package dev.iotypes.wasi;

import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import dev.iotypes.Connection;
import dev.iotypes.Output;
import dev.iotypes.wasi.Descriptor.DirectoryFd;
import dev.iotypes.wasi.Descriptor.ListenerFd;
import dev.iotypes.wasi.Descriptor.State;
import dev.iotypes.wasi.Descriptor.StreamFd;
import dev.iotypes.wasi.sandbox.Beneath;
import dev.iotypes.wasi.sandbox.Root;
import dev.iotypes.wasm.Guest;
import dev.iotypes.wasm.GuestException;
import dev.iotypes.wasm.GuestTrap;
import dev.iotypes.wasm.runtime.GuestAccess;
import dev.iotypes.wasm.runtime.Run;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a WASI preview1 command (a module exporting {@code _start}) unchanged, on I/O types: the
 * libc compatibility mode.
 *
 * <pre>{@code
 * int status = WasiCommand.run(Guest.load(Path.of("prog.wasm")),
 *     WasiOptions.builder().args("prog", "README.md").build());
 * }</pre>
 *
 * <p>Descriptors 0, 1 and 2 are the options' standard streams; the preopens follow from 3 (in
 * I/O-types mode a single preopen {@code .} holding the bound names, or none if no name is bound,
 * as a runtime given no directory has none), then handed-in sockets.
 */
public final class WasiCommand {
  /** The name of the one preopen in I/O-types mode. */
  static final String BOUND_PREOPEN = ".";

  private WasiCommand() {}

  /** Whether {@code guest} is a preview1 command this class can run. */
  public static boolean isCommand(Guest guest) {
    return guest.exportsFunction("_start");
  }

  /**
   * Runs {@code _start} in a fresh instance and returns the exit status: {@code proc_exit}'s
   * argument, or 0 if {@code _start} returns. Every output is flushed and every descriptor released
   * before this returns or throws; the standard streams are flushed, never closed.
   *
   * @throws GuestTrap if the guest trapped
   * @throws GuestException if the module is no command, needs imports iotypes lacks, or a preopen
   *     cannot be opened
   */
  public static int run(Guest guest, WasiOptions options) throws GuestException {
    if (!isCommand(guest)) {
      throw new GuestException(guest.name() + " is not a WASI command: it does not export _start");
    }
    List<Root> roots = new ArrayList<>();
    WasiPreview1 wasi = new WasiPreview1(options, GuestAccess.get().options(guest).maxHandles());
    try {
      install(wasi, options, roots);
      return start(guest, wasi);
    } finally {
      wasi.closeAll();
      for (Root root : roots) {
        try {
          root.stream().close();
        } catch (IOException e) {
          // released anyway
        }
      }
      flush(options.stdout());
      flush(options.stderr());
      GuestAccess.get().ran(guest);
    }
  }

  /** The descriptor table a command starts with: stdio, preopens, sockets. */
  static void install(WasiPreview1 wasi, WasiOptions options, List<Root> roots)
      throws GuestException {
    wasi.add(stream(Optional.of(options.stdin()), Optional.empty(), stdioFiletype(options, 0)));
    wasi.add(stream(Optional.empty(), Optional.of(options.stdout()), stdioFiletype(options, 1)));
    wasi.add(stream(Optional.empty(), Optional.of(options.stderr()), stdioFiletype(options, 2)));
    if (options.preopens().isEmpty()) {
      Bound.Dir bound = bind(options, roots);
      if (!bound.children().isEmpty()) { // nothing bound: no preopen at all, as with no --dir
        wasi.add(
            new DirectoryFd(
                new BoundDirectory(bound, List.of()), Optional.of(BOUND_PREOPEN), new State(0)));
      }
    }
    for (WasiOptions.Preopen p : options.preopens()) {
      Root root = open(p.host(), p.readOnly(), options.outwardLinks(), roots);
      wasi.add(
          new DirectoryFd(
              new HostDirectory(root, List.of()), Optional.of(p.guest()), new State(0)));
    }
    for (Connection c : options.sockets()) {
      wasi.add(
          new StreamFd(
              Optional.of(c.input()),
              Optional.of(c.output()),
              Filestat.SOCKET_STREAM,
              false,
              new State(0)));
    }
    for (ServerSocketChannel listener : options.listeners()) {
      wasi.add(new ListenerFd(listener, new State(0)));
    }
  }

  /** Runs {@code _start} within the guest's limits ({@link Run}). */
  private static int start(Guest guest, WasiPreview1 wasi) throws GuestException {
    try (Run run = Run.start(guest)) {
      wasi.watch(run.watchdog());
      try {
        Instance instance =
            GuestAccess.get()
                .instantiate(
                    guest, ImportValues.builder().withFunctions(wasi.functions()).build(), false);
        instance.export("_start").apply();
        return 0;
      } catch (GuestException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
        WasiPreview1.Exit exit = exit(e);
        if (exit != null) {
          return exit.status;
        }
        throw run.ended(e);
      }
    }
  }

  /** A {@code proc_exit} that a runtime wrapped on its way out, if any. */
  private static WasiPreview1.Exit exit(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof WasiPreview1.Exit exit) {
        return exit;
      }
    }
    return null;
  }

  /**
   * A standard stream is a character device (so libc's {@code isatty} says yes) only when the
   * options say it is a terminal ({@link WasiOptions#terminal}); otherwise its type is unknown, and
   * a program does not, say, colour what goes into a pipe or a byte array.
   */
  static int stdioFiletype(WasiOptions options, int fd) {
    return options.terminal(fd) ? Filestat.CHARACTER_DEVICE : Filestat.UNKNOWN;
  }

  private static StreamFd stream(
      Optional<dev.iotypes.Input> in, Optional<Output> out, int filetype) {
    return new StreamFd(in, out, filetype, false, new State(0));
  }

  /**
   * The bound names of I/O-types mode: each argument (and each name bound by option) naming an
   * existing file or directory, or {@code -}, under exactly its spelling; then the named outputs.
   */
  private static Bound.Dir bind(WasiOptions options, List<Root> roots) throws GuestException {
    Bound.Dir top = new Bound.Dir();
    List<String> names =
        new ArrayList<>(
            options.args().subList(Math.min(1, options.args().size()), options.args().size()));
    names.addAll(options.bound());
    for (String name : names) {
      if (name.isEmpty() || name.indexOf('\0') >= 0) {
        continue;
      }
      if (name.equals("-")) {
        place(
            top,
            name,
            new Bound.Dash(
                options.stdin(),
                stdioFiletype(options, 0),
                options.stdout(),
                stdioFiletype(options, 1)));
        continue;
      }
      Path host;
      try {
        host = options.workingDirectory().resolve(name);
      } catch (java.nio.file.InvalidPathException e) {
        continue;
      }
      if (Files.isDirectory(host)) {
        place(top, name, new Bound.HostDir(open(host, true, false, roots)));
      } else if (Files.isRegularFile(host)) {
        boolean writable = options.writable().contains(name) || options.outputs().contains(name);
        place(top, name, new Bound.File(host, name, writable));
      }
    }
    for (String name : options.outputs()) {
      Path host = options.workingDirectory().resolve(name);
      if (!Files.isDirectory(host)) {
        place(top, name, new Bound.Creatable(host, name));
      }
    }
    return top;
  }

  /** Puts {@code bound} at {@code spelling}'s components, making bound directories on the way. */
  private static void place(Bound.Dir top, String spelling, Bound bound) {
    List<String> parts = new ArrayList<>();
    for (String p : Beneath.split(spelling)) {
      if (!p.equals(".")) {
        parts.add(p);
      }
    }
    if (parts.isEmpty()) {
      return;
    }
    Bound.Dir dir = top;
    for (int i = 0; i < parts.size() - 1; i++) {
      Bound next = dir.children().computeIfAbsent(parts.get(i), k -> new Bound.Dir());
      if (!(next instanceof Bound.Dir d)) {
        return; // a file already bound where a directory would be
      }
      dir = d;
    }
    dir.children().putIfAbsent(parts.get(parts.size() - 1), bound);
  }

  private static Root open(Path host, boolean readOnly, boolean outwardLinks, List<Root> roots)
      throws GuestException {
    try {
      Root root = Root.open(host, readOnly, outwardLinks);
      roots.add(root);
      return root;
    } catch (IOException e) {
      throw new GuestException("cannot open directory " + host + ": " + e.getMessage(), e);
    }
  }

  private static void flush(Output output) {
    try {
      output.flush();
    } catch (RuntimeException e) {
      // the stream is the caller's; nothing more to do
    }
  }
}
