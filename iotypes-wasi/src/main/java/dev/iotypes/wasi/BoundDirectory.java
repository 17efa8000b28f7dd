package dev.iotypes.wasi;

import dev.iotypes.IoArray;
import dev.iotypes.IoTypes;
import dev.iotypes.Origin;
import dev.iotypes.Outcome;
import dev.iotypes.wasi.sandbox.Beneath;
import dev.iotypes.wasi.sandbox.Open;
import dev.iotypes.wasi.sandbox.SandboxException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A directory of I/O-types mode: only names bound at the boundary exist. Files open as I/O arrays
 * (read-only unless bound writable), {@code -} as the standard streams, a directory argument as a
 * read-only {@link HostDirectory}. Nothing here can be created, renamed or removed, except that a
 * named output may be created and written.
 *
 * @param ancestors the bound directories above this one, root first (kept for the names of what is
 *     opened below; {@code ..} never climbs above this directory, as with a host directory)
 */
record BoundDirectory(Bound.Dir node, List<Bound.Dir> ancestors) implements Directory {
  /** Where a path led: the bound node (null if missing), or a host directory and the rest. */
  private record Target(List<Bound.Dir> stack, String name, Bound bound, String rest) {}

  @Override
  public Descriptor open(OpenRequest r) {
    Target t = walk(r.path());
    if (t.rest != null) {
      return host(t).open(withPath(r, t.rest));
    }
    Descriptor.State state = new Descriptor.State(r.fdflags());
    if (t.bound == null) {
      throw (r.create() ? Errno.ACCES : Errno.NOENT).raise();
    }
    if (r.create() && r.exclusive() && !(t.bound instanceof Bound.Creatable c && !exists(c))) {
      throw Errno.EXIST.raise();
    }
    boolean wantsDir = r.directory() || r.path().endsWith("/");
    if (t.bound instanceof Bound.Dir d) {
      if (r.write() || r.truncate()) {
        throw Errno.ISDIR.raise();
      }
      return new Descriptor.DirectoryFd(
          new BoundDirectory(d, List.copyOf(t.stack)), Optional.empty(), state);
    }
    if (t.bound instanceof Bound.HostDir h) {
      if (r.write() || r.truncate()) {
        throw Errno.ISDIR.raise();
      }
      return new Descriptor.DirectoryFd(
          new HostDirectory(h.root(), List.of()), Optional.empty(), state);
    }
    notDirectory(wantsDir);
    boolean write = r.write() || r.truncate();
    if (t.bound instanceof Bound.File f) {
      if (write && !f.writable()) {
        throw Errno.ACCES.raise();
      }
      return array(f.host(), f.spelling(), r.read(), write, r.truncate(), state);
    }
    if (t.bound instanceof Bound.Creatable c) {
      if (!exists(c) && (!write || !r.create())) {
        throw Errno.NOENT.raise();
      }
      return array(c.host(), c.spelling(), r.read(), write, r.truncate(), state);
    }
    Bound.Dash d = (Bound.Dash) t.bound;
    return r.write()
        ? new Descriptor.StreamFd(
            Optional.empty(), Optional.of(d.stdout()), d.stdoutFiletype(), false, state)
        : new Descriptor.StreamFd(
            Optional.of(d.stdin()), Optional.empty(), d.stdinFiletype(), false, state);
  }

  @Override
  public Filestat stat(String path, boolean follow) {
    Target t = walk(path);
    if (t.rest != null) {
      return host(t).stat(t.rest, follow);
    }
    if (t.bound == null) {
      throw Errno.NOENT.raise();
    }
    if (path.endsWith("/") && !(t.bound instanceof Bound.Dir || t.bound instanceof Bound.HostDir)) {
      throw Errno.NOTDIR.raise();
    }
    return statOf(t.bound);
  }

  @Override
  public Filestat statSelf() {
    return statOf(node);
  }

  @Override
  public List<Dirent> list() {
    List<Dirent> entries = new ArrayList<>();
    entries.add(new Dirent(".", statOf(node).ino(), Filestat.DIRECTORY));
    Bound.Dir parent = ancestors.isEmpty() ? node : ancestors.get(ancestors.size() - 1);
    entries.add(new Dirent("..", statOf(parent).ino(), Filestat.DIRECTORY));
    for (Map.Entry<String, Bound> e : node.children().entrySet()) {
      if (e.getValue() instanceof Bound.Creatable c && !exists(c)) {
        continue;
      }
      Filestat s = statOf(e.getValue());
      entries.add(new Dirent(e.getKey(), s.ino(), s.filetype()));
    }
    return entries;
  }

  @Override
  public void setTimes(String path, boolean follow, FileTime atime, FileTime mtime) {
    Target t = walk(path);
    if (t.rest != null) {
      host(t).setTimes(t.rest, follow, atime, mtime);
      return;
    }
    existing(t);
    throw Errno.ROFS.raise();
  }

  @Override
  public void createDirectory(String path) {
    Target t = walk(path);
    if (t.rest != null) {
      host(t).createDirectory(t.rest);
      return;
    }
    throw (t.bound != null ? Errno.EXIST : Errno.ROFS).raise();
  }

  @Override
  public void removeDirectory(String path) {
    readOnly(path);
  }

