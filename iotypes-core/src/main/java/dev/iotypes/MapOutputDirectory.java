package dev.iotypes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NotDirectoryException;
import java.util.Map;

/**
 * A Java map as an output directory, for tests and for programs whose outputs stay in memory. It
 * keeps the folder's rules, so a program cannot tell the two apart: every name checked before
 * anything is made, nothing that exists (a file, or a directory implied by a file's name) replaced,
 * and no file where a parent should be. A file appears in the map, empty, when created, and holds
 * what was written each time its output is flushed or closed.
 */
final class MapOutputDirectory implements OutputDirectory {
  private final Map<String, byte[]> files;
  private final Pseudonym pseudonym;
  private final String prefix;
  private boolean closed;

  MapOutputDirectory(Map<String, byte[]> files, Origin origin) {
    this.files = files;
    this.pseudonym = origin.pseudonym();
    String name = new String(pseudonym.utf8(), StandardCharsets.UTF_8);
    this.prefix = name.isEmpty() || name.endsWith("/") ? name : name + "/";
  }

  @Override
  public Output create(String name) {
    Checks.open(closed, "output directory");
    PortableName.check(name);
    Origin origin = new Origin(Pseudonym.of(prefix + name), MediaType.forName(name));
    try {
      refuseConflicts(name);
    } catch (IOException e) {
      return new StreamOutput(new FolderOutputDirectory.Refusing(e), origin);
    }
    files.put(name, new byte[0]);
    return new StreamOutput(new Entry(name), origin);
  }

  /** A name taken as a file or as a directory, or a parent that is a file, is not touched. */
  private void refuseConflicts(String name) throws IOException {
    String below = name + "/";
    for (String taken : files.keySet()) {
      if (taken.equals(name)) {
        throw new FileAlreadyExistsException(name);
      }
      if (taken.startsWith(below)) {
        throw new FileAlreadyExistsException(name, null, "a directory");
      }
      if (name.startsWith(taken + "/")) {
        throw new NotDirectoryException(taken);
      }
    }
  }

  @Override
  public Pseudonym pseudonym() {
    return pseudonym;
  }

  @Override
  public void close() {
    closed = true;
  }

  /** The bytes of one file, put in the map when flushed or closed. */
  private final class Entry extends ByteArrayOutputStream {
    private final String name;

    Entry(String name) {
      this.name = name;
    }

    @Override
    public void flush() {
      files.put(name, toByteArray());
    }

    @Override
    public void close() {
      flush();
    }
  }
}
