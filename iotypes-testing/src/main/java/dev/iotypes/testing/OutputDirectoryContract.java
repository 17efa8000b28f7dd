package dev.iotypes.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.iotypes.IoTypes;
import dev.iotypes.Outcome;
import dev.iotypes.Output;
import dev.iotypes.OutputDirectory;
import java.io.ByteArrayOutputStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link OutputDirectory} contract, as an abstract suite: a module runs it against its backends
 * by extending this class and listing them in {@link #outputDirectories()}. What it pins down is
 * the promise a guest's hostile names rely on: a name is checked before anything is created, so a
 * name that escapes, is absolute, holds {@code ..} or is not portable leaves the backend untouched,
 * and nothing that exists (a file, a directory, a link) is replaced, written through or followed.
 */
public abstract class OutputDirectoryContract extends ContractSuite {
  /** Names a guest may write that must never create anything. */
  protected static final List<String> HOSTILE_NAMES =
      List.of(
          "",
          "/abs",
          "/",
          "..",
          ".",
          "../x",
          "a/../../x",
          "a/..",
          "./a",
          "a/./b",
          "a//b",
          "a/",
          "a\\b",
          "..\\x",
          "a\u0000b",
          "a\nb",
          "a\u007fb");

  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @ParameterizedTest(name = "{0}")
  @MethodSource("outputDirectoryKinds")
  @interface ForEachOutputDirectory {}

  /** The backends under test. */
  protected abstract List<Named<OutputDirectoryKind>> outputDirectories();

  protected final Stream<Named<OutputDirectoryKind>> outputDirectoryKinds() {
    return outputDirectories().stream();
  }

  protected final Stream<Arguments> hostileNamesForEachKind() {
    return outputDirectories().stream()
        .flatMap(
            kind ->
                HOSTILE_NAMES.stream()
                    .map(name -> Arguments.of(kind, Named.of(shown(name), name))));
  }

  private static String shown(String name) {
    return "'"
        + name.replace("\u0000", "\\0").replace("\n", "\\n").replace("\u007f", "\\x7f")
        + "'";
  }

  private OutputDirectoryKind.Made open(OutputDirectoryKind kind) throws Exception {
    OutputDirectoryKind.Made made = kind.open(fixture());
    fixture().register(made.directory());
    return made;
  }

  private static Outcome write(Output output, String text) {
    try (output) {
      Outcome written = output.write(ByteBuffer.wrap(utf8(text)));
      Outcome flushed = output.flush();
      return written.isOpen() ? flushed.withCount(written.count()) : written;
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, String> text(Map<String, byte[]> files) {
    Map<String, String> text = new java.util.TreeMap<>();
    files.forEach((name, bytes) -> text.put(name, new String(bytes, StandardCharsets.UTF_8)));
    return text;
  }

  @ForEachOutputDirectory
  protected void createsNamedFilesAndTheirParents(OutputDirectoryKind kind) throws Exception {
    OutputDirectoryKind.Made made = open(kind);

    assertThat(write(made.directory().create("a.txt"), "alpha").isOpen()).isTrue();
    assertThat(write(made.directory().create("d/e/f.bin"), "deep").isOpen()).isTrue();
    assertThat(write(made.directory().create("d/g"), "").isOpen()).isTrue();
    assertThat(write(made.directory().create("é/ü.txt"), "ü").isOpen()).isTrue();

    assertThat(text(made.files()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("a.txt", "alpha", "d/e/f.bin", "deep", "d/g", "", "é/ü.txt", "ü"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("hostileNamesForEachKind")
  protected void aNameThatIsNotPortableIsRefusedBeforeAnythingIsCreated(
      OutputDirectoryKind kind, String name) throws Exception {
    OutputDirectoryKind.Made made = open(kind);
    assertThat(write(made.directory().create("kept"), "k").isOpen()).isTrue();

    assertThatThrownBy(() -> made.directory().create(name))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(text(made.files())).containsExactlyEntriesOf(Map.of("kept", "k"));
  }

  @ForEachOutputDirectory
  protected void anExistingFileIsNeitherReplacedNorAppendedTo(OutputDirectoryKind kind)
      throws Exception {
    OutputDirectoryKind.Made made = open(kind);
    assertThat(write(made.directory().create("f"), "old").isOpen()).isTrue();

    Output again = made.directory().create("f");
    Outcome written = write(again, "new");

    assertThat(written.isFailed()).isTrue();
    assertThat(written.count()).isZero();
    assertThat(text(made.files())).containsExactlyEntriesOf(Map.of("f", "old"));
  }

  @ForEachOutputDirectory
  protected void aFileStandingWhereAParentShouldFailsTheOutput(OutputDirectoryKind kind)
      throws Exception {
    OutputDirectoryKind.Made made = open(kind);
    assertThat(write(made.directory().create("f"), "file").isOpen()).isTrue();

    assertThat(write(made.directory().create("f/g"), "below a file").isFailed()).isTrue();
    assertThat(text(made.files())).containsExactlyEntriesOf(Map.of("f", "file"));
  }

  @ForEachOutputDirectory
  protected void aNameThatIsAlreadyADirectoryFailsTheOutput(OutputDirectoryKind kind)
      throws Exception {
    OutputDirectoryKind.Made made = open(kind);
    assertThat(write(made.directory().create("d/x"), "x").isOpen()).isTrue();

    assertThat(write(made.directory().create("d"), "over a directory").isFailed()).isTrue();
    assertThat(text(made.files())).containsExactlyEntriesOf(Map.of("d/x", "x"));
  }

  @ForEachOutputDirectory
  protected void aLinkIsFollowedNeitherAsAParentNorAsTheFile(OutputDirectoryKind kind)
      throws Exception {
    OutputDirectoryKind.Made made = open(kind);
    assumeTrue(made.plantLinkOut("link"), "the backend has no links");

    assertThat(write(made.directory().create("link/f"), "through").isFailed()).isTrue();
    assertThat(write(made.directory().create("link"), "over").isFailed()).isTrue();
    assertThat(made.outside()).isEmpty();
    assertThat(made.files()).isEmpty();
  }

  @ForEachOutputDirectory
  protected void outputsAreNamedBeneathTheDirectoryAndTypedByTheirNames(OutputDirectoryKind kind)
      throws Exception {
    OutputDirectoryKind.Made made = open(kind);
    Output csv = fixture().register(made.directory().create("t/x.csv"));

    assertThat(csv.mediaType().essence()).isEqualTo("text/csv");
    String directory = rendered(made.directory().pseudonym());
    assertThat(rendered(csv.pseudonym())).endsWith("t/x.csv").startsWith(directory);
  }

  @ForEachOutputDirectory
  protected void closingTheDirectoryLeavesItsOutputsWorkingAndRefusesNewOnes(
      OutputDirectoryKind kind) throws Exception {
    OutputDirectoryKind.Made made = open(kind);
    Output open = made.directory().create("later");
    made.directory().close();

    assertThat(write(open, "still").isOpen()).isTrue();
    assertThatThrownBy(() -> made.directory().create("more"))
        .isInstanceOf(IllegalStateException.class);
    made.directory().close(); // twice is fine
    assertThat(text(made.files())).containsExactlyEntriesOf(Map.of("later", "still"));
  }

  private static String rendered(dev.iotypes.Pseudonym pseudonym) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Output out = IoTypes.output(bytes)) {
      out.writePseudonym(pseudonym);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