  @Override
  public void unlinkFile(String path) {
    readOnly(path);
  }

  @Override
  public void rename(String from, Directory target, String to) {
    readOnly(from);
  }

  @Override
  public void symlink(String linkTarget, String path) {
    readOnly(path);
  }

  @Override
  public String readlink(String path) {
    Target t = walk(path);
    if (t.rest != null) {
      return host(t).readlink(t.rest);
    }
    existing(t);
    throw Errno.INVAL.raise();
  }

  @Override
  public void link(String from, boolean follow, Directory target, String to) {
    readOnly(from);
  }

  private void readOnly(String path) {
    Target t = walk(path);
    if (t.rest != null) {
      throw Errno.ROFS.raise(); // a directory argument is read-only
    }
    existing(t);
    throw Errno.ROFS.raise();
  }

  private Target walk(String path) {
    if (path.isEmpty()) {
      throw Errno.NOENT.raise();
    }
    if (path.startsWith("/")) {
      throw new SandboxException(SandboxException.Kind.ESCAPE);
    }
    List<Bound.Dir> stack = new ArrayList<>(ancestors);
    stack.add(node);
    List<String> parts = Beneath.split(path);
    for (int i = 0; i < parts.size(); i++) {
      String c = parts.get(i);
      boolean isLast = i == parts.size() - 1;
      Bound.Dir cur = stack.get(stack.size() - 1);
      Bound child = cur.children().get(c); // a bound name spelled "..": exactly that spelling
      if (child == null) {
        if (c.equals(".")) {
          continue;
        }
        if (c.equals("..")) {
          if (stack.size() == ancestors.size() + 1) {
            throw new SandboxException(
                SandboxException.Kind.ESCAPE); // never above the descriptor's own directory
          }
          stack.remove(stack.size() - 1);
          continue;
        }
        if (isLast) {
          return new Target(stack, c, null, null);
        }
        throw Errno.NOENT.raise();
      }
      if (isLast) {
        stack.remove(stack.size() - 1);
        List<Bound.Dir> parents = new ArrayList<>(stack);
        parents.add(cur);
        return new Target(parents, c, child, null);
      }
      if (child instanceof Bound.Dir d) {
        stack.add(d);
      } else if (child instanceof Bound.HostDir) {
        return new Target(stack, c, child, String.join("/", parts.subList(i + 1, parts.size())));
      } else {
        throw Errno.NOTDIR.raise();
      }
    }
    Bound.Dir self = stack.remove(stack.size() - 1);
    return new Target(stack, null, self, null);
  }

  private static HostDirectory host(Target t) {
    return new HostDirectory(((Bound.HostDir) t.bound).root(), List.of());
  }

  private static OpenRequest withPath(OpenRequest r, String path) {
    return new OpenRequest(
        path,
        r.follow(),
        r.create(),
        r.directory(),
        r.exclusive(),
        r.truncate(),
        r.read(),
        r.write(),
        r.fdflags());
  }

  private static Descriptor array(
      java.nio.file.Path host,
      String spelling,
      boolean read,
      boolean write,
      boolean truncate,
      Descriptor.State state) {
    IoArray array;
    try {
      // Swapped for a FIFO since it was bound, a plain open would block forever: Open refuses it.
      FileChannel channel =
          Open.regular(
              host,
              write
                  ? Set.of(
                      StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE)
                  : Set.of(StandardOpenOption.READ));
      array = IoTypes.fileArray(channel, write, Origin.named(spelling));
    } catch (Open.NotRegularFile e) {
      throw Errno.NOTSUP.raise();
    } catch (IOException e) {
      throw Errno.of(e).raise();
    }
    if (truncate) {
      Outcome o = array.setLen(0);
      if (o.isFailed()) {
        array.close();
        throw Errno.of(o).raise();
      }
    }
    return new Descriptor.ArrayFd(array, read, write, Optional.of(new HostFile.Named(host)), state);
  }

  private static Filestat statOf(Bound bound) {
    try {
      if (bound instanceof Bound.HostDir h) {
        return Filestat.ofHost(h.root().host(), true);
      }
      if (bound instanceof Bound.File f) {
        return Filestat.ofHost(f.host(), true);
      }
      if (bound instanceof Bound.Creatable c) {
        return Filestat.ofHost(c.host(), true);
      }
      // Names that are only bound have no host inode: a stable made-up one, never 0 (which
      // libc would take for "unknown").
      long ino = 1L << 62 | Integer.toUnsignedLong(System.identityHashCode(bound));
      if (bound instanceof Bound.Dash d) {
        return new Filestat(0, ino, d.stdinFiletype(), 1, 0, 0, 0, 0);
      }
      return new Filestat(0, ino, Filestat.DIRECTORY, 2, 0, 0, 0, 0);
    } catch (IOException e) {
      throw Errno.of(e).raise();
    }
  }

  private static boolean exists(Bound.Creatable c) {
    return Files.exists(c.host());
  }

  private static void existing(Target t) {
    if (t.bound == null) {
      throw Errno.NOENT.raise();
    }
  }

  private static void notDirectory(boolean wantsDir) {
    if (wantsDir) {
      throw Errno.NOTDIR.raise();
    }
  }
}
