package dev.iotypes.wasi;

import static com.dylibso.chicory.wasm.types.ValType.I32;
import static com.dylibso.chicory.wasm.types.ValType.I64;
import static dev.iotypes.wasi.WasiMemory.iovecs;
import static dev.iotypes.wasi.WasiMemory.memory;
import static dev.iotypes.wasi.WasiMemory.path;
import static dev.iotypes.wasi.WasiMemory.range;
import static dev.iotypes.wasi.WasiMemory.sizes;
import static dev.iotypes.wasi.WasiMemory.skip;
import static dev.iotypes.wasi.WasiMemory.strings;
import static dev.iotypes.wasi.WasiMemory.total;
import static dev.iotypes.wasi.WasiMemory.u32;
import static dev.iotypes.wasi.WasiMemory.u64;
import static dev.iotypes.wasi.WasiMemory.writeFilestat;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.iotypes.Connection;
import dev.iotypes.Input;
import dev.iotypes.IoArray;
import dev.iotypes.IoTypes;
import dev.iotypes.Origin;
import dev.iotypes.Outcome;
import dev.iotypes.Output;
import dev.iotypes.wasi.Descriptor.ArrayFd;
import dev.iotypes.wasi.Descriptor.DirectoryFd;
import dev.iotypes.wasi.Descriptor.ListenerFd;
import dev.iotypes.wasi.Descriptor.State;
import dev.iotypes.wasi.Descriptor.StreamFd;
import dev.iotypes.wasi.Directory.OpenRequest;
import dev.iotypes.wasm.runtime.GuestMemory;
import dev.iotypes.wasm.runtime.LimitReached;
import dev.iotypes.wasm.runtime.Watchdog;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The import module {@code wasi_snapshot_preview1}: every function of the preview1 witx, in its
 * order, each a thin translation from guest memory to a {@link Descriptor} (an I/O type, or a
 * directory). Guest values are hostile: every fd, pointer and length is checked before any I/O, and
 * a bad one returns {@code EBADF}, {@code EFAULT} or {@code EINVAL} as wasi-libc expects. The
 * runtime exceptions that leave a function are {@link Exit} (from {@code proc_exit}) and {@link
 * LimitReached} (a budget ran out); every other one becomes an errno, through {@link Errno}, in
 * {@link #fn}. Errors ({@link StackOverflowError}, {@link OutOfMemoryError}) pass through too.
 */
final class WasiPreview1 {
  static final String MODULE = "wasi_snapshot_preview1";

  // rights
  static final long FD_DATASYNC = 1L;
  static final long FD_READ = 1L << 1;
  static final long FD_SEEK = 1L << 2;
  static final long FD_FDSTAT_SET_FLAGS = 1L << 3;
  static final long FD_SYNC = 1L << 4;
  static final long FD_TELL = 1L << 5;
  static final long FD_WRITE = 1L << 6;
  static final long FD_ADVISE = 1L << 7;
  static final long FD_ALLOCATE = 1L << 8;
  static final long PATH_CREATE_DIRECTORY = 1L << 9;
  static final long PATH_CREATE_FILE = 1L << 10;
  static final long PATH_LINK_SOURCE = 1L << 11;
  static final long PATH_LINK_TARGET = 1L << 12;
  static final long PATH_OPEN = 1L << 13;
  static final long FD_READDIR = 1L << 14;
  static final long PATH_READLINK = 1L << 15;
  static final long PATH_RENAME_SOURCE = 1L << 16;
  static final long PATH_RENAME_TARGET = 1L << 17;
  static final long PATH_FILESTAT_GET = 1L << 18;
  static final long PATH_FILESTAT_SET_SIZE = 1L << 19;
  static final long PATH_FILESTAT_SET_TIMES = 1L << 20;
  static final long FD_FILESTAT_GET = 1L << 21;
  static final long FD_FILESTAT_SET_SIZE = 1L << 22;
  static final long FD_FILESTAT_SET_TIMES = 1L << 23;
  static final long PATH_SYMLINK = 1L << 24;
  static final long PATH_REMOVE_DIRECTORY = 1L << 25;
  static final long PATH_UNLINK_FILE = 1L << 26;
  static final long POLL_FD_READWRITE = 1L << 27;
  static final long SOCK_SHUTDOWN = 1L << 28;
  static final long SOCK_ACCEPT = 1L << 29;
  static final long ALL_RIGHTS = (1L << 30) - 1;
  static final long FILE_RIGHTS =
      FD_DATASYNC
          | FD_SEEK
          | FD_FDSTAT_SET_FLAGS
          | FD_SYNC
          | FD_TELL
          | FD_ADVISE
          | FD_FILESTAT_GET
          | FD_FILESTAT_SET_TIMES
          | POLL_FD_READWRITE;
  static final long DIRECTORY_RIGHTS =
      ALL_RIGHTS
          & ~(FD_READ
              | FD_WRITE
              | FD_SEEK
              | FD_TELL
              | FD_ALLOCATE
              | FD_FILESTAT_SET_SIZE
              | FD_ADVISE
              | PATH_FILESTAT_SET_SIZE // path_open with O_TRUNC is how sizes are set by path
              | SOCK_SHUTDOWN
              | SOCK_ACCEPT);

  // fdflags, oflags, lookupflags, fstflags
  static final int APPEND = 1;
  static final int NONBLOCK = 4;
  static final int SYNC_FLAGS = 2 | 8 | 16;
  static final int O_CREAT = 1;
  static final int O_DIRECTORY = 2;
  static final int O_EXCL = 4;
  static final int O_TRUNC = 8;
  static final int SYMLINK_FOLLOW = 1;
  static final int ATIM = 1;
  static final int ATIM_NOW = 2;
  static final int MTIM = 4;
  static final int MTIM_NOW = 8;

  /** {@code proc_exit}: unwinds the guest; {@link WasiCommand} turns it into the exit status. */
  static final class Exit extends RuntimeException {
    final int status;

    Exit(int status) {
      super("proc_exit(" + status + ")", null, false, false);
      this.status = status;
    }
  }

  private final WasiOptions options;
  private final int maxFds;
  private final TreeMap<Integer, Descriptor> fds = new TreeMap<>();
  private final Object signal = new Object();
  private final ReadAheads readAheads = new ReadAheads(signal);
  private final List<ImportFunction> functions = new ArrayList<>();
  private final long monotonicOrigin;
  private final GuestMemory buffers = new GuestMemory();
  private Watchdog watchdog = Watchdog.NONE;

  WasiPreview1(WasiOptions options, int maxFds) {
    this.options = options;
    this.maxFds = maxFds;
    this.monotonicOrigin = options.monotonicNanos().getAsLong();
    declare();
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
    int fd = 0;
    for (Integer used : fds.keySet()) {
      if (used != fd) {
        break;
      }
      fd++;
    }
    if (fds.size() >= maxFds) {
      d.close();
      throw Errno.MFILE.raise();
    }
    fds.put(fd, d);
    return fd;
  }

  /** Flushes and releases every descriptor still open. Never throws. */
  void closeAll() {
    for (Descriptor d : fds.values()) {
      try {
        d.close();
      } catch (RuntimeException e) {
        // released as far as possible
      }
    }
    fds.clear();
  }

  private void declare() {
    fn(
        "args_get",
        params(I32, I32),
        (inst, a) -> strings(inst, options.args(), (int) a[0], (int) a[1]));
    fn(
        "args_sizes_get",
        params(I32, I32),
        (inst, a) -> sizes(inst, options.args(), (int) a[0], (int) a[1]));
    fn(
        "environ_get",
        params(I32, I32),
        (inst, a) -> strings(inst, options.env(), (int) a[0], (int) a[1]));
    fn(
        "environ_sizes_get",
        params(I32, I32),
        (inst, a) -> sizes(inst, options.env(), (int) a[0], (int) a[1]));
    fn(
        "clock_res_get",
        params(I32, I32),
        (inst, a) -> {
          long res =
              switch ((int) a[0]) {
                case 0 -> 1_000L;
                case 1 -> 1L;
                case 2, 3 -> 1_000L;
                default -> throw Errno.INVAL.raise();
              };
          u64(inst, (int) a[1], res);
          return Errno.SUCCESS;
        });
    fn(
        "clock_time_get",
        params(I32, I64, I32),
        (inst, a) -> {
          u64(inst, (int) a[2], now((int) a[0]));
          return Errno.SUCCESS;
        });
    fn(
        "fd_advise",
        params(I32, I64, I64, I32),
        (inst, a) -> {
          Descriptor d = fd(a[0], FD_ADVISE);
          if (a[1] < 0 || a[2] < 0) {
            throw Errno.INVAL.raise();
          }
          array(d).array().advise(a[1], a[2], WasiAdvice.of(a[3]));
          return Errno.SUCCESS;
        });
    fn(
        "fd_allocate",
        params(I32, I64, I64),
        (inst, a) -> {
          ArrayFd f = writableArray(fd(a[0], FD_ALLOCATE));
          if (a[1] < 0 || a[2] <= 0) {
            throw Errno.INVAL.raise();
          }
          long end = a[1] + a[2];
          if (end < 0) {
            throw Errno.FBIG.raise();
          }
          long len = ok(f.array().len());
          if (end > len) {
            ok(f.array().setLen(end));
          }
          return Errno.SUCCESS;
        });
    fn(
        "fd_close",
        params(I32),
        (inst, a) -> {
          Descriptor d = fd(a[0]);
          fds.remove((int) a[0]);
          d.close();
          return Errno.SUCCESS;
        });
    fn("fd_datasync", params(I32), (inst, a) -> sync(notDirectory(fd(a[0], FD_DATASYNC))));
    fn(
        "fd_fdstat_get",
        params(I32, I32),
        (inst, a) -> {
          Descriptor d = fd(a[0]);
          Memory m = range(inst, (int) a[1], 24);
          int p = (int) a[1];
          m.write(p, new byte[24]);
          m.writeByte(p, (byte) d.filetype());
          m.writeShort(p + 2, (short) d.state().fdflags);
          m.writeLong(p + 8, rights(d) & d.state().rightsBase);
          m.writeLong(
              p + 16, (d instanceof DirectoryFd ? ALL_RIGHTS : 0) & d.state().rightsInheriting);
          return Errno.SUCCESS;
        });
    fn(
        "fd_fdstat_set_flags",
        params(I32, I32),
        (inst, a) -> {
          Descriptor d = notDirectory(fd(a[0], FD_FDSTAT_SET_FLAGS));
          int flags = (int) a[1] & 0xFFFF;
          if ((flags & ~(APPEND | NONBLOCK | SYNC_FLAGS)) != 0) {
            throw Errno.INVAL.raise();
          }
          d.state().fdflags = flags;
          return Errno.SUCCESS;
        });
    fn(
        "fd_fdstat_set_rights",
        params(I32, I64, I64),
        (inst, a) -> {
          Descriptor d = fd(a[0]);
          long base = rights(d) & d.state().rightsBase;
          long inheriting =
              (d instanceof DirectoryFd ? ALL_RIGHTS : 0) & d.state().rightsInheriting;
          if ((a[1] & ~base) != 0 || (a[2] & ~inheriting) != 0) {
            throw Errno.NOTCAPABLE.raise(); // rights only ever shrink
          }
          d.state().rightsBase = a[1];
          d.state().rightsInheriting = a[2];
          return Errno.SUCCESS;
        });
    fn(
        "fd_filestat_get",
        params(I32, I32),
        (inst, a) -> {
          Descriptor d = fd(a[0], FD_FILESTAT_GET);
          range(inst, (int) a[1], Filestat.SIZE);
          writeFilestat(inst, (int) a[1], filestat(d));
          return Errno.SUCCESS;
        });
    fn(
        "fd_filestat_set_size",
        params(I32, I64),
        (inst, a) -> {
          Descriptor d = fd(a[0], FD_FILESTAT_SET_SIZE);
          if (a[1] < 0) {
            throw Errno.INVAL.raise();
          }
          ok(writableArray(d).array().setLen(a[1]));
          return Errno.SUCCESS;
        });
    fn(
        "fd_filestat_set_times",
        params(I32, I64, I64, I32),
        (inst, a) -> {
          Descriptor d = fd(a[0], FD_FILESTAT_SET_TIMES);
          FileTime atime = time(a[1], (int) a[3], ATIM, ATIM_NOW);
          FileTime mtime = time(a[2], (int) a[3], MTIM, MTIM_NOW);
          if (d instanceof DirectoryFd dir) {
            dir.directory().setTimes(".", true, atime, mtime);
          } else if (d instanceof ArrayFd f && f.host().isPresent()) {
            if (!f.writable()) {
              throw Errno.BADF.raise(); // a read-only input stays as it was, times too
            }
            f.host().get().setTimes(atime, mtime);
          } else {
            return unsupported("fd_filestat_set_times on a stream", Errno.NOTSUP);
          }
          return Errno.SUCCESS;
        });
    fn(
        "fd_pread",
        params(I32, I32, I32, I64, I32),
        (inst, a) -> {
          Descriptor d = fd(a[0], FD_READ);
          int[] iovs = iovecs(inst, (int) a[1], (int) a[2]);
          range(inst, (int) a[4], 4);
          ArrayFd f = array(d);
          if (!f.readable()) {
            throw Errno.BADF.raise();
          }
          if (a[3] < 0) {
            throw Errno.INVAL.raise();
          }
          u32(inst, (int) a[4], (int) readAt(inst, f.array(), iovs, a[3]));
          return Errno.SUCCESS;
        });
    fn(
        "fd_prestat_get",
        params(I32, I32),
        (inst, a) -> {
          String name = preopen(fd(a[0]));
          Memory m = range(inst, (int) a[1], 8);
          m.writeI32((int) a[1], 0);
          m.writeI32((int) a[1] + 4, utf8(name).length);
          return Errno.SUCCESS;
        });
    fn(
        "fd_prestat_dir_name",
        params(I32, I32, I32),
        (inst, a) -> {
          byte[] name = utf8(preopen(fd(a[0])));
          Memory m = range(inst, (int) a[1], (int) a[2]);
          if (Integer.toUnsignedLong((int) a[2]) < name.length) {
            throw Errno.NAMETOOLONG.raise();
          }
          m.write((int) a[1], name);
          return Errno.SUCCESS;
        });
    fn(
        "fd_pwrite",
        params(I32, I32, I32, I64, I32),
        (inst, a) -> {
          Descriptor d = fd(a[0], FD_WRITE);
          int[] iovs = iovecs(inst, (int) a[1], (int) a[2]);
          range(inst, (int) a[4], 4);
          if (d instanceof StreamFd) {
            throw Errno.SPIPE.raise();
          }
          ArrayFd f = writableArray(d);
          if (a[3] < 0) {
            throw Errno.INVAL.raise();
          }
          u32(inst, (int) a[4], (int) writeAt(inst, f.array(), iovs, a[3]));
          return Errno.SUCCESS;
        });
    fn(
        "fd_read",
        params(I32, I32, I32, I32),
        (inst, a) -> {
          Descriptor d = fd(a[0], FD_READ);
          int[] iovs = iovecs(inst, (int) a[1], (int) a[2]);
          range(inst, (int) a[3], 4);
          u32(inst, (int) a[3], (int) read(inst, d, iovs));
          return Errno.SUCCESS;
        });
    fn(
        "fd_readdir",
        params(I32, I32, I32, I64, I32),
        (inst, a) -> {
          Descriptor d = fd(a[0], FD_READDIR);
          if (!(d instanceof DirectoryFd dir)) {
            throw Errno.NOTDIR.raise();
          }
          Memory m = range(inst, (int) a[1], (int) a[2]);
          range(inst, (int) a[4], 4);
          u32(inst, (int) a[4], readdir(m, dir, (int) a[1], (int) a[2], a[3]));
          return Errno.SUCCESS;
        });
    fn(
        "fd_renumber",
        params(I32, I32),
        (inst, a) -> {
          Descriptor from = fd(a[0]);
          Descriptor to = fd(a[1]);
          if (from != to) {
            to.close();
            fds.put((int) a[1], from);
            fds.remove((int) a[0]);
          }
          return Errno.SUCCESS;
        });
    fn(
        "fd_seek",
        params(I32, I64, I32, I32),
        (inst, a) -> {
          boolean tell = a[1] == 0 && a[2] == 1; // asks only where the offset is
          Descriptor d = fd(a[0], tell ? FD_SEEK | FD_TELL : FD_SEEK);
          range(inst, (int) a[3], 8);
          u64(inst, (int) a[3], seek(d, a[1], (int) a[2]));
          return Errno.SUCCESS;
        });
    fn("fd_sync", params(I32), (inst, a) -> sync(notDirectory(fd(a[0], FD_SYNC))));
    fn(
        "fd_tell",
        params(I32, I32),
        (inst, a) -> {
          Descriptor d = fd(a[0], FD_TELL);
          range(inst, (int) a[1], 8);
          u64(inst, (int) a[1], seek(d, 0, 1));
          return Errno.SUCCESS;
        });
    fn(
        "fd_write",
        params(I32, I32, I32, I32),
        (inst, a) -> {
          Descriptor d = fd(a[0], FD_WRITE);
          int[] iovs = iovecs(inst, (int) a[1], (int) a[2]);
          range(inst, (int) a[3], 4);
          u32(inst, (int) a[3], (int) write(inst, d, iovs));
          return Errno.SUCCESS;
        });
    fn(
        "path_create_directory",
        params(I32, I32, I32),
        (inst, a) -> {
          dir(a[0], PATH_CREATE_DIRECTORY).createDirectory(path(inst, a[1], a[2]));
          return Errno.SUCCESS;
        });
    fn(
        "path_filestat_get",
        params(I32, I32, I32, I32, I32),
        (inst, a) -> {
          Directory dir = dir(a[0], PATH_FILESTAT_GET);
          String path = path(inst, a[2], a[3]);
          range(inst, (int) a[4], Filestat.SIZE);
          writeFilestat(inst, (int) a[4], dir.stat(path, ((int) a[1] & SYMLINK_FOLLOW) != 0));
          return Errno.SUCCESS;
        });
    fn(
        "path_filestat_set_times",
        params(I32, I32, I32, I32, I64, I64, I32),
        (inst, a) -> {
          Directory dir = dir(a[0], PATH_FILESTAT_SET_TIMES);
          String path = path(inst, a[2], a[3]);
          FileTime atime = time(a[4], (int) a[6], ATIM, ATIM_NOW);
          FileTime mtime = time(a[5], (int) a[6], MTIM, MTIM_NOW);
          dir.setTimes(path, ((int) a[1] & SYMLINK_FOLLOW) != 0, atime, mtime);
          return Errno.SUCCESS;
        });
    fn(
        "path_link",
        params(I32, I32, I32, I32, I32, I32, I32),
        (inst, a) -> {
          Directory from = dir(a[0], PATH_LINK_SOURCE);
          String old = path(inst, a[2], a[3]);
          Directory to = dir(a[4], PATH_LINK_TARGET);
          String path = path(inst, a[5], a[6]);
          if (((int) a[1] & SYMLINK_FOLLOW) != 0) {
            throw Errno.INVAL.raise(); // as wasmtime: a hard link is made to what is named
          }
          from.link(old, false, to, path);
          return Errno.SUCCESS;
        });
    fn(
        "path_open",
        params(I32, I32, I32, I32, I32, I64, I64, I32, I32),
        (inst, a) -> {
          int oflags = (int) a[4] & 0xFFFF;
          Directory dir = dir(a[0], PATH_OPEN | ((oflags & O_CREAT) != 0 ? PATH_CREATE_FILE : 0));
          String path = path(inst, a[2], a[3]);
          range(inst, (int) a[8], 4);
          int fdflags = (int) a[7] & 0xFFFF;
          if ((oflags & ~(O_CREAT | O_DIRECTORY | O_EXCL | O_TRUNC)) != 0
              || (fdflags & ~(APPEND | NONBLOCK | SYNC_FLAGS)) != 0) {
            throw Errno.INVAL.raise();
          }
          if ((oflags & O_DIRECTORY) != 0 && (oflags & (O_CREAT | O_TRUNC)) != 0) {
            throw Errno.INVAL.raise();
          }
          long rights = a[5] & fd(a[0]).state().rightsInheriting;
          boolean exclusive = (oflags & O_CREAT) != 0 && (oflags & O_EXCL) != 0;
          OpenRequest request =
              new OpenRequest(
                  path,
                  ((int) a[1] & SYMLINK_FOLLOW) != 0 && !exclusive, // O_EXCL follows no link
                  (oflags & O_CREAT) != 0,
                  (oflags & O_DIRECTORY) != 0,
                  (oflags & O_EXCL) != 0,
                  (oflags & O_TRUNC) != 0,
                  (rights & (FD_READ | FD_READDIR)) != 0,
                  (rights & FD_WRITE) != 0,
                  fdflags);
          u32(inst, (int) a[8], add(dir.open(request)));
          return Errno.SUCCESS;
        });
    fn(
        "path_readlink",
        params(I32, I32, I32, I32, I32, I32),
        (inst, a) -> {
          Directory dir = dir(a[0], PATH_READLINK);
          String path = path(inst, a[1], a[2]);
          Memory m = range(inst, (int) a[3], (int) a[4]);
          range(inst, (int) a[5], 4);
          byte[] target = utf8(dir.readlink(path));
          int n = (int) Math.min(target.length, Integer.toUnsignedLong((int) a[4]));
          m.write((int) a[3], target, 0, n);
          u32(inst, (int) a[5], n);
          return Errno.SUCCESS;
        });
    fn(
        "path_remove_directory",
        params(I32, I32, I32),
        (inst, a) -> {
          dir(a[0], PATH_REMOVE_DIRECTORY).removeDirectory(path(inst, a[1], a[2]));
          return Errno.SUCCESS;
        });
    fn(
        "path_rename",
        params(I32, I32, I32, I32, I32, I32),
        (inst, a) -> {
          Directory from = dir(a[0], PATH_RENAME_SOURCE);
          String old = path(inst, a[1], a[2]);
          Directory to = dir(a[3], PATH_RENAME_TARGET);
          from.rename(old, to, path(inst, a[4], a[5]));
          return Errno.SUCCESS;
        });
    fn(
        "path_symlink",
        params(I32, I32, I32, I32, I32),
        (inst, a) -> {
          String target = path(inst, a[0], a[1]);
          dir(a[2], PATH_SYMLINK).symlink(target, path(inst, a[3], a[4]));
          return Errno.SUCCESS;
        });
    fn(
        "path_unlink_file",
        params(I32, I32, I32),
        (inst, a) -> {
          dir(a[0], PATH_UNLINK_FILE).unlinkFile(path(inst, a[1], a[2]));
          return Errno.SUCCESS;
        });
    fn(
        "poll_oneoff",
        params(I32, I32, I32, I32),
        (inst, a) -> pollOneoff(inst, (int) a[0], (int) a[1], (int) a[2], (int) a[3]));
    functions.add(
        new HostFunction(
            MODULE,
            "proc_exit",
            FunctionType.of(params(I32), List.of()),
            (inst, a) -> {
              throw new Exit((int) a[0]);
            }));
    fn("proc_raise", params(I32), (inst, a) -> unsupported("proc_raise", Errno.NOSYS));
    fn(
        "sched_yield",
        params(),
        (inst, a) -> {
          Thread.yield();
          return Errno.SUCCESS;
        });
    fn(
        "random_get",
        params(I32, I32),
        (inst, a) -> {
          Memory m = range(inst, (int) a[0], (int) a[1]);
          long len = Integer.toUnsignedLong((int) a[1]);
          for (long done = 0; done < len; ) {
            int n = (int) Math.min(len - done, 1 << 16);
            byte[] bytes = new byte[n];
            options.random().nextBytes(bytes);
            m.write((int) (Integer.toUnsignedLong((int) a[0]) + done), bytes);
            done += n;
          }
          return Errno.SUCCESS;
        });
    fn(
        "sock_accept",
        params(I32, I32, I32),
        (inst, a) -> {
          Descriptor d = fd(a[0]);
          range(inst, (int) a[2], 4);
          int flags = (int) a[1] & 0xFFFF;
          if ((flags & ~NONBLOCK) != 0) {
            throw Errno.INVAL.raise();
          }
          if (!(d instanceof ListenerFd listener)) {
            throw (isSocket(d) ? Errno.INVAL : Errno.NOTSOCK).raise();
          }
          u32(inst, (int) a[2], add(accept(listener, flags)));
          return Errno.SUCCESS;
        });
    fn(
        "sock_recv",
        params(I32, I32, I32, I32, I32, I32),
        (inst, a) -> {
          Descriptor d = fd(a[0], FD_READ);
          int[] iovs = iovecs(inst, (int) a[1], (int) a[2]);
          range(inst, (int) a[4], 4);
          range(inst, (int) a[5], 2);
          if (!isSocket(d)) {
            throw Errno.NOTSOCK.raise();
          }
          int flags = (int) a[3] & 0xFFFF;
          if ((flags & 1) != 0) {
            return unsupported("sock_recv with RECV_PEEK", Errno.NOTSUP);
          }
          long n = read(inst, d, iovs);
          if ((flags & 2) != 0) { // RECV_WAITALL
            long total = total(inst, iovs);
            while (n > 0 && n < total) {
              long more = read(inst, d, skip(inst, iovs, n));
              if (more == 0) {
                break;
              }
              n += more;
            }
          }
          u32(inst, (int) a[4], (int) n);
          range(inst, (int) a[5], 2).writeShort((int) a[5], (short) 0);
          return Errno.SUCCESS;
        });
    fn(
        "sock_send",
        params(I32, I32, I32, I32, I32),
        (inst, a) -> {
          Descriptor d = fd(a[0], FD_WRITE);
          int[] iovs = iovecs(inst, (int) a[1], (int) a[2]);
          range(inst, (int) a[4], 4);
          if (!isSocket(d)) {
            throw Errno.NOTSOCK.raise();
          }
          u32(inst, (int) a[4], (int) write(inst, d, iovs));
          return Errno.SUCCESS;
        });
    fn(
        "sock_shutdown",
        params(I32, I32),
        (inst, a) -> {
          Descriptor d = fd(a[0]);
          if (!isSocket(d) || !(d instanceof StreamFd s)) {
            throw Errno.NOTSOCK.raise();
          }
          int how = (int) a[1];
          if (how < 1 || how > 3) {
            throw Errno.INVAL.raise();
          }
          if ((how & 1) != 0 && !s.state().inputShut) {
            s.state().inputShut = true;
            s.input().ifPresent(Input::close);
          }
          if ((how & 2) != 0 && !s.state().outputShut) {
            s.state().outputShut = true;
            s.output()
                .ifPresent(
                    o -> {
                      o.flush();
                      o.close();
                    });
          }
          return Errno.SUCCESS;
        });
  }

  // Descriptors.

  private Descriptor fd(long fd) {
    Descriptor d = fds.get((int) fd);
    if (d == null) {
      throw Errno.BADF.raise();
    }
    return d;
  }

  /**
   * The descriptor, if it still has {@code right}: one that {@code fd_fdstat_set_rights} took away
   * is {@code ENOTCAPABLE}, or {@code EBADF} for reading and writing as POSIX has it for a
   * descriptor not open for them (the rights a descriptor starts with follow from its kind and how
   * it was opened, and are enforced by the kind itself).
   */
  private Descriptor fd(long fd, long right) {
    Descriptor d = fd(fd);
    if ((rights(d) & ~d.state().rightsBase & right) != 0) { // the kind had it, and it was dropped
      throw ((right & (FD_READ | FD_WRITE)) != 0 ? Errno.BADF : Errno.NOTCAPABLE).raise();
    }
    return d;
  }

  private Directory dir(long fd, long right) {
    if (fd(fd) instanceof DirectoryFd d) {
      fd(fd, right);
      return d.directory();
    }
    throw Errno.NOTDIR.raise();
  }

  private static ArrayFd array(Descriptor d) {
    if (d instanceof ArrayFd f) {
      return f;
    }
    throw (d instanceof StreamFd ? Errno.SPIPE : Errno.BADF).raise();
  }

  private static ArrayFd writableArray(Descriptor d) {
    if (!(d instanceof ArrayFd f)) {
      throw (d instanceof StreamFd ? Errno.INVAL : Errno.BADF).raise();
    }
    if (!f.writable()) {
      throw Errno.BADF.raise();
    }
    return f;
  }

  /** Operations on a file's data are {@code EBADF} on a directory, as wasmtime has them. */
  private static Descriptor notDirectory(Descriptor d) {
    if (d instanceof DirectoryFd) {
      throw Errno.BADF.raise();
    }
    return d;
  }

  private static String preopen(Descriptor d) {
    if (d instanceof DirectoryFd dir && dir.preopen().isPresent()) {
      return dir.preopen().get();
    }
    throw Errno.BADF.raise();
  }

  private static boolean isSocket(Descriptor d) {
    return d.filetype() == Filestat.SOCKET_STREAM;
  }

  private static long rights(Descriptor d) {
    if (d instanceof StreamFd s) {
      long r = FD_FDSTAT_SET_FLAGS | FD_FILESTAT_GET | POLL_FD_READWRITE;
      r |= s.input().isPresent() ? FD_READ : 0;
      r |= s.output().isPresent() ? FD_WRITE : 0;
      return r | (isSocket(d) ? SOCK_SHUTDOWN : 0);
    }
    if (d instanceof ArrayFd f) {
      return FILE_RIGHTS
          | (f.readable() ? FD_READ : 0)
          | (f.writable() ? FD_WRITE | FD_ALLOCATE | FD_FILESTAT_SET_SIZE : 0);
    }
    if (d instanceof DirectoryFd) {
      return DIRECTORY_RIGHTS;
    }
    return SOCK_ACCEPT | FD_FDSTAT_SET_FLAGS | FD_FILESTAT_GET | POLL_FD_READWRITE;
  }

  private Filestat filestat(Descriptor d) {
    if (d instanceof ArrayFd f) {
      long size = ok(f.array().len());
      // Renamed or removed meanwhile: the I/O type still says what it is.
      return f.host()
          .flatMap(HostFile::stat)
          .map(s -> s.withSize(size))
          .orElseGet(() -> Filestat.of(Filestat.REGULAR_FILE, size));
    }
    if (d instanceof DirectoryFd dir) {
      return dir.directory().statSelf();
    }
    return Filestat.of(d.filetype(), 0);
  }

  private Errno sync(Descriptor d) {
    if (d instanceof ArrayFd f) {
      ok(f.array().flush());
    } else if (d instanceof StreamFd s && s.output().isPresent()) {
      ok(s.output().get().flush());
    }
    return Errno.SUCCESS;
  }

  private long seek(Descriptor d, long offset, int whence) {
    if (d instanceof StreamFd || d instanceof ListenerFd) {
      throw Errno.SPIPE.raise();
    }
    if (!(d instanceof ArrayFd f)) {
      throw Errno.BADF.raise();
    }
    long base =
        switch (whence) {
          case 0 -> 0;
          case 1 -> f.state().position;
          case 2 -> ok(f.array().len());
          default -> throw Errno.INVAL.raise();
        };
    long target = base + offset;
    if ((offset > 0 && target < base) || target < 0) {
      throw Errno.INVAL.raise();
    }
    f.state().position = target;
    return target;
  }

  private Descriptor accept(ListenerFd listener, int flags) {
    boolean nonblocking = ((flags | listener.state().fdflags) & NONBLOCK) != 0;
    try {
      SocketChannel socket = listener.state().accepted;
      listener.state().accepted = null;
      if (socket == null) {
        socket = tryAccept(listener, !nonblocking);
      }
      if (socket == null) {
        throw Errno.AGAIN.raise();
      }
      socket.configureBlocking(true);
      Connection c = IoTypes.connection(socket, Origin.NONE);
      return new StreamFd(
          Optional.of(c.input()),
          Optional.of(c.output()),
          Filestat.SOCKET_STREAM,
          true,
          new State(flags));
    } catch (IOException e) {
      throw Errno.of(e).raise();
    }
  }

  /** Accepts a connection, or returns null at once if none waits and {@code block} is false. */
  private static SocketChannel tryAccept(ListenerFd listener, boolean block) throws IOException {
    synchronized (listener.channel().blockingLock()) {
      listener.channel().configureBlocking(block);
      try {
        return listener.channel().accept();
      } finally {
        listener.channel().configureBlocking(true);
      }
    }
  }

  // Reading and writing.

  private long read(Instance inst, Descriptor d, int[] iovs) {
    if (d instanceof ArrayFd f) {
      if (!f.readable()) {
        throw Errno.BADF.raise();
      }
      long n = readAt(inst, f.array(), iovs, f.state().position);
      f.state().position += n;
      return n;
    }
    if (!(d instanceof StreamFd s) || s.input().isEmpty()) {
      throw Errno.BADF.raise();
    }
    if (s.state().inputShut) {
      return 0;
    }
    int i = 0;
    while (i < iovs.length && iovs[i + 1] == 0) {
      i += 2;
    }
    if (i == iovs.length) {
      return 0;
    }
    GuestMemory.Reader reader;
    if ((s.state().fdflags & NONBLOCK) != 0) {
      ReadAhead ahead = readAhead(s);
      ahead.request();
      if (!ahead.ready()) {
        throw Errno.AGAIN.raise();
      }
      reader = ahead::read;
    } else if (readAheads.started(s.input().get())) {
      reader = readAhead(s)::read;
    } else {
      reader = s.input().get()::read;
    }
    Outcome o = buffers.read(memory(inst), iovs[i], iovs[i + 1], reader);
    if (o.isFailed() && o.count() == 0) {
      throw Errno.of(o).raise();
    }
    return o.count();
  }

  private long readAt(Instance inst, IoArray array, int[] iovs, long offset) {
    Memory m = memory(inst);
    long total = 0;
    for (int i = 0; i < iovs.length; i += 2) {
      long len = Integer.toUnsignedLong(iovs[i + 1]);
      long done = 0;
      while (done < len) {
        int want = (int) Math.min(len - done, GuestMemory.CHUNK);
        long at = offset + total;
        Outcome o =
            buffers.read(
                m, (int) (Integer.toUnsignedLong(iovs[i]) + done), want, b -> array.readAt(b, at));
        done += o.count();
        total += o.count();
        if (o.isFailed()) {
          if (total == 0) {
            throw Errno.of(o).raise();
          }
          return total;
        }
        if (o.count() < want) {
          return total;
        }
      }
    }
    return total;
  }

  private long write(Instance inst, Descriptor d, int[] iovs) {
    if (d instanceof ArrayFd f) {
      if (!f.writable()) {
        throw Errno.BADF.raise();
      }
      long at = (f.state().fdflags & APPEND) != 0 ? ok(f.array().len()) : f.state().position;
      long n = writeAt(inst, f.array(), iovs, at);
      f.state().position = at + n;
      if ((f.state().fdflags & SYNC_FLAGS) != 0) {
        ok(f.array().flush());
      }
      return n;
    }
    if (!(d instanceof StreamFd s) || s.output().isEmpty()) {
      throw Errno.BADF.raise();
    }
    if (s.state().outputShut) {
      throw Errno.PIPE.raise();
    }
    Output out = s.output().get();
    Memory m = memory(inst);
    long total = 0;
    for (int i = 0; i < iovs.length; i += 2) {
      Outcome o = GuestMemory.write(m, iovs[i], iovs[i + 1], out);
      total += o.count();
      if (o.isFailed()) {
        if (total == 0) {
          throw Errno.of(o).raise();
        }
        return total;
      }
    }
    return total;
  }

  private long writeAt(Instance inst, IoArray array, int[] iovs, long offset) {
    Memory m = memory(inst);
    long total = 0;
    for (int i = 0; i < iovs.length; i += 2) {
      if (offset + total + Integer.toUnsignedLong(iovs[i + 1]) < 0) { // past 2^63 - 1
        if (total == 0) {
          throw Errno.FBIG.raise();
        }
        return total;
      }
      long at = offset + total;
      Outcome o =
          GuestMemory.write(m, iovs[i], iovs[i + 1], (src, done) -> array.writeAt(src, at + done));
      total += o.count();
      if (o.isFailed()) {
        if (total == 0) {
          throw Errno.of(o).raise();
        }
        return total;
      }
    }
    return total;
  }

  private ReadAhead readAhead(StreamFd s) {
    return readAheads.of(s.input().orElseThrow());
  }

  private int readdir(Memory m, DirectoryFd dir, int buf, int bufLen, long cookie) {
    State state = dir.state();
    if (cookie == 0 || state.listing.isEmpty()) {
      state.listing = dir.directory().list();
    }
    List<Dirent> entries = state.listing;
    long len = Integer.toUnsignedLong(bufLen);
    long used = 0;
    for (long i = cookie; i >= 0 && i < entries.size() && used < len; i++) {
      Dirent e = entries.get((int) i);
      byte[] name = e.utf8();
      ByteBuffer entry =
          ByteBuffer.allocate(24 + name.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      entry.putLong(i + 1).putLong(e.ino()).putInt(name.length).put((byte) e.filetype());
      entry.put(new byte[3]).put(name);
      int n = (int) Math.min(entry.capacity(), len - used);
      m.write((int) (Integer.toUnsignedLong(buf) + used), entry.array(), 0, n);
      used += n;
    }
    return (int) used;
  }

  // poll_oneoff.

  private Errno pollOneoff(Instance inst, int in, int out, int count, int neventsPtr) {
    if (count == 0) {
      throw Errno.INVAL.raise();
    }
    long n = Integer.toUnsignedLong(count);
    if (n > 4096) {
      throw Errno.INVAL.raise();
    }
    Memory m = range(inst, in, n * 48);
    range(inst, out, n * 32);
    range(inst, neventsPtr, 4);
    long now = monotonic();
    long[] deadlines = new long[count];
    long[] userdata = new long[count];
    int[] tags = new int[count];
    Descriptor[] targets = new Descriptor[count];
    int[] errors = new int[count];
    for (int i = 0; i < count; i++) {
      int s = in + i * 48;
      userdata[i] = m.readLong(s);
      tags[i] = m.read(s + 8) & 0xFF;
      deadlines[i] = Long.MAX_VALUE;
      if (tags[i] == 0) {
        int clock = m.readInt(s + 16);
        long timeout = m.readLong(s + 24);
        boolean absolute = (m.readShort(s + 40) & 1) != 0;
        if (clock < 0 || clock > 3) {
          errors[i] = Errno.INVAL.code();
        } else if (!absolute) {
          deadlines[i] = saturatedAdd(now, timeout);
        } else {
          long clockNow = now(clock);
          deadlines[i] = saturatedAdd(now, Math.max(0, timeout - clockNow));
        }
      } else if (tags[i] == 1 || tags[i] == 2) {
        Descriptor d = fds.get(m.readInt(s + 16));
        if (d == null) {
          errors[i] = Errno.BADF.code();
        } else if (d instanceof DirectoryFd) {
          errors[i] = Errno.BADF.code();
        } else {
          targets[i] = d;
        }
      } else {
        errors[i] = Errno.INVAL.code();
      }
    }
    synchronized (signal) {
      while (true) {
        long t = monotonic();
        List<long[]> events = new ArrayList<>();
        long next = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
          if (errors[i] != 0) {
            events.add(new long[] {userdata[i], errors[i], tags[i], 0, 0});
          } else if (tags[i] == 0) {
            if (t >= deadlines[i]) {
              events.add(new long[] {userdata[i], 0, 0, 0, 0});
            }
            next = Math.min(next, deadlines[i]);
          } else {
            long[] ready = readiness(targets[i], tags[i]);
            if (ready != null) {
              events.add(new long[] {userdata[i], 0, tags[i], ready[0], ready[1]});
            }
          }
        }
        if (!events.isEmpty()) {
          m.write(out, new byte[events.size() * 32]);
          for (int e = 0; e < events.size(); e++) {
            long[] ev = events.get(e);
            int p = out + e * 32;
            m.writeLong(p, ev[0]);
            m.writeShort(p + 8, (short) ev[1]);
            m.writeByte(p + 10, (byte) ev[2]);
            m.writeLong(p + 16, ev[3]);
            m.writeShort(p + 24, (short) ev[4]);
          }
          m.writeI32(neventsPtr, events.size());
          return Errno.SUCCESS;
        }
        long wait = next == Long.MAX_VALUE ? 100_000_000L : Math.min(next - t, 100_000_000L);
        try {
          TimeUnit.NANOSECONDS.timedWait(signal, Math.max(wait, 1));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw Errno.INTR.raise();
        }
      }
    }
  }

  /** {nbytes, flags} if ready, else null. */
  private long[] readiness(Descriptor d, int tag) {
    if (tag == 2) {
      return new long[] {0, 0}; // a write takes everything it is given, blocking if it must
    }
    if (d instanceof ArrayFd f) {
      return new long[] {Math.max(0, ok(f.array().len()) - f.state().position), 0};
    }
    if (d instanceof ListenerFd listener) {
      if (listener.state().accepted == null) {
        try {
          listener.state().accepted = tryAccept(listener, false);
        } catch (IOException e) {
          return new long[] {0, 1};
        }
      }
      return listener.state().accepted == null ? null : new long[] {1, 0};
    }
    if (d instanceof StreamFd s && s.input().isPresent() && !s.state().inputShut) {
      ReadAhead ahead = readAhead(s);
      ahead.request();
      if (!ahead.ready()) {
        return null;
      }
      int available = ahead.available();
      return new long[] {available, available == 0 ? 1 : 0}; // FD_READWRITE_HANGUP at the end
    }
    return new long[] {0, 0};
  }

  // Clocks.

  private long now(int clock) {
    return switch (clock) {
      case 0 -> {
        Instant i = options.clock().instant();
        yield i.getEpochSecond() * 1_000_000_000L + i.getNano();
      }
      case 1 -> monotonic();
      case 2 -> processCpuNanos();
      case 3 -> ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      default -> throw Errno.INVAL.raise();
    };
  }

  private long monotonic() {
    return options.monotonicNanos().getAsLong() - monotonicOrigin;
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      long t = os.getProcessCpuTime();
      if (t >= 0) {
        return t;
      }
    }
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return (b > 0 && r < a) || b < 0 ? Long.MAX_VALUE : r;
  }

  private FileTime time(long value, int flags, int set, int now) {
    if ((flags & ~(ATIM | ATIM_NOW | MTIM | MTIM_NOW)) != 0
        || ((flags & set) != 0 && (flags & now) != 0)) {
      throw Errno.INVAL.raise();
    }
    if ((flags & now) != 0) {
      return FileTime.from(options.clock().instant());
    }
    return (flags & set) != 0 ? FileTime.from(value, TimeUnit.NANOSECONDS) : null;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The count of a successful outcome; a failed one raises its errno. */
  private static long ok(Outcome o) {
    if (o.isFailed()) {
      throw Errno.of(o).raise();
    }
    return o.count();
  }

  private Errno unsupported(String what, Errno errno) {
    if (options.verbose()) {
      options.stderr().write(ByteBuffer.wrap(utf8("iotypes: " + what + " is not supported\n")));
    }
    return errno;
  }

  // Declaration.

  /** A host function body: returns the errno, or raises it. */
  @FunctionalInterface
  private interface Body {
    Errno apply(Instance instance, long[] args);
  }

  private void fn(String name, List<ValType> params, Body body) {
    WasmFunctionHandle handle =
        (instance, args) -> {
          watchdog.enter(name);
          Errno errno;
          try {
            errno = body.apply(instance, args);
          } catch (Exit | LimitReached e) {
            throw e;
          } catch (RuntimeException e) {
            errno = Errno.of(e);
            if (errno == Errno.NOSYS) {
              unsupported(name, errno);
            }
          } finally {
            watchdog.exit(name);
          }
          return new long[] {errno.code()};
        };
    functions.add(new HostFunction(MODULE, name, FunctionType.of(params, List.of(I32)), handle));
  }

  private static List<ValType> params(ValType... types) {
    return List.of(types);
  }
}
