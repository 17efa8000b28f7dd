package dev.iotypes.wasi;

import static dev.iotypes.wasi.Errno.ok;
import static dev.iotypes.wasi.Fds.array;
import static dev.iotypes.wasi.Fds.notDirectory;
import static dev.iotypes.wasi.Fds.preopen;
import static dev.iotypes.wasi.Fds.writableArray;
import static dev.iotypes.wasi.Flags.APPEND;
import static dev.iotypes.wasi.Flags.ATIM;
import static dev.iotypes.wasi.Flags.ATIM_NOW;
import static dev.iotypes.wasi.Flags.MTIM;
import static dev.iotypes.wasi.Flags.MTIM_NOW;
import static dev.iotypes.wasi.Flags.NONBLOCK;
import static dev.iotypes.wasi.Flags.SYNC_FLAGS;
import static dev.iotypes.wasi.Rights.ALL_RIGHTS;
import static dev.iotypes.wasi.Rights.FD_ADVISE;
import static dev.iotypes.wasi.Rights.FD_ALLOCATE;
import static dev.iotypes.wasi.Rights.FD_DATASYNC;
import static dev.iotypes.wasi.Rights.FD_FDSTAT_SET_FLAGS;
import static dev.iotypes.wasi.Rights.FD_FILESTAT_GET;
import static dev.iotypes.wasi.Rights.FD_FILESTAT_SET_SIZE;
import static dev.iotypes.wasi.Rights.FD_FILESTAT_SET_TIMES;
import static dev.iotypes.wasi.Rights.FD_READ;
import static dev.iotypes.wasi.Rights.FD_READDIR;
import static dev.iotypes.wasi.Rights.FD_SEEK;
import static dev.iotypes.wasi.Rights.FD_SYNC;
import static dev.iotypes.wasi.Rights.FD_TELL;
import static dev.iotypes.wasi.Rights.FD_WRITE;
import static dev.iotypes.wasi.WasiMemory.iovecs;
import static dev.iotypes.wasi.WasiMemory.range;
import static dev.iotypes.wasi.WasiMemory.u32;
import static dev.iotypes.wasi.WasiMemory.u64;
import static dev.iotypes.wasi.WasiMemory.writeFilestat;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import dev.iotypes.wasi.Descriptor.ArrayFd;
import dev.iotypes.wasi.Descriptor.DirectoryFd;
import dev.iotypes.wasi.Descriptor.ListenerFd;
import dev.iotypes.wasi.Descriptor.State;
import dev.iotypes.wasi.Descriptor.StreamFd;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.List;

/** The preview1 calls on an open descriptor ({@code fd_*}), in the witx order. */
final class FdCalls {
  private final WasiOptions options;
  private final Fds fds;
  private final Clocks clocks;
  private final ReadWrite io;

  FdCalls(WasiOptions options, Fds fds, Clocks clocks, ReadWrite io) {
    this.options = options;
    this.fds = fds;
    this.clocks = clocks;
    this.io = io;
  }

  Errno fdAdvise(Instance inst, int fd, long offset, long len, int advice) {
    Descriptor d = fds.get(fd, FD_ADVISE);
    if (offset < 0 || len < 0) {
      throw Errno.INVAL.raise();
    }
    array(d).array().advise(offset, len, WasiAdvice.of(advice));
    return Errno.SUCCESS;
  }

  Errno fdAllocate(Instance inst, int fd, long offset, long len) {
    ArrayFd f = writableArray(fds.get(fd, FD_ALLOCATE));
    if (offset < 0 || len <= 0) {
      throw Errno.INVAL.raise();
    }
    long end = offset + len;
    if (end < 0) {
      throw Errno.FBIG.raise();
    }
    if (end > ok(f.array().len())) {
      ok(f.array().setLen(end));
    }
    return Errno.SUCCESS;
  }

  Errno fdClose(Instance inst, int fd) {
    fds.close(fd);
    return Errno.SUCCESS;
  }

  Errno fdDatasync(Instance inst, int fd) {
    return sync(notDirectory(fds.get(fd, FD_DATASYNC)));
  }

