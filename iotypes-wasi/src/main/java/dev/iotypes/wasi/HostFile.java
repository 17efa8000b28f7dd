package dev.iotypes.wasi;

import dev.iotypes.wasi.sandbox.Beneath;
import dev.iotypes.wasi.sandbox.Root;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;

/**
 * How the host file behind an open file descriptor is found again, to report its filestat and set
 * its times ({@code fd_filestat_get}, {@code fd_filestat_set_times}); data never goes this way.
 */
sealed interface HostFile {
  /** Its filestat, or empty if it is no longer there (renamed, removed or replaced meanwhile). */
  Optional<Filestat> stat();

  /** Sets its times ({@code null} leaves one alone); a failure is raised for {@link Errno#of}. */
  void setTimes(FileTime atime, FileTime mtime);

  /** A file named at the boundary (I/O-types mode): the user's own path. */
  record Named(Path path) implements HostFile {
    @Override
    public Optional<Filestat> stat() {
      try {
        return Optional.of(Filestat.ofHost(path, true));
      } catch (IOException e) {
        return Optional.empty();
      }
    }

    @Override
    public void setTimes(FileTime atime, FileTime mtime) {
      try {
        Files.getFileAttributeView(path, BasicFileAttributeView.class).setTimes(mtime, atime, null);
      } catch (IOException e) {
        throw Errno.of(e).raise();
      }
    }
  }

  /**
   * A file opened beneath a preopen, as entry {@code name} of the directory {@code names} leads to:
   * found again by a confined walk ({@link Beneath}), and only while that entry is still the inode
   * opened ({@code dev}, {@code ino}). A host path would be walked again by the kernel, through any
   * directory swapped for a symbolic link since the open.
   */
  record Confined(Root root, List<String> names, String name, long dev, long ino)
      implements HostFile {
    @Override
    public Optional<Filestat> stat() {
      try (var walk = Beneath.walk(root, names, name, false)) {
        Filestat s = Filestat.ofHost(walk.entry());
        return s.dev() == dev && s.ino() == ino ? Optional.of(s) : Optional.empty();
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    }

    @Override
    public void setTimes(FileTime atime, FileTime mtime) {
      if (root.readOnly()) {
        throw Errno.ROFS.raise();
      }
      try (var walk = Beneath.walk(root, names, name, false)) {
        Filestat s = Filestat.ofHost(walk.entry());
        if (s.dev() != dev || s.ino() != ino) {
          throw Errno.NOENT.raise(); // another file under that name now
        }
        walk.setTimes(atime, mtime);
      } catch (IOException e) {
        throw Errno.of(e).raise();
      }
    }
  }
}
