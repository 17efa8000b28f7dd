package dev.iotypes.wasi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.iotypes.wasi.sandbox.Root;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Errno does not depend on the host's language. Under {@code LANG=de_DE.UTF-8} the JDK fills a
 * {@link FileSystemException}'s reason with glibc's German {@code strerror} ("Verzeichnis nicht
 * leer"); the build machines have no German locale installed, so a directory stream here rethrows
 * what the real one throws with the reason translated, exactly as the JDK would under that locale.
 */
class HostErrnoTest {
  @TempDir Path tmp;

  private Root root;

  @BeforeEach
  void open() throws IOException {
    Root english = Root.open(tmp, false);
    root = new Root(tmp, new German(english.stream()), false);
  }

  @AfterEach
  void close() throws IOException {
    root.stream().close();
  }

  @Test
  void renamingOverANonEmptyDirectoryIsNotEmptyInGermanToo() throws IOException {
    Files.createDirectories(tmp.resolve("a"));
    Files.createDirectories(tmp.resolve("b"));
    Files.writeString(tmp.resolve("b/keep"), "x");
    HostDirectory dir = new HostDirectory(root, List.of());

    assertThat(errno(() -> dir.rename("a", dir, "b"))).isEqualTo(Errno.NOTEMPTY);
  }

  @Test
  void renamingADirectoryBeneathItselfIsInvalInGermanToo() throws IOException {
    Files.createDirectories(tmp.resolve("a/sub"));
    HostDirectory dir = new HostDirectory(root, List.of());

    assertThat(errno(() -> dir.rename("a", dir, "a/sub/a"))).isEqualTo(Errno.INVAL);
  }

  @Test
  void hostExceptionsMapByTypeWhateverTheirText() {
    assertThat(Errno.of(new NoSuchFileException("f", null, "Datei nicht gefunden")))
        .isEqualTo(Errno.NOENT);
    assertThat(Errno.of(new AccessDeniedException("f", null, "Keine Berechtigung")))
        .isEqualTo(Errno.ACCES);
    // Text alone says nothing: an English strerror in a plain exception is not read either.
    assertThat(Errno.of(new FileSystemException("f", null, "Not a directory"))).isEqualTo(Errno.IO);
    assertThat(Errno.of(new IOException("No space left on device"))).isEqualTo(Errno.IO);
  }

  private static Errno errno(Runnable op) {
    Throwable thrown = catchThrowable(op::run);
    assertThat(thrown).isNotNull();
    return Errno.of(thrown);
  }

  /** glibc's de_DE strerror for what these tests provoke. */
  private static String german(String reason) {
    return switch (reason) {
      case "Directory not empty" -> "Verzeichnis nicht leer";
      case "Invalid argument" -> "Das Argument ist ungültig";
      case "Not a directory" -> "Ist kein Verzeichnis";
      case "Too many levels of symbolic links" -> "Zu viele Ebenen aus symbolischen Links";
      default -> "Unbekannter Fehler";
    };
  }

  private static IOException translated(IOException e) {
    if (e.getClass() == FileSystemException.class) {
      FileSystemException f = (FileSystemException) e;
      return new FileSystemException(f.getFile(), f.getOtherFile(), german(f.getReason()));
    }
    return e;
  }

  /** A directory stream whose failures read as they would under a German locale. */
  private static final class German implements SecureDirectoryStream<Path> {
    private final SecureDirectoryStream<Path> english;

    German(SecureDirectoryStream<Path> english) {
      this.english = english;
    }

    @Override
    public SecureDirectoryStream<Path> newDirectoryStream(Path path, LinkOption... options)
        throws IOException {
      try {
        return new German(english.newDirectoryStream(path, options));
      } catch (IOException e) {
        throw translated(e);
      }
    }

    @Override
    public SeekableByteChannel newByteChannel(
        Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
        throws IOException {
      try {
        return english.newByteChannel(path, options, attrs);
      } catch (IOException e) {
        throw translated(e);
      }
    }

    @Override
    public void deleteFile(Path path) throws IOException {
      try {
        english.deleteFile(path);
      } catch (IOException e) {
        throw translated(e);
      }
    }

    @Override
    public void deleteDirectory(Path path) throws IOException {
      try {
        english.deleteDirectory(path);
      } catch (IOException e) {
        throw translated(e);
      }
    }

    @Override
    public void move(Path srcpath, SecureDirectoryStream<Path> targetdir, Path targetpath)
        throws IOException {
      SecureDirectoryStream<Path> target = targetdir instanceof German g ? g.english : targetdir;
      try {
        english.move(srcpath, target, targetpath);
      } catch (IOException e) {
        throw translated(e);
      }
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Class<V> type) {
      return english.getFileAttributeView(type);
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(
        Path path, Class<V> type, LinkOption... options) {
      return english.getFileAttributeView(path, type, options);
    }

    @Override
    public Iterator<Path> iterator() {
      return english.iterator();
    }

    @Override
    public void close() throws IOException {
      english.close();
    }
  }
}