  Errno fdFdstatGet(Instance inst, int fd, int statPtr) {
    Descriptor d = fds.get(fd);
    Memory m = range(inst, statPtr, 24);
    m.write(statPtr, new byte[24]);
    m.writeByte(statPtr, (byte) d.filetype());
    m.writeShort(statPtr + 2, (short) d.state().fdflags);
    m.writeLong(statPtr + 8, Rights.of(d) & d.state().rightsBase);
    m.writeLong(statPtr + 16, inheritable(d) & d.state().rightsInheriting);
    return Errno.SUCCESS;
  }

  Errno fdFdstatSetFlags(Instance inst, int fd, int fdflags) {
    Descriptor d = notDirectory(fds.get(fd, FD_FDSTAT_SET_FLAGS));
    int flags = fdflags & 0xFFFF;
    if ((flags & ~(APPEND | NONBLOCK | SYNC_FLAGS)) != 0) {
      throw Errno.INVAL.raise();
    }
    d.state().fdflags = flags;
    return Errno.SUCCESS;
  }

  Errno fdFdstatSetRights(Instance inst, int fd, long base, long inheriting) {
    Descriptor d = fds.get(fd);
    long had = Rights.of(d) & d.state().rightsBase;
    long hadInheriting = inheritable(d) & d.state().rightsInheriting;
    if ((base & ~had) != 0 || (inheriting & ~hadInheriting) != 0) {
      throw Errno.NOTCAPABLE.raise(); // rights only ever shrink
    }
    d.state().rightsBase = base;
    d.state().rightsInheriting = inheriting;
    return Errno.SUCCESS;
  }

  Errno fdFilestatGet(Instance inst, int fd, int statPtr) {
    Descriptor d = fds.get(fd, FD_FILESTAT_GET);
    range(inst, statPtr, Filestat.SIZE);
    writeFilestat(inst, statPtr, filestat(d));
    return Errno.SUCCESS;
  }

  Errno fdFilestatSetSize(Instance inst, int fd, long size) {
    Descriptor d = fds.get(fd, FD_FILESTAT_SET_SIZE);
    if (size < 0) {
      throw Errno.INVAL.raise();
    }
    ok(writableArray(d).array().setLen(size));
    return Errno.SUCCESS;
  }

  Errno fdFilestatSetTimes(Instance inst, int fd, long atim, long mtim, int fstflags) {
    Descriptor d = fds.get(fd, FD_FILESTAT_SET_TIMES);
    FileTime atime = clocks.time(atim, fstflags, ATIM, ATIM_NOW);
    FileTime mtime = clocks.time(mtim, fstflags, MTIM, MTIM_NOW);
    if (d instanceof DirectoryFd dir) {
      dir.directory().setTimes(".", true, atime, mtime);
    } else if (d instanceof ArrayFd f && f.host().isPresent()) {
      if (!f.writable()) {
        throw Errno.BADF.raise(); // a read-only input stays as it was, times too
      }
      f.host().get().setTimes(atime, mtime);
    } else {
      return WasiPreview1.unsupported(options, "fd_filestat_set_times on a stream", Errno.NOTSUP);
    }
    return Errno.SUCCESS;
  }

  Errno fdPread(Instance inst, int fd, int iovs, int iovsLen, long offset, int nreadPtr) {
    Descriptor d = fds.get(fd, FD_READ);
    int[] buffers = iovecs(inst, iovs, iovsLen);
    range(inst, nreadPtr, 4);
    ArrayFd f = array(d);
    if (!f.readable()) {
      throw Errno.BADF.raise();
    }
    if (offset < 0) {
      throw Errno.INVAL.raise();
    }
    u32(inst, nreadPtr, (int) io.readAt(inst, f.array(), buffers, offset));
    return Errno.SUCCESS;
  }

  Errno fdPrestatGet(Instance inst, int fd, int prestatPtr) {
    String name = preopen(fds.get(fd));
    Memory m = range(inst, prestatPtr, 8);
    m.writeI32(prestatPtr, 0);
    m.writeI32(prestatPtr + 4, utf8(name).length);
    return Errno.SUCCESS;
  }

