package dev.iotypes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
  @TempDir Path dir;

  @Test
  void theTargetKeepsItsOldBytesUntilCommitAndTheStagedNameIsHidden() throws Exception {
    Path target = Files.writeString(dir.resolve("out.txt"), "old");
    AtomicFile file = AtomicFile.create(target);
    try (Output out = IoTypes.fileOutput(file.staged())) {
      assertThat(out.write(ByteBuffer.wrap("new bytes".getBytes(UTF_8))).isOpen()).isTrue();
    }
    assertThat(Files.readString(target)).isEqualTo("old");
    assertThat(file.staged().getParent()).isEqualTo(target.toRealPath().getParent());
    assertThat(file.staged().getFileName().toString()).startsWith(".out.txt.iotypes-");
    file.commit();
    assertThat(Files.readString(target)).isEqualTo("new bytes");
    assertThat(names()).containsExactly("out.txt");
  }

  @Test
  void discardLeavesTheTargetByteIdenticalAndNothingBeside() throws Exception {
    byte[] old = {0, 1, 2, (byte) 0xff};
    Path target = Files.write(dir.resolve("data.bin"), old);
    AtomicFile file = AtomicFile.create(target);
    Files.writeString(file.staged(), "half of the new");
    file.discard();
    file.discard(); // twice is fine
    assertThat(Files.readAllBytes(target)).isEqualTo(old);
    assertThat(names()).containsExactly("data.bin");
    assertThatThrownBy(file::commit).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aNewFileIsCreatedOnlyByTheCommit() throws Exception {
    Path target = dir.resolve("new.txt");
    AtomicFile file = AtomicFile.create(target);
    assertThat(target).doesNotExist();
    Files.writeString(file.staged(), "hello");
    file.commit();
    assertThat(Files.readString(target)).isEqualTo("hello");
  }

  @Test
  void aReplacementKeepsTheOldFilesModeFromItsFirstByte() throws Exception {
    Path target = Files.writeString(dir.resolve("secret.txt"), "old");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
    AtomicFile file = AtomicFile.create(target);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.staged())))
        .isEqualTo("rw-r-----");
    file.commit();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-r-----");
  }

  @Test
  void aSymbolicLinkIsFollowedAndStaysALink() throws Exception {
    Path real = Files.writeString(dir.resolve("real.txt"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("link.txt"), real.getFileName());
    AtomicFile file = AtomicFile.create(link);
    Files.writeString(file.staged(), "new");
    file.commit();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(real)).isEqualTo("new");
  }

  @Test
  void onlyAbsentAndRegularFilesAreStaged() throws Exception {
    assertThat(AtomicFile.applies(dir.resolve("absent"))).isTrue();
    assertThat(AtomicFile.applies(Files.writeString(dir.resolve("f"), ""))).isTrue();
    assertThat(AtomicFile.applies(dir)).isFalse();
    assertThat(AtomicFile.applies(Path.of("/dev/null"))).isFalse();
  }

  @Test
  void aDirectoryWhereNoFileCanBeMadeIsNamedInTheRefusal() throws Exception {
    Path locked = Files.createDirectory(dir.resolve("locked"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
    // root may write anywhere on a disk; /sys refuses even root
    Path where = Files.isWritable(locked) ? Path.of("/sys") : locked;
    assertThatThrownBy(() -> AtomicFile.create(where.resolve("out.txt")))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining(where.toString())
        .hasMessageContaining("cannot create a file beside out.txt");
  }

  @Test
  void aCommitThatCannotRenameDeletesTheStagedFileAndKeepsTheTarget() throws Exception {
    Path target = Files.writeString(dir.resolve("out.txt"), "old");
    AtomicFile file = AtomicFile.create(target);
    Files.delete(file.staged()); // as if someone removed it under us
    assertThatThrownBy(file::commit).isInstanceOf(IOException.class);
    assertThat(Files.readString(target)).isEqualTo("old");
    assertThat(names()).containsExactly("out.txt");
  }

  private List<String> names() throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
