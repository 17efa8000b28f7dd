package dev.iotypes.wasi;

import static dev.iotypes.wasi.FdCalls.utf8;
import static dev.iotypes.wasi.Flags.APPEND;
import static dev.iotypes.wasi.Flags.ATIM;
import static dev.iotypes.wasi.Flags.ATIM_NOW;
import static dev.iotypes.wasi.Flags.MTIM;
import static dev.iotypes.wasi.Flags.MTIM_NOW;
import static dev.iotypes.wasi.Flags.NONBLOCK;
import static dev.iotypes.wasi.Flags.O_CREAT;
import static dev.iotypes.wasi.Flags.O_DIRECTORY;
import static dev.iotypes.wasi.Flags.O_EXCL;
import static dev.iotypes.wasi.Flags.O_TRUNC;
import static dev.iotypes.wasi.Flags.SYMLINK_FOLLOW;
import static dev.iotypes.wasi.Flags.SYNC_FLAGS;
import static dev.iotypes.wasi.Rights.FD_READ;
import static dev.iotypes.wasi.Rights.FD_READDIR;
import static dev.iotypes.wasi.Rights.FD_WRITE;
import static dev.iotypes.wasi.Rights.PATH_CREATE_DIRECTORY;
import static dev.iotypes.wasi.Rights.PATH_CREATE_FILE;
import static dev.iotypes.wasi.Rights.PATH_FILESTAT_GET;
import static dev.iotypes.wasi.Rights.PATH_FILESTAT_SET_TIMES;
import static dev.iotypes.wasi.Rights.PATH_LINK_SOURCE;
import static dev.iotypes.wasi.Rights.PATH_LINK_TARGET;
import static dev.iotypes.wasi.Rights.PATH_OPEN;
import static dev.iotypes.wasi.Rights.PATH_READLINK;
import static dev.iotypes.wasi.Rights.PATH_REMOVE_DIRECTORY;
import static dev.iotypes.wasi.Rights.PATH_RENAME_SOURCE;
import static dev.iotypes.wasi.Rights.PATH_RENAME_TARGET;
import static dev.iotypes.wasi.Rights.PATH_SYMLINK;
import static dev.iotypes.wasi.Rights.PATH_UNLINK_FILE;
import static dev.iotypes.wasi.WasiMemory.path;
import static dev.iotypes.wasi.WasiMemory.range;
import static dev.iotypes.wasi.WasiMemory.u32;
import static dev.iotypes.wasi.WasiMemory.writeFilestat;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import dev.iotypes.wasi.Directory.OpenRequest;
import java.nio.file.attribute.FileTime;

/**
 * The preview1 calls on a path beneath a directory descriptor ({@code path_*}), in the witx order:
 * each decodes its arguments and leaves the work to the {@link Directory}.
 */
final class PathCalls {
  private final Fds fds;
  private final Clocks clocks;

  PathCalls(Fds fds, Clocks clocks) {
    this.fds = fds;
    this.clocks = clocks;
  }

  Errno pathCreateDirectory(Instance inst, int fd, int path, int pathLen) {
    fds.dir(fd, PATH_CREATE_DIRECTORY).createDirectory(path(inst, path, pathLen));
    return Errno.SUCCESS;
  }

  Errno pathFilestatGet(Instance inst, int fd, int flags, int path, int pathLen, int statPtr) {
    Directory dir = fds.dir(fd, PATH_FILESTAT_GET);
    String name = path(inst, path, pathLen);
    range(inst, statPtr, Filestat.SIZE);
    writeFilestat(inst, statPtr, dir.stat(name, (flags & SYMLINK_FOLLOW) != 0));
    return Errno.SUCCESS;
  }

  Errno pathFilestatSetTimes(
      Instance inst, int fd, int flags, int path, int pathLen, long atim, long mtim, int fstflags) {
    Directory dir = fds.dir(fd, PATH_FILESTAT_SET_TIMES);
    String name = path(inst, path, pathLen);
    FileTime atime = clocks.time(atim, fstflags, ATIM, ATIM_NOW);
    FileTime mtime = clocks.time(mtim, fstflags, MTIM, MTIM_NOW);
    dir.setTimes(name, (flags & SYMLINK_FOLLOW) != 0, atime, mtime);
    return Errno.SUCCESS;
  }

