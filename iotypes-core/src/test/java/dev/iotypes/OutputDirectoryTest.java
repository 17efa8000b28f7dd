package dev.iotypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A folder as an output directory: new files beneath it, and nothing else, ever. */
class OutputDirectoryTest {
  @TempDir Path dir;

  private static Outcome write(Output output, String text) {
    Outcome written = output.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    output.close();
    return written;
  }

  @Test
  void createsNamedFilesAndTheirParentsBeneathTheRoot() throws IOException {
    Path root = Files.createDirectories(dir.resolve("out"));
    OutputDirectory out = IoTypes.outputDirectory(root);

    assertThat(write(out.create("a/b/c.txt"), "abc").isOpen()).isTrue();
    assertThat(write(out.create("a/d"), "d").isOpen()).isTrue();
    assertThat(write(out.create("ü"), "").isOpen()).isTrue();

    assertThat(Files.readString(root.resolve("a/b/c.txt"))).isEqualTo("abc");
    assertThat(Files.readString(root.resolve("a/d"))).isEqualTo("d");
    assertThat(root.resolve("ü")).isEmptyFile();
    assertThat(out.create("x.csv").mediaType().essence()).isEqualTo("text/csv");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x", "/abs", "a/../../b", "a\\b", "a\u0000b", "a//b", "", "./a"})
  void aNameThatIsNotPortableIsRefusedBeforeAnythingIsCreated(String name) throws IOException {
    Path root = Files.createDirectories(dir.resolve("out"));
    OutputDirectory out = IoTypes.outputDirectory(root);

    assertThatThrownBy(() -> out.create(name)).isInstanceOf(IllegalArgumentException.class);
    try (var left = Files.list(root)) {
      assertThat(left).isEmpty();
    }
    assertThat(dir.resolve("x")).doesNotExist();
  }

  @Test
  void anExistingFileIsNeitherReplacedNorAppendedTo() throws IOException {
    Path root = Files.createDirectories(dir.resolve("out"));
    Files.writeString(root.resolve("kept"), "old");
    OutputDirectory out = IoTypes.outputDirectory(root);

    assertThat(write(out.create("kept"), "new").isFailed()).isTrue();
    assertThat(write(out.create("once"), "1").isOpen()).isTrue();
    assertThat(write(out.create("once"), "2").isFailed()).isTrue();

    assertThat(Files.readString(root.resolve("kept"))).isEqualTo("old");
    assertThat(Files.readString(root.resolve("once"))).isEqualTo("1");
  }

  @Test
  void aLinkBeneathTheRootIsNeverFollowedAsAParentOrAsTheFile() throws IOException {
    Path root = Files.createDirectories(dir.resolve("out"));
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.createSymbolicLink(root.resolve("escape"), outside);
    Files.createSymbolicLink(root.resolve("file"), outside.resolve("target"));
    OutputDirectory out = IoTypes.outputDirectory(root);

    assertThat(write(out.create("escape/x"), "x").isFailed()).isTrue();
    assertThat(write(out.create("file"), "x").isFailed()).isTrue();

    try (var left = Files.list(outside)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aFileStandingWhereAParentShouldFailsTheOutput() throws IOException {
    Path root = Files.createDirectories(dir.resolve("out"));
    OutputDirectory out = IoTypes.outputDirectory(root);
    assertThat(write(out.create("a"), "file").isOpen()).isTrue();

    assertThat(write(out.create("a/b"), "x").isFailed()).isTrue();
  }

  @Test
  void aRootThatIsNotADirectoryIsRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("f"), "x");

    assertThatThrownBy(() -> IoTypes.outputDirectory(file)).isInstanceOf(IOException.class);
  }
}
