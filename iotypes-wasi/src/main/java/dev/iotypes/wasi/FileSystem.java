package dev.iotypes.wasi;

import dev.iotypes.Input;
import dev.iotypes.IoTypes;
import dev.iotypes.Outcome;
import dev.iotypes.Output;
import dev.iotypes.wasi.Descriptor.ArrayFd;
import dev.iotypes.wasi.Descriptor.DirectoryFd;
import dev.iotypes.wasi.Descriptor.StreamFd;
import dev.iotypes.wasi.Directory.OpenRequest;
import dev.iotypes.wasi.sandbox.Root;
import dev.iotypes.wasm.GuestException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The preview1 mode's files and directories for another ABI on top (WASI 0.2's {@code
 * wasi:filesystem}): the same preopens, built from the same {@link WasiOptions}, the same confined
 * walk and the same bound names of I/O-types mode. A {@link Node} is an opaque descriptor; a
 * failure is a {@link Failed} naming the preview1 errno, for the layer above to map in one place.
 */
public final class FileSystem implements AutoCloseable {
  /** An open file or directory. */
  public static final class Node {
    private final Descriptor d;

    private Node(Descriptor d) {
      this.d = d;
    }
  }

  /** A preopened directory and the name the guest knows it by. */
  public record Preopen(String name, Node node) {}

  /** A file's metadata; times in nanoseconds since the epoch, filetypes as preview1 numbers. */
  public record Stat(
      int filetype,
      long linkCount,
      long size,
      long atim,
      long mtim,
      long ctim,
      long dev,
      long ino) {}

  /** A directory entry (without {@code .} and {@code ..}). */
  public record Entry(int filetype, String name) {}

  /** A failed operation: {@link #errno} is the preview1 errno's name in lower case. */
  public static final class Failed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String errno;

    Failed(Errno errno) {
      super(errno.name(), null, false, false);
      this.errno = errno.name().toLowerCase(java.util.Locale.ROOT);
    }

