package dev.iotypes.wasi;

import dev.iotypes.IoTypes;
import dev.iotypes.Origin;
import dev.iotypes.wasi.sandbox.Beneath;
import dev.iotypes.wasi.sandbox.Open;
import dev.iotypes.wasi.sandbox.Rename;
import dev.iotypes.wasi.sandbox.Root;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A host directory beneath a preopen: {@code names} leads from the preopen's root to it. Every
 * operation resolves with {@link Beneath} first; data moves through channels opened relative to the
 * directory found, and the few operations {@link SecureDirectoryStream} lacks (mkdir, symlink,
 * readlink, link, stat with link counts, setting times) name their target through that open
 * directory ({@link Beneath#entry()}). A read-only root refuses every change with {@code EROFS}.
 */
record HostDirectory(Root root, List<String> names) implements Directory {
  @Override
  public Descriptor open(OpenRequest r) {
    try (Beneath walk = Beneath.walk(root, names, r.path(), r.follow())) {
      BasicFileAttributes a = walk.attributes();
      if (root.readOnly()) {
        if (a == null && r.create()) {
          throw Errno.ROFS.raise();
        }
        if (a != null && !a.isDirectory() && (r.write() || r.truncate())) {
          throw Errno.ROFS.raise();
        }
      }
      if (a != null && r.create() && r.exclusive()) {
        throw Errno.EXIST.raise();
      }
      if (a == null && !r.create()) {
        throw Errno.NOENT.raise();
      }
      if (a != null && a.isSymbolicLink()) {
        throw Errno.LOOP.raise(); // O_NOFOLLOW on a link, as Linux
      }
      if (a != null && a.isDirectory()) {
        if (r.write() || r.truncate()) {
          throw Errno.ISDIR.raise();
        }
        List<String> target = new ArrayList<>(walk.names());
        if (walk.last() != null) {
          target.add(walk.last());
        }
        return new Descriptor.DirectoryFd(
            new HostDirectory(root, List.copyOf(target)),
            Optional.empty(),
            new Descriptor.State(0));
      }
      if (r.directory() || walk.trailingSlash()) {
        throw (a == null ? Errno.NOENT : Errno.NOTDIR).raise();
      }
      if (a != null && !a.isRegularFile()) {
        throw Errno.NOTSUP.raise(); // devices, fifos and sockets inside a preopen
      }
      Set<OpenOption> options = new HashSet<>();
      options.add(LinkOption.NOFOLLOW_LINKS);
      boolean write = r.write() || r.truncate();
      if (r.read() || !write) {
        options.add(StandardOpenOption.READ);
      }
      if (write || (r.create() && a == null)) {
        options.add(StandardOpenOption.WRITE); // O_CREAT creates even a file opened read-only
      }
      if (r.create()) {
        options.add(r.exclusive() ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
      }
      if (r.truncate()) {
        options.add(StandardOpenOption.TRUNCATE_EXISTING);
      }
      FileChannel file;
      try {
        // What is there now may not be what was looked at: a FIFO renamed over the file since
        // would block a plain open forever. Open opens without blocking and refuses it.
        file = Open.regular(walk.dir(), walk.last(), options);
      } catch (Open.NotRegularFile e) {
        throw Errno.NOTSUP.raise();
      } catch (IOException e) {
        throw notOpened(walk, e);
      }
      Optional<HostFile> host;
      try {
        Filestat opened = Filestat.ofHost(walk.entry());
        host =
            Optional.of(
                new HostFile.Confined(root, walk.names(), walk.last(), opened.dev(), opened.ino()));
      } catch (IOException e) {
        host = Optional.empty(); // replaced meanwhile: the I/O type still says what it is
      }
      return new Descriptor.ArrayFd(
          IoTypes.fileArray(file, write, Origin.named(walk.last())),
          r.read(),
          write,
          host,
          new Descriptor.State(r.fdflags()));
    }
  }

  @Override
  public Filestat stat(String path, boolean follow) {
    try (Beneath walk = Beneath.walk(root, names, path, follow)) {
      Filestat stat = stat(walk);
      if (walk.trailingSlash() && stat.filetype() != Filestat.DIRECTORY) {
        throw Errno.NOTDIR.raise();
      }
      return stat;
    }
  }

  @Override
  public Filestat statSelf() {
    try (Beneath walk = Beneath.walk(root, names, ".", false)) {
      return stat(walk);
    }
  }

  @Override
  public List<Dirent> list() {
    List<Dirent> entries = new ArrayList<>();
    try (Beneath walk = Beneath.walk(root, names, ".", false);
        DirectoryStream<Path> stream =
            walk.dir().newDirectoryStream(Path.of("."), LinkOption.NOFOLLOW_LINKS)) {
      entries.add(new Dirent(".", stat(walk).ino(), Filestat.DIRECTORY));
      entries.add(new Dirent("..", Filestat.ofHost(walk.parentEntry()).ino(), Filestat.DIRECTORY));
      SecureDirectoryStream<Path> dir = (SecureDirectoryStream<Path>) stream;
      List<Path> found = new ArrayList<>();
      for (Path p : dir) {
        found.add(p.getFileName());
      }
      found.sort(java.util.Comparator.comparing(Path::toString));
      // Each entry is looked at by its bytes, not by its name as a string: a name that is not valid
      // in the host's encoding (not UTF-8, or not ASCII under LC_ALL=POSIX) decodes with U+FFFD
      // and, encoded again, names nothing. It is listed under that lossy name, which the guest can
      // see but not open, rather than dropped.
      Path here = walk.entry(".");
      for (Path name : found) {
        try {
          Filestat s = Filestat.ofHost(here.resolve(name));
          entries.add(new Dirent(name.toString(), s.ino(), s.filetype()));
        } catch (IOException e) {
          // removed meanwhile
        }
      }
    } catch (IOException e) {
      throw Errno.of(e).raise();
    }
    return entries;
  }

  @Override
  public void setTimes(String path, boolean follow, FileTime atime, FileTime mtime) {
    writable();
    try (Beneath walk = Beneath.walk(root, names, path, follow)) {
      existing(walk);
      // The walk followed any link it was asked to; what it ended on is set without following.
      walk.setTimes(atime, mtime);
    } catch (IOException e) {
      throw Errno.of(e).raise();
    }
  }

  @Override
  public void createDirectory(String path) {
    try (Beneath walk = Beneath.walk(root, names, path, false)) {
      if (walk.last() == null || walk.attributes() != null) {
        throw Errno.EXIST.raise();
      }
      writable();
      walk.createDirectory();
    } catch (IOException e) {
      throw Errno.of(e).raise();
    }
  }

  @Override
  public void removeDirectory(String path) {
    try (Beneath walk = Beneath.walk(root, names, path, false)) {
      BasicFileAttributes a = existing(walk);
      if (walk.last() == null) {
        throw (walk.names().isEmpty() ? Errno.BUSY : Errno.INVAL).raise();
      }
      if (!a.isDirectory()) {
        throw Errno.NOTDIR.raise();
      }
      writable();
      walk.dir().deleteDirectory(Path.of(walk.last()));
    } catch (IOException e) {
      throw Errno.of(e).raise();
    }
  }

  @Override
  public void unlinkFile(String path) {
    try (Beneath walk = Beneath.walk(root, names, path, false)) {
      BasicFileAttributes a = existing(walk);
      if (walk.last() == null || a.isDirectory()) {
        throw Errno.ISDIR.raise();
      }
      if (walk.trailingSlash()) {
        throw Errno.NOTDIR.raise();
      }
      writable();
      walk.dir().deleteFile(Path.of(walk.last()));
    } catch (IOException e) {
      throw Errno.of(e).raise();
    }
  }

  @Override
  public void rename(String from, Directory target, String to) {
    HostDirectory other = sameRoot(target);
    try (Beneath src = Beneath.walk(root, names, from, false);
        Beneath dst = Beneath.walk(root, other.names, to, false)) {
      BasicFileAttributes a = existing(src);
      if (src.last() == null || dst.last() == null) {
        throw Errno.BUSY.raise();
      }
      BasicFileAttributes b = dst.attributes();
      if ((src.trailingSlash() || dst.trailingSlash()) && !a.isDirectory()) {
        throw Errno.NOTDIR.raise();
      }
      if (b != null && a.isDirectory() && !b.isDirectory()) {
        throw Errno.NOTDIR.raise();
      }
      if (b != null && !a.isDirectory() && b.isDirectory()) {
        throw Errno.ISDIR.raise();
      }
      writable();
      Rename.move(src, dst);
    }
  }

  @Override
  public void symlink(String linkTarget, String path) {
    if (linkTarget.isEmpty() || linkTarget.indexOf('\0') >= 0) {
      throw Errno.NOENT.raise();
    }
    if (linkTarget.startsWith("/") && !root.outwardLinks()) {
      // A host program following it would leave the sandbox; resolution here never would.
      throw Errno.PERM.raise();
    }
    try (Beneath walk = Beneath.walk(root, names, path, false)) {
      if (!root.outwardLinks() && leadsOut(walk.names().size(), linkTarget)) {
        throw Errno.PERM.raise(); // as an absolute target: a host program might follow it
      }
      BasicFileAttributes a = walk.attributes();
      if (a != null && walk.trailingSlash() && !a.isDirectory()) {
        throw Errno.NOTDIR.raise();
      }
      if (walk.last() == null || a != null) {
        throw Errno.EXIST.raise();
      }
      if (walk.trailingSlash()) {
        throw Errno.NOENT.raise();
      }
      writable();
      walk.createSymbolicLink(linkTarget);
    } catch (IOException e) {
      throw Errno.of(e).raise();
    }
  }

  @Override
  public String readlink(String path) {
    try (Beneath walk = Beneath.walk(root, names, path, false)) {
      BasicFileAttributes a = existing(walk);
      if (walk.last() == null || !a.isSymbolicLink()) {
        throw Errno.INVAL.raise();
      }
      return walk.readSymbolicLink();
    } catch (IOException e) {
      throw Errno.of(e).raise();
    }
  }

  @Override
  public void link(String from, boolean follow, Directory target, String to) {
    HostDirectory other = sameRoot(target);
    try (Beneath src = Beneath.walk(root, names, from, follow);
        Beneath dst = Beneath.walk(root, other.names, to, false)) {
      BasicFileAttributes a = existing(src);
      if (src.last() == null || a.isDirectory()) {
        throw Errno.PERM.raise();
      }
      if (dst.last() == null || dst.attributes() != null) {
        throw Errno.EXIST.raise();
      }
      if (src.trailingSlash()) {
        throw Errno.NOTDIR.raise();
      }
      if (dst.trailingSlash()) {
        throw Errno.NOENT.raise();
      }
      writable();
      Beneath.link(src, dst);
    } catch (IOException e) {
      throw Errno.of(e).raise();
    }
  }

  /**
   * Whether a relative link target, read as a host program would from a directory {@code depth}
   * levels below the preopen, may lead above it: a {@code ..} that climbs above the preopen, or a
   * {@code ..} after a name (which could be a link to {@code .}, so that {@code link/..} climbs a
   * level the text does not show). Targets of the form {@code ../../a/b} climbing no higher than
   * the preopen are allowed; each link the guest made was checked so, so following names down never
   * climbs either. A link (or a directory holding one) renamed later to a shallower place is not
   * checked again ({@code docs/security.md}).
   */
  static boolean leadsOut(int depth, String target) {
    boolean named = false;
    for (String c : Beneath.split(target)) {
      if (c.equals("..")) {
        if (named || --depth < 0) {
          return true;
        }
      } else if (!c.equals(".")) {
        named = true;
      }
    }
    return false;
  }

  /**
   * Why opening failed, when the exception's type does not say: what the name is now (a link or a
   * directory put there since it was looked at), as the JDK tells {@code ELOOP} and {@code EISDIR}
   * only in the host's translated text.
   */
  private static Errno.Raised notOpened(Beneath walk, IOException e) {
    Errno errno = Errno.of(e);
    if (errno == Errno.IO) {
      try {
        BasicFileAttributes a = walk.attributes();
        if (a != null && a.isSymbolicLink()) {
          return Errno.LOOP.raise();
        }
        if (a != null && a.isDirectory()) {
          return Errno.ISDIR.raise();
        }
      } catch (RuntimeException again) {
        return errno.raise();
      }
    }
    return errno.raise();
  }

  private HostDirectory sameRoot(Directory target) {
    if (target instanceof HostDirectory other && other.root == root) {
      return other;
    }
    throw Errno.XDEV.raise();
  }

  private void writable() {
    if (root.readOnly()) {
      throw Errno.ROFS.raise();
    }
  }

  private static BasicFileAttributes existing(Beneath walk) {
    BasicFileAttributes a = walk.attributes();
    if (a == null) {
      throw Errno.NOENT.raise();
    }
    return a;
  }

  private static Filestat stat(Beneath walk) {
    try {
      return Filestat.ofHost(walk.entry());
    } catch (IOException e) {
      throw Errno.of(e).raise();
    }
  }

  private static void close(SeekableByteChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing to do
    }
  }
}
