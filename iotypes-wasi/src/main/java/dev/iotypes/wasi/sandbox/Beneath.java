package dev.iotypes.wasi.sandbox;

import dev.iotypes.wasi.sandbox.SandboxException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Path resolution confined to a preopen, as openat2's {@code RESOLVE_BENEATH} does it: component by
 * component, never by looking at the string. Each directory is entered with {@code openat(...,
 * O_NOFOLLOW)} through a {@link SecureDirectoryStream}; {@code ..} pops back to the parent and
 * fails above the directory the walk starts from (the descriptor's own directory, as {@code
 * RESOLVE_BENEATH} is relative to its dirfd); a symbolic link is read and its target spliced into
 * the remaining components (absolute targets fail), at most {@link #MAX_LINKS} times. So neither
 * {@code ..}, absolute paths nor symbolic links, existing or created by the guest, reach outside.
 *
 * <p>The result is the directory holding the last component, open, and that component's name
 * ({@code null} when the path names the directory itself, as {@code "."} or {@code "a/.."}). The
 * caller closes it.
 */
public final class Beneath implements AutoCloseable {
  public static final int MAX_LINKS = 40;
  public static final int MAX_PATH = 4096;

  private final Root root;
  private final Deque<SecureDirectoryStream<Path>> opened = new ArrayDeque<>();
  private final List<String> names = new ArrayList<>();
  private String last;
  private boolean trailingSlash;
  private int floor;
  private boolean viaFd = DirFd.available();

  private Beneath(Root root) {
    this.root = root;
  }

  /**
   * Resolves {@code path} from the directory {@code start} (names below the root, each a real
   * directory), following a symbolic link in the last component only if {@code followLast}.
   */
  public static Beneath walk(Root root, List<String> start, String path, boolean followLast) {
    if (path.isEmpty()) {
      throw new SandboxException(Kind.NOT_FOUND);
    }
    if (path.length() > MAX_PATH) {
      throw new SandboxException(Kind.NAME_TOO_LONG);
    }
    if (path.indexOf('\0') >= 0) {
      throw new SandboxException(Kind.INVALID);
    }
    if (path.startsWith("/")) {
      throw new SandboxException(Kind.ESCAPE);
    }
    Beneath walk = new Beneath(root);
    try {
      for (String name : start) {
        walk.enter(name);
      }
      walk.floor = start.size();
      walk.resolve(path, followLast);
      return walk;
    } catch (RuntimeException e) {
      walk.close();
      throw e;
    }
  }

  /** The open directory holding {@link #last()} (or named by the path when that is null). */
  public SecureDirectoryStream<Path> dir() {
    return opened.isEmpty() ? root.stream() : opened.peek();
  }

  /** The root this walk is confined to. */
  public Root root() {
    return root;
  }

  /** Names from the root to {@link #dir()}. */
  public List<String> names() {
    return List.copyOf(names);
  }

  /** The last component, or {@code null} if the path names {@link #dir()} itself. */
  public String last() {
    return last;
  }

  /** Whether the path ended in {@code /}: its target must be a directory. */
  public boolean trailingSlash() {
    return trailingSlash;
  }

  /** The confined host path of {@link #dir()}. */
  public Path dirHost() {
    Path p = root.host();
    for (String n : names) {
      p = p.resolve(n);
    }
    return p;
  }

  /** The confined host path of the target (the last component, unfollowed). */
  public Path host() {
    return last == null ? dirHost() : dirHost().resolve(last);
  }

  /** Names the target through the fallback, as embedders without the descriptor do (tests). */
  public Beneath withoutFd() {
    viaFd = false;
    return this;
  }

  /**
   * The target (the last component, or {@link #dir()} itself) for the path-based system calls
   * {@link SecureDirectoryStream} cannot make relative to an open directory; callers never follow a
   * link in its last component. Through the directory's descriptor ({@link DirFd}) it names an
   * entry of the very directory the walk opened, whatever was swapped since; without one, {@link
   * #checkedHost()}.
   */
  public Path entry() {
    return at(dir(), last, this::checkedHost);
  }

  /** {@link #entry()} for {@code name} (one component from a listing) in {@link #dir()}. */
  public Path entry(String name) {
    return at(dir(), name, () -> checked(dir(), dirHost(), name));
  }

  /**
   * The directory holding {@link #dir()}, named as {@link #entry()} does; {@link #dir()} itself
   * when that is the root (whose {@code ..} readdir reports as itself).
   */
  public Path parentEntry() {
    if (names.isEmpty()) {
      return at(root.stream(), null, () -> checked(root.stream(), root.host(), null));
    }
    SecureDirectoryStream<Path> parent =
        opened.size() >= 2 ? opened.stream().skip(1).findFirst().orElseThrow() : root.stream();
    return at(parent, null, () -> checked(parent, dirHost().getParent(), null));
  }

  private Path at(SecureDirectoryStream<Path> dir, String name, Supplier<Path> fallback) {
    Optional<Path> viaDescriptor =
        viaFd ? DirFd.path(dir, name == null ? "." : name) : Optional.empty();
    return viaDescriptor.orElseGet(fallback);
  }

  /**
   * {@link #host()} for the few operations {@link SecureDirectoryStream} cannot do relative to an
   * open directory, when {@link DirFd} is not available. Just before use, the path's directory must
   * still be the very directory the walk opened (same device and inode): one swapped for a symbolic
   * link since, or reached through a swapped ancestor, is refused as an escape. What is left is the
   * window of a single system call.
   */
  public Path checkedHost() {
    return checked(dir(), dirHost(), last);
  }

  private static Path checked(SecureDirectoryStream<Path> stream, Path dir, String name) {
    Object opened = lstat(stream, null).fileKey();
    Object now;
    try {
      now = Files.readAttributes(dir, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      throw new SandboxException(Kind.ESCAPE);
    }
    if (opened == null || !opened.equals(now)) {
      throw new SandboxException(Kind.ESCAPE);
    }
    return name == null ? dir : dir.resolve(name);
  }

  /** Sets the target's times ({@code null} leaves one alone), never following a link. */
  public void setTimes(FileTime atime, FileTime mtime) throws IOException {
    Files.getFileAttributeView(entry(), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setTimes(mtime, atime, null);
  }

  /** Makes the target a new directory. */
  public void createDirectory() throws IOException {
    Files.createDirectory(entry());
  }

  /** Makes the target a new symbolic link to {@code target} (which the caller has vetted). */
  public void createSymbolicLink(String target) throws IOException {
    Files.createSymbolicLink(entry(), Path.of(target));
  }

  /** The target of the symbolic link the walk ended on. */
  public String readSymbolicLink() throws IOException {
    return Files.readSymbolicLink(entry()).toString();
  }

  /**
   * Makes {@code to}'s target a hard link to {@code from}'s ({@code link(2)}, which links a
   * symbolic link itself rather than what it points to): both ends are entries of directories the
   * walks opened, so neither can be outside the preopen.
   */
  public static void link(Beneath from, Beneath to) throws IOException {
    Files.createLink(to.entry(), from.entry());
  }

  /** {@code lstat} of the last component relative to {@link #dir()}, or null if it is missing. */
  public BasicFileAttributes attributes() {
    return lstat(dir(), last);
  }

  private void resolve(String path, boolean followLast) {
    Deque<String> todo = new ArrayDeque<>(split(path));
    trailingSlash = path.endsWith("/");
    int links = 0;
    while (!todo.isEmpty()) {
      String c = todo.pollFirst();
      boolean isLast = todo.isEmpty();
      if (c.equals(".")) {
        if (isLast) {
          last = null;
        }
        continue;
      }
      if (c.equals("..")) {
        if (names.size() <= floor) {
          throw new SandboxException(Kind.ESCAPE);
        }
        close(opened.pop());
        names.remove(names.size() - 1);
        if (isLast) {
          last = null;
        }
        continue;
      }
      boolean follow = !isLast || followLast || trailingSlash;
      BasicFileAttributes a = lstat(dir(), c);
      if (a == null) {
        if (isLast) {
          last = c;
          return;
        }
        throw new SandboxException(Kind.NOT_FOUND);
      }
      if (a.isSymbolicLink() && follow) {
        if (++links > MAX_LINKS) {
          throw new SandboxException(Kind.LOOP);
        }
        String target;
        try {
          last = c;
          target = readSymbolicLink();
          last = null;
        } catch (IOException e) {
          throw SandboxException.of(e);
        }
        if (target.isEmpty()) {
          throw new SandboxException(Kind.NOT_FOUND);
        }
        if (target.startsWith("/")) {
          throw new SandboxException(Kind.ESCAPE);
        }
        if (target.endsWith("/") && isLast) {
          trailingSlash = true;
        }
        List<String> parts = split(target);
        for (int i = parts.size() - 1; i >= 0; i--) {
          todo.addFirst(parts.get(i));
        }
        if (parts.isEmpty()) {
          todo.addFirst(".");
        }
        continue;
      }
      if (isLast) {
        last = c;
        return;
      }
      if (!a.isDirectory()) {
        throw new SandboxException(Kind.NOT_DIRECTORY);
      }
      enter(c);
    }
  }

  private void enter(String name) {
    try {
      opened.push(dir().newDirectoryStream(Path.of(name), LinkOption.NOFOLLOW_LINKS));
      names.add(name);
    } catch (IOException e) {
      throw new SandboxException(notEntered(name, e), e);
    }
  }

  /**
   * Why {@code name} could not be entered, from what it is now: the JDK reports {@code ELOOP} (a
   * link that appeared meanwhile, refused by {@code O_NOFOLLOW}, never followed) and {@code
   * ENOTDIR} by translated text only.
   */
  private Kind notEntered(String name, IOException e) {
    Kind kind = SandboxException.kindOf(e);
    if (kind != Kind.IO && kind != Kind.LOOP) {
      return kind;
    }
    BasicFileAttributes a;
    try {
      a = lstat(dir(), name);
    } catch (SandboxException again) {
      return kind;
    }
    if (a == null) {
      return Kind.NOT_FOUND;
    }
    if (a.isSymbolicLink() || kind == Kind.LOOP) {
      return Kind.ESCAPE;
    }
    return a.isDirectory() ? kind : Kind.NOT_DIRECTORY;
  }

  static BasicFileAttributes lstat(SecureDirectoryStream<Path> dir, String name) {
    try {
      BasicFileAttributeView view =
          name == null
              ? dir.getFileAttributeView(BasicFileAttributeView.class)
              : dir.getFileAttributeView(
                  Path.of(name), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
      return view.readAttributes();
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw SandboxException.of(e);
    }
  }

  public static List<String> split(String path) {
    List<String> parts = new ArrayList<>();
    for (String p : path.split("/")) {
      if (!p.isEmpty()) {
        parts.add(p);
      }
    }
    return parts;
  }

  @Override
  public void close() {
    while (!opened.isEmpty()) {
      close(opened.pop());
    }
  }

  private static void close(SecureDirectoryStream<Path> stream) {
    try {
      stream.close();
    } catch (IOException e) {
      // already released
    }
  }
}