    public String errno() {
      return errno;
    }
  }

  private final WasiPreview1 table;
  private final List<Root> roots = new ArrayList<>();
  private final List<Preopen> preopens = new ArrayList<>();

  /** What the guest opened and has not released: closed with the file system. */
  private final java.util.Set<Node> opened =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  private FileSystem(WasiOptions options, int maxHandles) throws GuestException {
    table = new WasiPreview1(options, maxHandles);
    WasiCommand.install(table, options, roots);
    for (int fd = 3; table.find(fd) != null; fd++) {
      Descriptor d = table.find(fd);
      if (d instanceof DirectoryFd dir && dir.preopen().isPresent()) {
        preopens.add(new Preopen(dir.preopen().get(), new Node(d)));
      }
    }
  }

  /** The preopens {@code options} name, opened as a preview1 command would have them. */
  public static FileSystem open(WasiOptions options, int maxHandles) throws GuestException {
    return new FileSystem(options, maxHandles);
  }

  public List<Preopen> preopens() {
    return List.copyOf(preopens);
  }

  private static <T> T run(java.util.function.Supplier<T> op) {
    try {
      return op.get();
    } catch (RuntimeException e) {
      throw new Failed(Errno.of(e));
    }
  }

  private static Directory dir(Node n) {
    if (n.d instanceof DirectoryFd d) {
      return d.directory();
    }
    throw new Failed(Errno.NOTDIR);
  }

  /**
   * Opens {@code path} beneath {@code dir}; the flags are those of {@code open-at}, {@code fdflags}
   * the preview1 fdflags its sync flags stand for (kept, as {@code path_open} keeps them).
   */
  public Node openAt(
      Node dir,
      String path,
      boolean follow,
      boolean create,
      boolean directory,
      boolean exclusive,
      boolean truncate,
      boolean read,
      boolean write,
      int fdflags) {
    Node n =
        run(
            () ->
                new Node(
                    dir(dir)
                        .open(
                            new OpenRequest(
                                path, follow, create, directory, exclusive, truncate, read, write,
                                fdflags))));
    opened.add(n);
    return n;
  }

  /** Whether the node may be read and written: bit 0 read, bit 1 write. */
  public int access(Node n) {
    if (n.d instanceof ArrayFd f) {
      return (f.readable() ? 1 : 0) | (f.writable() ? 2 : 0);
    }
    if (n.d instanceof StreamFd s) {
      return (s.input().isPresent() ? 1 : 0) | (s.output().isPresent() ? 2 : 0);
    }
    return 1;
  }

  /** The preview1 fdflags the node was opened with. */
  public int fdflags(Node n) {
    return n.d.state().fdflags;
  }

  public int filetype(Node n) {
    return n.d.filetype();
  }

  public Stat stat(Node n) {
    return run(
        () -> {
          if (n.d instanceof DirectoryFd d) {
            return stat(d.directory().statSelf());
          }
          if (n.d instanceof ArrayFd f) {
            Filestat host = f.host().flatMap(HostFile::stat).orElse(null);
            long size = Errno.ok(f.array().len());
            return host == null
                ? new Stat(Filestat.REGULAR_FILE, 1, size, 0, 0, 0, 0, 0)
                : new Stat(
                    host.filetype(),
                    host.nlink(),
                    size,
                    host.atim(),
                    host.mtim(),
                    host.ctim(),
                    host.dev(),
                    host.ino());
          }
          return new Stat(n.d.filetype(), 1, 0, 0, 0, 0, 0, 0);
        });
  }

  private static Stat stat(Filestat s) {
    return new Stat(
        s.filetype(), s.nlink(), s.size(), s.atim(), s.mtim(), s.ctim(), s.dev(), s.ino());
  }

  public Stat statAt(Node dir, String path, boolean follow) {
    return run(() -> stat(dir(dir).stat(path, follow)));
  }

  /** An input reading the file from {@code offset}; a stream descriptor's own input. */
  public Input readVia(Node n, long offset) {
    if (n.d instanceof ArrayFd f && f.readable()) {
      return IoTypes.inputFromArray(f.array(), offset);
    }
    if (n.d instanceof StreamFd s && s.input().isPresent()) {
      return s.input().get();
    }
    throw new Failed(n.d instanceof DirectoryFd ? Errno.ISDIR : Errno.BADF);
  }

  /** An output writing the file from {@code offset}; a stream descriptor's own output. */
  public Output writeVia(Node n, long offset) {
    if (n.d instanceof ArrayFd f && f.writable()) {
      return IoTypes.outputFromArray(f.array(), offset);
    }
    if (n.d instanceof StreamFd s && s.output().isPresent()) {
      return s.output().get();
    }
    throw new Failed(n.d instanceof DirectoryFd ? Errno.ISDIR : Errno.BADF);
  }

  /** An output appending to the file. */
  public Output appendVia(Node n) {
    if (n.d instanceof ArrayFd f && f.writable()) {
      return IoTypes.outputFromArray(f.array(), run(() -> Errno.ok(f.array().len())));
    }
    return writeVia(n, 0);
  }

  /** Reads up to {@code length} bytes at {@code offset}; an empty result past the end. */
  public byte[] read(Node n, long length, long offset) {
    if (!(n.d instanceof ArrayFd f) || !f.readable()) {
      throw new Failed(n.d instanceof DirectoryFd ? Errno.ISDIR : Errno.BADF);
    }
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(length, 1 << 20));
    Outcome o = f.array().readAt(buf, offset);
    if (o.isFailed() && o.count() == 0) {
      throw new Failed(Errno.of(o));
    }
    byte[] out = new byte[(int) o.count()];
    buf.flip().get(out);
    return out;
  }

  public long write(Node n, byte[] bytes, long offset) {
    if (!(n.d instanceof ArrayFd f) || !f.writable()) {
      throw new Failed(n.d instanceof DirectoryFd ? Errno.ISDIR : Errno.BADF);
    }
    return run(() -> Errno.ok(f.array().writeAt(ByteBuffer.wrap(bytes), offset)));
  }

  public void setSize(Node n, long size) {
    if (!(n.d instanceof ArrayFd f) || !f.writable()) {
      throw new Failed(n.d instanceof DirectoryFd ? Errno.ISDIR : Errno.BADF);
    }
    run(() -> Errno.ok(f.array().setLen(size)));
  }

  public List<Entry> readDirectory(Node dir) {
    return run(
        () -> {
          List<Entry> out = new ArrayList<>();
          for (Dirent e : dir(dir).list()) {
            if (!e.name().equals(".") && !e.name().equals("..")) {
              out.add(new Entry(e.filetype(), e.name()));
            }
          }
          return out;
        });
  }

  public void createDirectoryAt(Node dir, String path) {
    run(
        () -> {
          dir(dir).createDirectory(path);
          return null;
        });
  }

  public void removeDirectoryAt(Node dir, String path) {
    run(
        () -> {
          dir(dir).removeDirectory(path);
          return null;
        });
  }

  public void unlinkFileAt(Node dir, String path) {
    run(
        () -> {
          dir(dir).unlinkFile(path);
          return null;
        });
  }

  public void renameAt(Node dir, String from, Node target, String to) {
    run(
        () -> {
          dir(dir).rename(from, dir(target), to);
          return null;
        });
  }

  public void symlinkAt(Node dir, String target, String path) {
    run(
        () -> {
          dir(dir).symlink(target, path);
          return null;
        });
  }

  public String readlinkAt(Node dir, String path) {
    return run(() -> dir(dir).readlink(path));
  }

  /** As {@code path_link}: following a link is refused, as wasmtime refuses it. */
  public void linkAt(Node dir, String from, boolean follow, Node target, String to) {
    if (follow) {
      throw new Failed(Errno.INVAL);
    }
    run(
        () -> {
          dir(dir).link(from, false, dir(target), to);
          return null;
        });
  }

  /** Sets a node's times, as {@code fd_filestat_set_times}; {@code null} leaves one alone. */
  public void setTimes(Node n, FileTime atime, FileTime mtime) {
    run(
        () -> {
          if (n.d instanceof DirectoryFd dir) {
            dir.directory().setTimes(".", true, atime, mtime);
          } else if (n.d instanceof ArrayFd f && f.host().isPresent()) {
            if (!f.writable()) {
              throw Errno.BADF.raise(); // a read-only input stays as it was, times too
            }
            f.host().get().setTimes(atime, mtime);
          } else {
            throw Errno.NOTSUP.raise();
          }
          return null;
        });
  }

  /** Sets the times of {@code path} beneath {@code dir}, as {@code path_filestat_set_times}. */
  public void setTimesAt(Node dir, String path, boolean follow, FileTime atime, FileTime mtime) {
    run(
        () -> {
          dir(dir).setTimes(path, follow, atime, mtime);
          return null;
        });
  }

  /** Releases what {@code n} holds (a preopen stays open until {@link #close}). */
  public void release(Node n) {
    if (opened.remove(n)) {
      n.d.close();
    }
  }

  /** Whether the two nodes are the same open file or directory. */
  public static boolean same(Node a, Node b) {
    return a.d == b.d;
  }

  /** Closes every node still open, then every preopen and root. */
  @Override
  public void close() {
    for (Node n : List.copyOf(opened)) {
      release(n);
    }
    table.closeAll();
    for (Root root : roots) {
      try {
        root.stream().close();
      } catch (IOException e) {
        // released anyway
      }
    }
  }
}
