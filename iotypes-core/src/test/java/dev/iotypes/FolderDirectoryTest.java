package dev.iotypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host folder: what the walk skips, and that it opens nothing until asked. */
class FolderDirectoryTest {
  @TempDir Path dir;

  @Test
  void listingTenThousandFilesReadsNoneOfThem() throws IOException {
    Path root = Files.createDirectories(dir.resolve("many"));
    for (int i = 0; i < 10_000; i++) {
      Files.write(root.resolve(String.format("f%05d", i)), new byte[] {(byte) i});
    }
    List<DirectoryEntry> entries = list(IoTypes.inputDirectory(root));
    for (int i = 0; i < 10_000; i++) {
      Files.delete(root.resolve(String.format("f%05d", i)));
    }

    assertThat(entries).hasSize(10_000).allSatisfy(e -> assertThat(e.size()).isEqualTo(1));
    // every file is gone: an entry that had been opened or read while listing would still read
    for (DirectoryEntry entry : entries) {
      try (Input input = entry.open()) {
        assertThat(input.read(ByteBuffer.allocate(1)).isFailed()).as(entry.name()).isTrue();
      }
    }
  }

  @Test
  void anEntryReadsWhatTheFileHoldsWhenOpenedNotWhenListed() throws IOException {
    Path root = Files.createDirectories(dir.resolve("t"));
    Files.writeString(root.resolve("f"), "before");
    DirectoryEntry entry = list(IoTypes.inputDirectory(root)).get(0);
    Files.writeString(root.resolve("f"), "after!");

    try (Input input = entry.open()) {
      assertThat(new String(drain(input))).isEqualTo("after!");
    }
  }

  @Test
  void symbolicLinksAreSkippedWhereverTheyPoint() throws IOException {
    Path outside = Files.writeString(dir.resolve("secret"), "secret");
    Path root = Files.createDirectories(dir.resolve("t"));
    Files.createDirectories(root.resolve("sub"));
    Files.writeString(root.resolve("sub/file"), "x");
    Files.createSymbolicLink(root.resolve("out"), outside);
    Files.createSymbolicLink(root.resolve("in"), root.resolve("sub/file"));
    Files.createSymbolicLink(root.resolve("loop"), root);

    assertThat(list(IoTypes.inputDirectory(root)))
        .extracting(DirectoryEntry::name)
        .containsExactly("sub", "sub/file");
  }

  @Test
  void aFileReplacedByALinkAfterTheListingIsNotFollowed() throws IOException {
    Path outside = Files.writeString(dir.resolve("secret"), "secret");
    Path root = Files.createDirectories(dir.resolve("t"));
    Files.writeString(root.resolve("f"), "x");
    DirectoryEntry entry = list(IoTypes.inputDirectory(root)).get(0);
    Files.delete(root.resolve("f"));
    Files.createSymbolicLink(root.resolve("f"), outside);

    try (Input input = entry.open()) {
      assertThat(input.read(ByteBuffer.allocate(10)).isFailed()).isTrue();
    }
  }

  @Test
  void aDirectoryReplacedByALinkAfterTheListingIsNotFollowed() throws IOException {
    Path root = tree("t");
    Path outside = tree("outside");
    Files.writeString(outside.resolve("a/b/f"), "secret");
    List<DirectoryEntry> entries = list(IoTypes.inputDirectory(root));
    DirectoryEntry f = entries.stream().filter(e -> e.name().equals("a/b/f")).findFirst().get();
    Files.move(root.resolve("a"), dir.resolve("moved"));
    Files.createSymbolicLink(root.resolve("a"), outside.resolve("a"));

    try (Input input = f.open()) {
      ByteBuffer buffer = ByteBuffer.allocate(10);
      assertThat(input.read(buffer).isFailed()).isTrue();
      assertThat(buffer.position()).isZero();
    }
    // the same name, resolved as a string, reads outside: the walk is what refused it
    assertThat(Files.readString(root.resolve("a/b/f"))).isEqualTo("secret");
  }

  @Test
  void aDeeperDirectoryReplacedByALinkIsNotFollowedEither() throws IOException {
    Path root = tree("t");
    Path outside = tree("outside");
    Files.writeString(outside.resolve("a/b/f"), "secret");
    DirectoryEntry f = list(IoTypes.inputDirectory(root)).get(2);
    Files.move(root.resolve("a/b"), dir.resolve("moved"));
    Files.createSymbolicLink(root.resolve("a/b"), outside.resolve("a/b"));

    assertThat(f.name()).isEqualTo("a/b/f");
    try (Input input = f.open()) {
      assertThat(input.read(ByteBuffer.allocate(10)).isFailed()).isTrue();
    }
  }

  @Test
  void theFallbackWalkRefusesALinkedParentItFindsBeforeTheOpen() throws IOException {
    Path root = tree("t");
    Path outside = tree("outside");
    Files.writeString(outside.resolve("a/b/f"), "secret");
    try (var channel = FolderWalk.openChecked(root, "a/b/f")) {
      assertThat(channel.size()).isEqualTo(6); // "inside"
    }
    Files.move(root.resolve("a"), dir.resolve("moved"));
    Files.createSymbolicLink(root.resolve("a"), outside.resolve("a"));

    assertThatThrownBy(() -> FolderWalk.openChecked(root, "a/b/f"))
        .isInstanceOf(java.nio.file.NotDirectoryException.class);
  }

  /** {@code NAME/a/b/f} holding "inside". */
  private Path tree(String name) throws IOException {
    Path root = Files.createDirectories(dir.resolve(name));
    Files.createDirectories(root.resolve("a/b"));
    Files.writeString(root.resolve("a/b/f"), "inside");
    return root;
  }

  @Test
  void aHostNameThatIsNotPortableRefusesTheFolder() throws IOException {
    Path root = Files.createDirectories(dir.resolve("t"));
    Files.writeString(root.resolve("a\\b"), "x");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> IoTypes.inputDirectory(root))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("backslash");
  }

  @Test
  void anEmptyDirectoryIsAnEntry() throws IOException {
    Path root = Files.createDirectories(dir.resolve("t"));
    Files.createDirectories(root.resolve("empty"));

    assertThat(list(IoTypes.inputDirectory(root)))
        .singleElement()
        .satisfies(e -> assertThat(e.kind()).isEqualTo(DirectoryEntry.Kind.DIRECTORY));
  }

  static List<DirectoryEntry> list(InputDirectory directory) {
    List<DirectoryEntry> entries = new ArrayList<>();
    try (directory) {
      for (Optional<DirectoryEntry> e = directory.next(); e.isPresent(); e = directory.next()) {
        entries.add(e.get());
      }
    }
    return entries;
  }

  private static byte[] drain(Input input) {
    ByteBuffer buffer = ByteBuffer.allocate(100);
    while (!input.read(buffer).isEnded()) {}
    return java.util.Arrays.copyOf(buffer.array(), buffer.position());
  }
}