  Errno fdPrestatDirName(Instance inst, int fd, int path, int pathLen) {
    byte[] name = utf8(preopen(fds.get(fd)));
    Memory m = range(inst, path, pathLen);
    if (Integer.toUnsignedLong(pathLen) < name.length) {
      throw Errno.NAMETOOLONG.raise();
    }
    m.write(path, name);
    return Errno.SUCCESS;
  }

  Errno fdPwrite(Instance inst, int fd, int iovs, int iovsLen, long offset, int nwrittenPtr) {
    Descriptor d = fds.get(fd, FD_WRITE);
    int[] buffers = iovecs(inst, iovs, iovsLen);
    range(inst, nwrittenPtr, 4);
    if (d instanceof StreamFd) {
      throw Errno.SPIPE.raise();
    }
    ArrayFd f = writableArray(d);
    if (offset < 0) {
      throw Errno.INVAL.raise();
    }
    u32(inst, nwrittenPtr, (int) io.writeAt(inst, f.array(), buffers, offset));
    return Errno.SUCCESS;
  }

  Errno fdRead(Instance inst, int fd, int iovs, int iovsLen, int nreadPtr) {
    Descriptor d = fds.get(fd, FD_READ);
    int[] buffers = iovecs(inst, iovs, iovsLen);
    range(inst, nreadPtr, 4);
    u32(inst, nreadPtr, (int) io.read(inst, d, buffers));
    return Errno.SUCCESS;
  }

  Errno fdReaddir(Instance inst, int fd, int buf, int bufLen, long cookie, int bufusedPtr) {
    Descriptor d = fds.get(fd, FD_READDIR);
    if (!(d instanceof DirectoryFd dir)) {
      throw Errno.NOTDIR.raise();
    }
    Memory m = range(inst, buf, bufLen);
    range(inst, bufusedPtr, 4);
    u32(inst, bufusedPtr, readdir(m, dir, buf, bufLen, cookie));
    return Errno.SUCCESS;
  }

  Errno fdRenumber(Instance inst, int fd, int to) {
    fds.renumber(fd, to);
    return Errno.SUCCESS;
  }

  Errno fdSeek(Instance inst, int fd, long offset, int whence, int newOffsetPtr) {
    boolean tell = offset == 0 && whence == 1; // asks only where the offset is
    Descriptor d = fds.get(fd, tell ? FD_SEEK | FD_TELL : FD_SEEK);
    range(inst, newOffsetPtr, 8);
    u64(inst, newOffsetPtr, seek(d, offset, whence));
    return Errno.SUCCESS;
  }

  Errno fdSync(Instance inst, int fd) {
    return sync(notDirectory(fds.get(fd, FD_SYNC)));
  }

  Errno fdTell(Instance inst, int fd, int offsetPtr) {
    Descriptor d = fds.get(fd, FD_TELL);
    range(inst, offsetPtr, 8);
    u64(inst, offsetPtr, seek(d, 0, 1));
    return Errno.SUCCESS;
  }

  Errno fdWrite(Instance inst, int fd, int iovs, int iovsLen, int nwrittenPtr) {
    Descriptor d = fds.get(fd, FD_WRITE);
    int[] buffers = iovecs(inst, iovs, iovsLen);
    range(inst, nwrittenPtr, 4);
    u32(inst, nwrittenPtr, (int) io.write(inst, d, buffers));
    return Errno.SUCCESS;
  }

  /** Only a directory passes rights on to what is opened beneath it. */
  private static long inheritable(Descriptor d) {
    return d instanceof DirectoryFd ? ALL_RIGHTS : 0;
  }

  private static Filestat filestat(Descriptor d) {
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

  private static Errno sync(Descriptor d) {
    if (d instanceof ArrayFd f) {
      ok(f.array().flush());
    } else if (d instanceof StreamFd s && s.output().isPresent()) {
      ok(s.output().get().flush());
    }
    return Errno.SUCCESS;
  }

  private static long seek(Descriptor d, long offset, int whence) {
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

  private static int readdir(Memory m, DirectoryFd dir, int buf, int bufLen, long cookie) {
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

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