  Errno pathLink(
      Instance inst,
      int oldFd,
      int oldFlags,
      int oldPath,
      int oldPathLen,
      int newFd,
      int newPath,
      int newPathLen) {
    Directory from = fds.dir(oldFd, PATH_LINK_SOURCE);
    String old = path(inst, oldPath, oldPathLen);
    Directory to = fds.dir(newFd, PATH_LINK_TARGET);
    String name = path(inst, newPath, newPathLen);
    if ((oldFlags & SYMLINK_FOLLOW) != 0) {
      throw Errno.INVAL.raise(); // as wasmtime: a hard link is made to what is named
    }
    from.link(old, false, to, name);
    return Errno.SUCCESS;
  }

  Errno pathOpen(
      Instance inst,
      int fd,
      int dirflags,
      int path,
      int pathLen,
      int oflags,
      long rightsBase,
      long rightsInheriting,
      int fdflags,
      int openedFdPtr) {
    int o = oflags & 0xFFFF;
    Directory dir = fds.dir(fd, PATH_OPEN | ((o & O_CREAT) != 0 ? PATH_CREATE_FILE : 0));
    String name = path(inst, path, pathLen);
    range(inst, openedFdPtr, 4);
    int f = fdflags & 0xFFFF;
    if ((o & ~(O_CREAT | O_DIRECTORY | O_EXCL | O_TRUNC)) != 0
        || (f & ~(APPEND | NONBLOCK | SYNC_FLAGS)) != 0) {
      throw Errno.INVAL.raise();
    }
    if ((o & O_DIRECTORY) != 0 && (o & (O_CREAT | O_TRUNC)) != 0) {
      throw Errno.INVAL.raise();
    }
    long rights = rightsBase & fds.get(fd).state().rightsInheriting;
    boolean exclusive = (o & O_CREAT) != 0 && (o & O_EXCL) != 0;
    OpenRequest request =
        new OpenRequest(
            name,
            (dirflags & SYMLINK_FOLLOW) != 0 && !exclusive, // O_EXCL follows no link
            (o & O_CREAT) != 0,
            (o & O_DIRECTORY) != 0,
            (o & O_EXCL) != 0,
            (o & O_TRUNC) != 0,
            (rights & (FD_READ | FD_READDIR)) != 0,
            (rights & FD_WRITE) != 0,
            f);
    u32(inst, openedFdPtr, fds.add(dir.open(request)));
    return Errno.SUCCESS;
  }

  Errno pathReadlink(
      Instance inst, int fd, int path, int pathLen, int buf, int bufLen, int bufusedPtr) {
    Directory dir = fds.dir(fd, PATH_READLINK);
    String name = path(inst, path, pathLen);
    Memory m = range(inst, buf, bufLen);
    range(inst, bufusedPtr, 4);
    byte[] target = utf8(dir.readlink(name));
    int n = (int) Math.min(target.length, Integer.toUnsignedLong(bufLen));
    m.write(buf, target, 0, n);
    u32(inst, bufusedPtr, n);
    return Errno.SUCCESS;
  }

  Errno pathRemoveDirectory(Instance inst, int fd, int path, int pathLen) {
    fds.dir(fd, PATH_REMOVE_DIRECTORY).removeDirectory(path(inst, path, pathLen));
    return Errno.SUCCESS;
  }

  Errno pathRename(
      Instance inst, int fd, int oldPath, int oldPathLen, int newFd, int newPath, int newPathLen) {
    Directory from = fds.dir(fd, PATH_RENAME_SOURCE);
    String old = path(inst, oldPath, oldPathLen);
    Directory to = fds.dir(newFd, PATH_RENAME_TARGET);
    from.rename(old, to, path(inst, newPath, newPathLen));
    return Errno.SUCCESS;
  }

  Errno pathSymlink(
      Instance inst, int oldPath, int oldPathLen, int fd, int newPath, int newPathLen) {
    String target = path(inst, oldPath, oldPathLen);
    fds.dir(fd, PATH_SYMLINK).symlink(target, path(inst, newPath, newPathLen));
    return Errno.SUCCESS;
  }

  Errno pathUnlinkFile(Instance inst, int fd, int path, int pathLen) {
    fds.dir(fd, PATH_UNLINK_FILE).unlinkFile(path(inst, path, pathLen));
    return Errno.SUCCESS;
  }
}
