package dev.iotypes.wasi;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.iotypes.wasm.runtime.HostGate;
import dev.iotypes.wasm.runtime.Watchdog;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The import module {@code wasi_snapshot_preview1}: every function of the preview1 witx, in its
 * order, each a named method of the area it belongs to ({@link ProcessCalls}, {@link FdCalls},
 * {@link PathCalls}, {@link PollCalls}, {@link SockCalls}) and a thin translation from guest memory
 * to a {@link Descriptor} (an I/O type, or a directory). Guest values are hostile: every fd,
 * pointer and length is checked before any I/O, and a bad one returns {@code EBADF}, {@code EFAULT}
 * or {@code EINVAL} as wasi-libc expects. The runtime exceptions that leave a function are {@link
 * Exit} (from {@code proc_exit}) and {@code LimitReached} (a budget ran out); every other one
 * becomes an errno, through {@link Errno}, in {@link #errno}. Errors ({@link StackOverflowError},
 * {@link OutOfMemoryError}) pass through too.
 */
final class WasiPreview1 {
  static final String MODULE = "wasi_snapshot_preview1";

  /** {@code proc_exit}: unwinds the guest; {@link WasiCommand} turns it into the exit status. */
  static final class Exit extends RuntimeException {
    final int status;

    Exit(int status) {
      super("proc_exit(" + status + ")", null, false, false);
      this.status = status;
    }
  }

  private final WasiOptions options;
  private final Fds fds;
  private final ReadWrite io;
  private final List<Declared> declared = new ArrayList<>();
  private Watchdog watchdog = Watchdog.NONE;

  /** A preview1 function as declared: gated when {@link #functions()} makes it a host function. */
  private record Declared(String name, Call call, boolean exits) {}

  WasiPreview1(WasiOptions options, int maxFds) {
    this.options = options;
    this.fds = new Fds(maxFds);
    Clocks clocks = new Clocks(options);
    Object signal = new Object();
    this.io = new ReadWrite(signal);
    ProcessCalls process = new ProcessCalls(options, clocks);
    FdCalls fd = new FdCalls(options, fds, clocks, io);
    PathCalls path = new PathCalls(fds, clocks);
    PollCalls poll = new PollCalls(fds, clocks, io, signal);
    SockCalls sock = new SockCalls(options, fds, io);
    fn("args_get", (Call.II) process::argsGet);
    fn("args_sizes_get", (Call.II) process::argsSizesGet);
    fn("environ_get", (Call.II) process::environGet);
    fn("environ_sizes_get", (Call.II) process::environSizesGet);
    fn("clock_res_get", (Call.II) process::clockResGet);
    fn("clock_time_get", (Call.IJI) process::clockTimeGet);
    fn("fd_advise", (Call.IJJI) fd::fdAdvise);
    fn("fd_allocate", (Call.IJJ) fd::fdAllocate);
    fn("fd_close", (Call.I) fd::fdClose);
    fn("fd_datasync", (Call.I) fd::fdDatasync);
    fn("fd_fdstat_get", (Call.II) fd::fdFdstatGet);
    fn("fd_fdstat_set_flags", (Call.II) fd::fdFdstatSetFlags);
    fn("fd_fdstat_set_rights", (Call.IJJ) fd::fdFdstatSetRights);
    fn("fd_filestat_get", (Call.II) fd::fdFilestatGet);
    fn("fd_filestat_set_size", (Call.IJ) fd::fdFilestatSetSize);
    fn("fd_filestat_set_times", (Call.IJJI) fd::fdFilestatSetTimes);
    fn("fd_pread", (Call.IIIJI) fd::fdPread);
    fn("fd_prestat_get", (Call.II) fd::fdPrestatGet);
    fn("fd_prestat_dir_name", (Call.III) fd::fdPrestatDirName);
    fn("fd_pwrite", (Call.IIIJI) fd::fdPwrite);
    fn("fd_read", (Call.IIII) fd::fdRead);
    fn("fd_readdir", (Call.IIIJI) fd::fdReaddir);
    fn("fd_renumber", (Call.II) fd::fdRenumber);
    fn("fd_seek", (Call.IJII) fd::fdSeek);
    fn("fd_sync", (Call.I) fd::fdSync);
    fn("fd_tell", (Call.II) fd::fdTell);
    fn("fd_write", (Call.IIII) fd::fdWrite);
    fn("path_create_directory", (Call.III) path::pathCreateDirectory);
    fn("path_filestat_get", (Call.IIIII) path::pathFilestatGet);
    fn("path_filestat_set_times", (Call.IIIIJJI) path::pathFilestatSetTimes);
    fn("path_link", (Call.IIIIIII) path::pathLink);
    fn("path_open", (Call.IIIIIJJII) path::pathOpen);
    fn("path_readlink", (Call.IIIIII) path::pathReadlink);
    fn("path_remove_directory", (Call.III) path::pathRemoveDirectory);
    fn("path_rename", (Call.IIIIII) path::pathRename);
    fn("path_symlink", (Call.IIIII) path::pathSymlink);
    fn("path_unlink_file", (Call.III) path::pathUnlinkFile);
    fn("poll_oneoff", (Call.IIII) poll::pollOneoff);
    exit("proc_exit", (Call.I) process::procExit);
    fn("proc_raise", (Call.I) process::procRaise);
    fn("sched_yield", (Call.None) process::schedYield);
    fn("random_get", (Call.II) process::randomGet);
    fn("sock_accept", (Call.III) sock::sockAccept);
    fn("sock_recv", (Call.IIIIII) sock::sockRecv);
    fn("sock_send", (Call.IIIII) sock::sockSend);
    fn("sock_shutdown", (Call.II) sock::sockShutdown);
  }

