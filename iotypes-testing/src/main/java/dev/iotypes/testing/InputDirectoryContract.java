package dev.iotypes.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.DirectoryEntry;
import dev.iotypes.Input;
import dev.iotypes.InputDirectory;
import dev.iotypes.IoTypes;
import dev.iotypes.MediaType;
import dev.iotypes.Output;
import dev.iotypes.PortableName;
import java.io.ByteArrayOutputStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link InputDirectory} contract, as an abstract suite: a module runs it against its backends
 * by extending this class and listing them in {@link #directories()}. Every backend is handed the
 * same tree, so passing it means a folder, an archive and a map of one tree list the same entries,
 * in the same order, with the same bytes behind them.
 */
public abstract class InputDirectoryContract extends ContractSuite {
  private static final byte[] BIG = Fixture.randomBytes(200_000, 7);

  /** A tree with nesting, an empty file, non-ASCII names and names that sort apart by bytes. */
  protected static final Map<String, byte[]> TREE = tree();

  /** The names {@link #TREE} lists, parents included, in UTF-8 byte order. */
  private static final List<String> NAMES =
      List.of(
          "B.txt",
          "a",
          "a.txt",
          "a/b.bin",
          "a/c",
          "a/c/d.txt",
          "a/e",
          "z",
          "z/y",
          "z/y/x.csv",
          "é",
          "é/ü.txt");

  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @ParameterizedTest(name = "{0}")
  @MethodSource("directoryKinds")
  @interface ForEachDirectory {}

  /** The backends under test. */
  protected abstract List<Named<DirectoryKind>> directories();

  protected final Stream<Named<DirectoryKind>> directoryKinds() {
    return directories().stream();
  }

  private static Map<String, byte[]> tree() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("a.txt", utf8("alpha\n"));
    files.put("a/b.bin", BIG);
    files.put("a/c/d.txt", new byte[0]);
    files.put("a/e", utf8("e"));
    files.put("B.txt", utf8("upper case sorts first\n"));
    files.put("z/y/x.csv", utf8("1,2\n3,4\n"));
    files.put("é/ü.txt", utf8("ü\n"));
    return Collections.unmodifiableMap(files);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private InputDirectory open(DirectoryKind kind) throws Exception {
    return fixture().register(kind.open(TREE, fixture()));
  }

  private static List<DirectoryEntry> list(InputDirectory directory) {
    List<DirectoryEntry> entries = new ArrayList<>();
    for (Optional<DirectoryEntry> e = directory.next(); e.isPresent(); e = directory.next()) {
      entries.add(e.get());
    }
    return entries;
  }

  private byte[] read(DirectoryEntry entry) {
    return Fixture.drain(fixture().register(entry.open()), 4096);
  }

  @ForEachDirectory
  protected void listsEveryFileAndEveryParentInUtf8ByteOrder(DirectoryKind kind) throws Exception {
    List<DirectoryEntry> entries = list(open(kind));

    assertThat(entries).extracting(DirectoryEntry::name).containsExactlyElementsOf(NAMES);
    for (DirectoryEntry entry : entries) {
      boolean file = TREE.containsKey(entry.name());
      assertThat(entry.kind())
          .as(entry.name())
          .isEqualTo(file ? DirectoryEntry.Kind.FILE : DirectoryEntry.Kind.DIRECTORY);
      assertThat(entry.size())
          .as(entry.name())
          .isEqualTo(file ? TREE.get(entry.name()).length : -1);
    }
  }

  @ForEachDirectory
  protected void everyNameIsPortable(DirectoryKind kind) throws Exception {
    for (DirectoryEntry entry : list(open(kind))) {
      assertThat(PortableName.isPortable(entry.name())).as(entry.name()).isTrue();
      assertThat(entry.name()).doesNotStartWith("/").doesNotEndWith("/").doesNotContain("\\");
    }
  }

  @ForEachDirectory
  protected void eachFileOpenedReadsItsBytesThenEnds(DirectoryKind kind) throws Exception {
    for (DirectoryEntry entry : list(open(kind))) {
      if (entry.kind() == DirectoryEntry.Kind.FILE) {
        assertThat(read(entry)).as(entry.name()).isEqualTo(TREE.get(entry.name()));
      }
    }
  }

  @ForEachDirectory
  protected void filesOpenedInReverseOrderReadTheSame(DirectoryKind kind) throws Exception {
    List<DirectoryEntry> entries = list(open(kind));
    Collections.reverse(entries);
    for (DirectoryEntry entry : entries) {
      if (entry.kind() == DirectoryEntry.Kind.FILE) {
        assertThat(read(entry)).as(entry.name()).isEqualTo(TREE.get(entry.name()));
      }
    }
  }

  @ForEachDirectory
  protected void openingAnEntryTwiceGivesTwoIndependentInputs(DirectoryKind kind) throws Exception {
    DirectoryEntry big =
        list(open(kind)).stream().filter(e -> e.name().equals("a/b.bin")).findFirst().orElseThrow();
    Input first = fixture().register(big.open());
    Input second = fixture().register(big.open());

    assertThat(first.skip(100_000).count()).isEqualTo(100_000);
    assertThat(Fixture.drain(second, 777)).isEqualTo(BIG);
    assertThat(Fixture.drain(first, 777)).hasSize(BIG.length - 100_000);
  }

  @ForEachDirectory
  protected void anInputStaysReadableWhileTheListingGoesOn(DirectoryKind kind) throws Exception {
    InputDirectory directory = open(kind);
    DirectoryEntry first = directory.next().orElseThrow();
    Input input = fixture().register(first.open());

    list(directory);
    assertThat(directory.next()).isEmpty();
    assertThat(Fixture.drain(input, 3)).isEqualTo(TREE.get(first.name()));
  }

  @ForEachDirectory
  protected void aDirectoryEntryOpensAsAnEmptyInput(DirectoryKind kind) throws Exception {
    DirectoryEntry a = list(open(kind)).get(NAMES.indexOf("a"));

    assertThat(a.kind()).isEqualTo(DirectoryEntry.Kind.DIRECTORY);
    assertThat(read(a)).isEmpty();
  }

  @ForEachDirectory
  protected void mediaTypesComeFromTheNamesAndPseudonymsNameEachEntry(DirectoryKind kind)
      throws Exception {
    List<DirectoryEntry> entries = list(open(kind));
    DirectoryEntry text = entries.get(NAMES.indexOf("a.txt"));
    DirectoryEntry csv = entries.get(NAMES.indexOf("z/y/x.csv"));

    assertThat(text.origin().mediaType().essence()).isEqualTo("text/plain");
    assertThat(csv.origin().mediaType().essence()).isEqualTo("text/csv");
    assertThat(entries.get(NAMES.indexOf("a")).origin().mediaType())
        .isEqualTo(MediaType.OCTET_STREAM);
    assertThat(rendered(text)).endsWith("a.txt");
    assertThat(rendered(csv)).endsWith("z/y/x.csv");
    assertThat(text.origin().pseudonym()).isNotSameAs(csv.origin().pseudonym());
  }

  private static String rendered(DirectoryEntry entry) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Output out = IoTypes.output(bytes)) {
      out.writePseudonym(entry.origin().pseudonym());
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @ForEachDirectory
  protected void afterTheLastEntryEveryNextIsEmpty(DirectoryKind kind) throws Exception {
    InputDirectory directory = open(kind);
    assertThat(list(directory)).hasSize(NAMES.size());

    assertThat(directory.next()).isEmpty();
    assertThat(directory.next()).isEmpty();
  }

  @ForEachDirectory
  protected void closingTwiceIsFineAndNextAfterCloseThrows(DirectoryKind kind) throws Exception {
    InputDirectory directory = open(kind);
    directory.close();
    directory.close();

    assertThatThrownBy(directory::next).isInstanceOf(IllegalStateException.class);
  }
}
