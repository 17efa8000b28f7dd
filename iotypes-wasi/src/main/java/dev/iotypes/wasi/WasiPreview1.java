package dev.iotypes.wasi;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.iotypes.wasm.runtime.LimitReached;
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
 * or {@code EINVAL} as wasi-libc expects. No Java exception leaves a function but {@link Exit}
 * (from {@code proc_exit}): every other one becomes an errno, through {@link Errno}, in {@link
 * #fn}.
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
  private final List<ImportFunction> functions = new ArrayList<>();
  private Watchdog watchdog = Watchdog.NONE;

  WasiPreview1(WasiOptions options, int maxFds) {
    this.options = options;
    this.fds = new Fds(maxFds);
    Clocks clocks = new Clocks(options);
    Object signal = new Object();
    ReadWrite io = new ReadWrite(signal);
    ProcessCalls process = new ProcessCalls(options, clocks);
    declare(
        process,
        "args_get",
        "args_sizes_get",
        "environ_get",
        "environ_sizes_get",
        "clock_res_get",
        "clock_time_get");
    declare(
        new FdCalls(options, fds, clocks, io),
        "fd_advise",
        "fd_allocate",
        "fd_close",
        "fd_datasync",
        "fd_fdstat_get",
        "fd_fdstat_set_flags",
        "fd_fdstat_set_rights",
        "fd_filestat_get",
        "fd_filestat_set_size",
        "fd_filestat_set_times",
        "fd_pread",
        "fd_prestat_get",
        "fd_prestat_dir_name",
        "fd_pwrite",
        "fd_read",
        "fd_readdir",
        "fd_renumber",
        "fd_seek",
        "fd_sync",
        "fd_tell",
        "fd_write");
    declare(
        new PathCalls(fds, clocks),
        "path_create_directory",
        "path_filestat_get",
        "path_filestat_set_times",
        "path_link",
        "path_open",
        "path_readlink",
        "path_remove_directory",
        "path_rename",
        "path_symlink",
        "path_unlink_file");
    declare(new PollCalls(fds, clocks, io, signal), "poll_oneoff");
    declare(process, "proc_exit", "proc_raise", "sched_yield", "random_get");
    declare(
        new SockCalls(options, fds, io), "sock_accept", "sock_recv", "sock_send", "sock_shutdown");
  }

  List<ImportFunction> functions() {
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

  /** Flushes and releases every descriptor still open. Never throws. */
  void closeAll() {
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

  private void declare(Object area, String... names) {
    for (String name : names) {
      NamedCall call = NamedCall.of(area, name);
      if (call.returnsErrno()) {
        fn(name, call);
      } else {
        functions.add(
            new HostFunction(
                MODULE,
                name,
                FunctionType.of(call.params(), List.of()),
                (instance, args) -> {
                  call.invoke(instance, args); // proc_exit, which unwinds at once
                  return null;
                }));
      }
    }
  }

  private void fn(String name, NamedCall call) {
    WasmFunctionHandle handle =
        (instance, args) -> {
          watchdog.enter(name);
          Errno errno;
          try {
            errno = call.invoke(instance, args);
          } catch (Exit | LimitReached e) {
            throw e;
          } catch (RuntimeException e) {
            errno = Errno.of(e);
            if (errno == Errno.NOSYS) {
              unsupported(options, name, errno);
            }
          } finally {
            watchdog.exit(name);
          }
          return new long[] {errno.code()};
        };
    functions.add(
        new HostFunction(
            MODULE, name, FunctionType.of(call.params(), List.of(ValType.I32)), handle));
  }
}