  /** The host functions, each behind the run's gate ({@link #watch}). */
  List<ImportFunction> functions() {
    List<ImportFunction> functions = new ArrayList<>(declared.size());
    for (Declared d : declared) {
      functions.add(d.exits() ? exiting(d.name(), d.call()) : gated(d.name(), d.call()));
    }
    return functions;
  }

  /** The run's time budget: a call under way is let finish, and the run ends as it returns. */
  void watch(Watchdog watchdog) {
    this.watchdog = watchdog;
  }

  /** Installs a descriptor at the lowest free number. */
  int add(Descriptor d) {
    return fds.add(d);
  }

  /** Closes descriptor {@code fd}, as the guest's {@code fd_close} would. */
  /** The descriptor {@code fd}, or null. */
  Descriptor find(int fd) {
    return fds.find(fd);
  }

  void close(int fd) {
    fds.close(fd);
  }

  /**
   * Ends the read-ahead threads, then flushes and releases every descriptor still open, so that
   * nothing of the run outlives it. Never throws.
   */
  void closeAll() {
    io.close();
    fds.closeAll();
  }

  /** Says, if verbose, that the guest asked for something not supported; returns {@code errno}. */
  static Errno unsupported(WasiOptions options, String what, Errno errno) {
    if (options.verbose()) {
      byte[] line = ("iotypes: " + what + " is not supported\n").getBytes(StandardCharsets.UTF_8);
      options.stderr().write(ByteBuffer.wrap(line));
    }
    return errno;
  }

  // Declaration.

  private void exit(String name, Call call) {
    declared.add(new Declared(name, call, true));
  }

  private void fn(String name, Call call) {
    declared.add(new Declared(name, call, false));
  }

  /** {@code proc_exit}, which returns nothing: it unwinds at once, outside the watchdog. */
  private static ImportFunction exiting(String name, Call call) {
    return new HostFunction(
        MODULE,
        name,
        FunctionType.of(call.params(), List.of()),
        (instance, args) -> {
          call.invoke(instance, args);
          return null;
        });
  }

  private ImportFunction gated(String name, Call call) {
    return HostGate.function(
        MODULE,
        name,
        FunctionType.of(call.params(), List.of(ValType.I32)),
        watchdog,
        this::errno,
        (instance, args) -> new long[] {call.invoke(instance, args).code()});
  }

  /** Every failure but {@link Exit} is an errno for the guest, through {@link Errno}. */
  private long[] errno(String name, RuntimeException e) {
    if (e instanceof Exit) {
      throw e;
    }
    Errno errno = Errno.of(e);
    if (errno == Errno.NOSYS) {
      unsupported(options, name, errno);
    }
    return new long[] {errno.code()};
  }
}
