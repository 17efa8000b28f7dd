package dev.iotypes.wasi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.iotypes.DirectoryEntry;
import dev.iotypes.InputDirectory;
import dev.iotypes.IoTypes;
import dev.iotypes.wasi.Directory.OpenRequest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An input directory as libc's preopen: paths are names among the entries, never host paths; {@code
 * ..} stops at the descriptor's own directory; nothing can be changed.
 */
class EntryDirectoryTest {
  private static final EntryDirectory ROOT = root();

  private static EntryDirectory root() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("a.txt", "alpha".getBytes(UTF_8));
    files.put("b/c.txt", "see".getBytes(UTF_8));
    files.put("b/d/e", new byte[0]);
    List<DirectoryEntry> entries = new ArrayList<>();
    InputDirectory directory = IoTypes.inputDirectory(files);
    for (Optional<DirectoryEntry> e = directory.next(); e.isPresent(); e = directory.next()) {
      entries.add(e.get());
    }
    return EntryDirectory.of(entries);
  }

  private static OpenRequest read(String path) {
    return new OpenRequest(path, true, false, false, false, false, true, false, 0);
  }

  private static Errno errno(Runnable call) {
    Throwable thrown = catchThrowable(call::run);
    assertThat(thrown).isNotNull();
    return Errno.of(thrown);
  }

  @Test
  void aFileOpensAsItsEntrysBytes() {
    Descriptor.StreamFd fd = (Descriptor.StreamFd) ROOT.open(read("b/./c.txt"));
    ByteBuffer bytes = ByteBuffer.allocate(10);
    fd.input().orElseThrow().read(bytes);
    fd.close();

    assertThat(new String(bytes.array(), 0, bytes.position(), UTF_8)).isEqualTo("see");
    assertThat(ROOT.stat("b/c.txt", true).size()).isEqualTo(3);
    assertThat(ROOT.stat("b", true).filetype()).isEqualTo(Filestat.DIRECTORY);
  }

  @Test
  void aDirectoryListsItsChildrenAfterDotAndDotDot() {
    Descriptor.DirectoryFd b = (Descriptor.DirectoryFd) ROOT.open(read("b"));

    assertThat(b.directory().list())
        .extracting(Dirent::name)
        .containsExactly(".", "..", "c.txt", "d");
    assertThat(ROOT.list()).extracting(Dirent::name).containsExactly(".", "..", "a.txt", "b");
    assertThat(b.directory().stat("d/../c.txt", true).size()).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", "../a.txt", "b/../..", "b/d/../../../x", "/etc/passwd", "/"})
  void nothingAboveTheDirectoryIsReached(String path) {
    assertThat(errno(() -> ROOT.open(read(path)))).isEqualTo(Errno.of(escape()));
    assertThat(errno(() -> ROOT.stat(path, true))).isEqualTo(Errno.of(escape()));
  }

  @Test
  void dotDotStopsAtTheDescriptorsOwnDirectoryNotTheRoot() {
    Descriptor.DirectoryFd b = (Descriptor.DirectoryFd) ROOT.open(read("b"));

    assertThat(errno(() -> b.directory().open(read("../a.txt")))).isEqualTo(Errno.of(escape()));
  }

  @Test
  void missingNamesAndFilesUsedAsDirectoriesAreErrors() {
    assertThat(errno(() -> ROOT.open(read("missing")))).isEqualTo(Errno.NOENT);
    assertThat(errno(() -> ROOT.open(read("a.txt/x")))).isEqualTo(Errno.NOTDIR);
    assertThat(errno(() -> ROOT.open(read("a.txt/")))).isEqualTo(Errno.NOTDIR);
    assertThat(errno(() -> ROOT.open(read("missing/x")))).isEqualTo(Errno.NOENT);
  }

  @Test
  void nothingCanBeCreatedWrittenOrRemoved() {
    OpenRequest write = new OpenRequest("a.txt", true, false, false, false, false, false, true, 0);
    OpenRequest create = new OpenRequest("new", true, true, false, false, false, false, true, 0);

    assertThat(errno(() -> ROOT.open(write))).isEqualTo(Errno.ROFS);
    assertThat(errno(() -> ROOT.open(create))).isEqualTo(Errno.ROFS);
    assertThat(errno(() -> ROOT.createDirectory("x"))).isEqualTo(Errno.ROFS);
    assertThat(errno(() -> ROOT.createDirectory("b"))).isEqualTo(Errno.EXIST);
    assertThat(errno(() -> ROOT.unlinkFile("a.txt"))).isEqualTo(Errno.ROFS);
    assertThat(errno(() -> ROOT.removeDirectory("b/d"))).isEqualTo(Errno.ROFS);
    assertThat(errno(() -> ROOT.rename("a.txt", ROOT, "z"))).isEqualTo(Errno.ROFS);
    assertThat(errno(() -> ROOT.symlink("a.txt", "l"))).isEqualTo(Errno.ROFS);
    assertThat(errno(() -> ROOT.readlink("a.txt"))).isEqualTo(Errno.INVAL);
  }

  private static dev.iotypes.wasi.sandbox.SandboxException escape() {
    return new dev.iotypes.wasi.sandbox.SandboxException(
        dev.iotypes.wasi.sandbox.SandboxException.Kind.ESCAPE);
  }
}
