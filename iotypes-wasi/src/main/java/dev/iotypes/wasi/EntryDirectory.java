package dev.iotypes.wasi;

import dev.iotypes.DirectoryEntry;
import dev.iotypes.wasi.sandbox.Beneath;
import dev.iotypes.wasi.sandbox.SandboxException;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An input directory a typed main was handed, as libc sees it: a read-only directory whose tree is
 * exactly the directory's entries, so {@code opendir}, {@code readdir}, {@code stat} and {@code
 * fopen} walk a folder, a zip or a tar alike and reach nothing else. There are no host paths here:
 * a name is looked up among the entries' portable names, {@code ..} stops at this directory, and a
 * file opens as its entry's input stream, when opened and not before. Nothing can be created,
 * changed or removed ({@code EROFS}); there are no links.
 *
 * @param tree the entries, shared by every descriptor opened beneath the same directory
 * @param at the portable name of the directory this descriptor is ({@code ""} the root); {@code ..}
 *     never climbs past it, as with a host directory
 */
record EntryDirectory(Tree tree, String at) implements Directory {
  /** The entries by name, and each directory's children in listing order. */
  record Tree(Map<String, DirectoryEntry> byName, Map<String, List<String>> children) {
    static Tree of(List<DirectoryEntry> entries) {
      Map<String, DirectoryEntry> byName = new LinkedHashMap<>();
      Map<String, List<String>> children = new LinkedHashMap<>();
      children.put("", new ArrayList<>());
      for (DirectoryEntry entry : entries) {
        byName.put(entry.name(), entry);
        int slash = entry.name().lastIndexOf('/');
        String parent = slash < 0 ? "" : entry.name().substring(0, slash);
        children.computeIfAbsent(parent, p -> new ArrayList<>()).add(entry.name());
        if (entry.kind() == DirectoryEntry.Kind.DIRECTORY) {
          children.computeIfAbsent(entry.name(), p -> new ArrayList<>());
        }
      }
      children.replaceAll((name, list) -> Collections.unmodifiableList(list));
      return new Tree(Collections.unmodifiableMap(byName), Collections.unmodifiableMap(children));
    }
  }

  /** The root of {@code entries}. */
  static EntryDirectory of(List<DirectoryEntry> entries) {
    return new EntryDirectory(Tree.of(entries), "");
  }

  @Override
  public Descriptor open(OpenRequest r) {
    String name = resolve(r.path());
    boolean wantsDir = r.directory() || r.path().endsWith("/");
    if (!exists(name)) {
      throw (r.create() ? Errno.ROFS : Errno.NOENT).raise();
    }
    if (r.create() && r.exclusive()) {
      throw Errno.EXIST.raise();
    }
    Descriptor.State state = new Descriptor.State(r.fdflags());
    if (isDirectory(name)) {
      if (r.write() || r.truncate()) {
        throw Errno.ISDIR.raise();
      }
      return new Descriptor.DirectoryFd(new EntryDirectory(tree, name), Optional.empty(), state);
    }
    if (wantsDir) {
      throw Errno.NOTDIR.raise();
    }
    if (r.write() || r.truncate()) {
      throw Errno.ROFS.raise();
    }
    return new Descriptor.StreamFd(
        Optional.of(tree.byName().get(name).open()),
        Optional.empty(),
        Filestat.REGULAR_FILE,
        true,
        state);
  }

  @Override
  public Filestat stat(String path, boolean follow) {
    String name = resolve(path);
    if (!exists(name)) {
      throw Errno.NOENT.raise();
    }
    if (path.endsWith("/") && !isDirectory(name)) {
      throw Errno.NOTDIR.raise();
    }
    return statOf(name);
  }

  @Override
  public Filestat statSelf() {
    return statOf(at);
  }

  @Override
  public List<Dirent> list() {
    List<Dirent> entries = new ArrayList<>();
    entries.add(new Dirent(".", ino(at), Filestat.DIRECTORY));
    entries.add(new Dirent("..", ino(parentOf(at)), Filestat.DIRECTORY));
    for (String child : tree.children().getOrDefault(at, List.of())) {
      Filestat s = statOf(child);
      entries.add(new Dirent(child.substring(child.lastIndexOf('/') + 1), s.ino(), s.filetype()));
    }
    return entries;
  }

  @Override
  public void setTimes(String path, boolean follow, FileTime atime, FileTime mtime) {
    readOnly(path);
  }

  @Override
  public void createDirectory(String path) {
    throw (exists(resolve(path)) ? Errno.EXIST : Errno.ROFS).raise();
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
    createDirectory(path);
  }

  @Override
  public String readlink(String path) {
    if (!exists(resolve(path))) {
      throw Errno.NOENT.raise();
    }
    throw Errno.INVAL.raise(); // no entry is a link
  }

  @Override
  public void link(String from, boolean follow, Directory target, String to) {
    readOnly(from);
  }

  private void readOnly(String path) {
    if (!exists(resolve(path))) {
      throw Errno.NOENT.raise();
    }
    throw Errno.ROFS.raise();
  }

  /**
   * The portable name {@code path} leads to from here. Components are names of entries, never host
   * paths: {@code .} stays, {@code ..} goes up but never above this descriptor's directory, an
   * absolute path is an escape.
   */
  private String resolve(String path) {
    if (path.isEmpty()) {
      throw Errno.NOENT.raise();
    }
    if (path.startsWith("/")) {
      throw new SandboxException(SandboxException.Kind.ESCAPE);
    }
    List<String> stack = new ArrayList<>();
    for (String part : Beneath.split(path)) {
      if (part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (stack.isEmpty()) {
          throw new SandboxException(SandboxException.Kind.ESCAPE);
        }
        stack.remove(stack.size() - 1);
        continue;
      }
      String above = join(stack);
      if (!exists(above)) {
        throw Errno.NOENT.raise();
      }
      if (!isDirectory(above)) {
        throw Errno.NOTDIR.raise();
      }
      stack.add(part);
    }
    return join(stack);
  }

  /** This directory's name joined with the components below it. */
  private String join(List<String> below) {
    String rest = String.join("/", below);
    return at.isEmpty() ? rest : rest.isEmpty() ? at : at + "/" + rest;
  }

  private boolean exists(String name) {
    return name.isEmpty() || tree.byName().containsKey(name);
  }

  private boolean isDirectory(String name) {
    return name.isEmpty() || tree.byName().get(name).kind() == DirectoryEntry.Kind.DIRECTORY;
  }

  private Filestat statOf(String name) {
    if (isDirectory(name)) {
      return new Filestat(0, ino(name), Filestat.DIRECTORY, 2, 0, 0, 0, 0);
    }
    long size = Math.max(0, tree.byName().get(name).size());
    return new Filestat(0, ino(name), Filestat.REGULAR_FILE, 1, size, 0, 0, 0);
  }

  /** A made-up inode, stable for a name and never 0 (which libc takes for "unknown"). */
  private long ino(String name) {
    long tree = Integer.toUnsignedLong(System.identityHashCode(this.tree)) << 29;
    return 1L << 61 | (tree ^ Integer.toUnsignedLong(name.hashCode()));
  }

  private static String parentOf(String name) {
    int slash = name.lastIndexOf('/');
    return slash < 0 ? "" : name.substring(0, slash);
  }
}
