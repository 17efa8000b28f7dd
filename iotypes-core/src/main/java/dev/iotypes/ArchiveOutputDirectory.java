package dev.iotypes;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NotDirectoryException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * An archive being written, as an output directory: a program cannot tell it from a folder. The
 * folder's rules hold (every name checked before anything is written, nothing created twice, no
 * file where a parent should be), and entries appear in the archive in the order they were created,
 * each file after the directory entries of the parents it was the first to need.
 *
 * <p>An archive holds one entry's bytes at a time, so the oldest output still open is written
 * straight into the archive when the format allows it (a zip, whose sizes follow the bytes), and
 * every other one waits in an {@link EntrySpool} until those before it are closed (always, in a
 * tar, whose header holds the size). Spools share an allowance of {@link #IN_MEMORY} bytes of
 * memory; past it, and past {@link EntrySpool#IN_MEMORY_PER_ENTRY} for one entry, they use deleted
 * temporary files.
 *
 * <p>Closing the directory, as for a folder, leaves the outputs made in it working; the archive is
 * finished (a zip's central directory, a tar's end) once the directory and every output are closed.
 * A failure of the archive itself (a full disk, a file too big for its format) is sticky: every
 * later write to any of its outputs fails with it, and {@link #close()} throws it, so that whoever
 * bound the archive does not put a broken one in place.
 */
final class ArchiveOutputDirectory implements OutputDirectory {
  /** The memory all of one archive's waiting entries may hold together: 16 MiB. */
  static final long IN_MEMORY = 16L << 20;

  private final ArchiveWriter writer;
  private final Pseudonym pseudonym;
  private final String prefix;
  private final Allowance memory = Allowance.of(IN_MEMORY);
  private final Set<String> files = new HashSet<>();
  private final Set<String> directories = new HashSet<>();
  private final ArrayDeque<Entry> pending = new ArrayDeque<>();
  private int openOutputs;
  private boolean closed;
  private boolean finished;
  private IOException broken;

  /**
   * The archive {@code out} will hold, in the format {@code name}'s ending says ({@code .zip},
   * {@code .tar}, {@code .tar.gz} or {@code .tgz}). The directory owns {@code out} from now on.
   *
   * @throws IllegalArgumentException if {@code name} ends as none of them; {@code out} is left open
   */
  static OutputDirectory open(OutputStream out, String name, Origin origin) throws IOException {
    if (!ArchiveDirectory.isArchive(name)) {
      throw new IllegalArgumentException("not a .zip, .tar, .tar.gz or .tgz: " + name);
    }
    try {
      ArchiveWriter writer =
          ArchiveDirectory.isZip(name)
              ? new ZipWriter(out)
              : new TarWriter(out, ArchiveDirectory.isTarGz(name));
      return new ArchiveOutputDirectory(writer, origin);
    } catch (IOException | RuntimeException e) {
      out.close(); // a gzip header that could not be written
      throw e;
    }
  }

  ArchiveOutputDirectory(ArchiveWriter writer, Origin origin) {
    this.writer = writer;
    this.pseudonym = origin.pseudonym();
    String name = new String(pseudonym.utf8(), StandardCharsets.UTF_8);
    this.prefix = name.isEmpty() || name.endsWith("/") ? name : name + "/";
  }

  @Override
  public synchronized Output create(String name) {
    Checks.open(closed, "output directory");
    PortableName.check(name);
    Origin origin = new Origin(Pseudonym.of(prefix + name), MediaType.forName(name));
    try {
      if (broken != null) {
        throw broken;
      }
      refuseConflicts(name);
      Instant now = Instant.now();
      for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
        String parent = name.substring(0, slash);
        if (directories.add(parent)) {
          pending.add(new Entry(parent, now, true));
        }
      }
      files.add(name);
      Entry file = new Entry(name, now, false);
      pending.add(file);
      openOutputs++;
      drain();
      return new StreamOutput(file, origin);
    } catch (IOException e) {
      return new StreamOutput(new FolderOutputDirectory.Refusing(e), origin);
    }
  }

  /** A name taken as a file or as a directory, or a parent that is a file, is not touched. */
  private void refuseConflicts(String name) throws IOException {
    if (files.contains(name)) {
      throw new FileAlreadyExistsException(name);
    }
    if (directories.contains(name)) {
      throw new FileAlreadyExistsException(name, null, "a directory");
    }
    for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
      String parent = name.substring(0, slash);
      if (files.contains(parent)) {
        throw new NotDirectoryException(parent);
      }
    }
  }

  /**
   * Writes every entry at the head of the queue that can be written now: directories, closed files,
   * and, where the format streams, the oldest open file, which then writes on directly.
   */
  private void drain() throws IOException {
    try {
      while (!pending.isEmpty()) {
        Entry head = pending.peek();
        if (head.directory) {
          writer.directory(head.name, head.time);
        } else if (head.live != null) {
          if (!head.closed) {
            return;
          }
          writer.endFile();
        } else if (head.closed) {
          writer.file(head.name, head.time, head.spool());
          head.release();
        } else if (writer.streams()) {
          OutputStream live = writer.startFile(head.name, head.time);
          if (head.spool != null) {
            head.spool.copyTo(live);
            head.release();
          }
          head.live = live;
          return;
        } else {
          return;
        }
        pending.poll();
      }
    } catch (IOException | RuntimeException e) {
      throw fail(e);
    }
  }

  /** Makes {@code e} the archive's failure, for good, and gives up the file and the spools. */
  private IOException fail(Exception e) {
    if (broken == null) {
      broken = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
      writer.abandon();
      pending.forEach(Entry::release);
      pending.clear();
    }
    return broken;
  }

  @Override
  public Pseudonym pseudonym() {
    return pseudonym;
  }

  /**
   * Finishes the archive if every output made in it is closed, else leaves that to the last of
   * them.
   *
   * @throws UncheckedIOException if the archive could not be written, now or before; at every call
   */
  @Override
  public synchronized void close() {
    closed = true;
    finishIfDone();
    if (broken != null) {
      throw new UncheckedIOException("the archive was not written: " + broken.getMessage(), broken);
    }
  }

  private void finishIfDone() {
    if (!closed || openOutputs > 0 || finished) {
      return;
    }
    finished = true;
    if (broken == null) {
      try {
        drain();
        writer.finish();
      } catch (IOException | RuntimeException e) {
        fail(e);
      }
    }
  }

  /** One entry, in creation order: a directory, or a file and the output writing it. */
  private final class Entry extends OutputStream {
    final String name;
    final Instant time;
    final boolean directory;
    EntrySpool spool; // its bytes while it waits
    OutputStream live; // where its bytes go once it is written straight into the archive
    boolean closed;

    Entry(String name, Instant time, boolean directory) {
      this.name = name;
      this.time = time;
      this.directory = directory;
    }

    EntrySpool spool() {
      if (spool == null) {
        spool = new EntrySpool(memory);
      }
      return spool;
    }

    void release() {
      if (spool != null) {
        try {
          spool.release();
        } catch (IOException e) {
          // A deleted temporary file that would not close: nothing is left of it either way.
        }
        spool = null;
      }
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      synchronized (ArchiveOutputDirectory.this) {
        if (broken != null) {
          throw broken;
        }
        try {
          if (live != null) {
            live.write(b, off, len);
          } else {
            spool().write(b, off, len);
          }
        } catch (IOException | RuntimeException e) {
          throw fail(e);
        }
      }
    }

    @Override
    public void flush() throws IOException {
      synchronized (ArchiveOutputDirectory.this) {
        if (broken != null) {
          throw broken;
        }
      }
    }

    @Override
    public void close() throws IOException {
      synchronized (ArchiveOutputDirectory.this) {
        if (closed) {
          return;
        }
        closed = true;
        openOutputs--;
        try {
          if (broken == null) {
            drain();
          }
        } finally {
          finishIfDone();
        }
        if (broken != null) {
          throw broken;
        }
      }
    }
  }
}
