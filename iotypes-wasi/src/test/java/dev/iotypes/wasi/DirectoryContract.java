package dev.iotypes.wasi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.iotypes.testing.Fixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Directory} does with the same tree, whichever kind it is: the read side of the
 * preview1 path operations (stat, list, open), and that no path leads above it. The tree is {@code
 * a.txt} ("hello") and {@code sub/b.txt} ("bye"), with {@code outside.txt} next to the directory,
 * never reachable from it. Changes differ by kind on purpose (bound names are read-only), so they
 * are each kind's own tests.
 */
abstract class DirectoryContract {
  private Fixture fixture;
  private Directory directory;

  /** The directory over {@code tree} as this kind makes it; resources go to {@code fixture}. */
  abstract Directory open(Path tree, Fixture fixture) throws Exception;

  @BeforeEach
  final void makeTree() throws Exception {
    fixture = Fixture.inTempDir();
    Path around = Files.createDirectory(fixture.newPath(".around"));
    Files.writeString(around.resolve("outside.txt"), "secret");
    Path tree = Files.createDirectory(around.resolve("tree"));
    Files.writeString(tree.resolve("a.txt"), "hello");
    Files.createDirectory(tree.resolve("sub"));
    Files.writeString(tree.resolve("sub/b.txt"), "bye");
    directory = open(tree, fixture);
  }

  @AfterEach
  final void closeFixture() throws Exception {
    fixture.close();
  }

  @Test
  void itsOwnStatIsADirectory() {
    assertThat(directory.statSelf().filetype()).isEqualTo(Filestat.DIRECTORY);
  }

  @Test
  void statReportsFilesWithTheirSizeAndDirectoriesAsSuch() {
    Filestat a = directory.stat("a.txt", true);
    assertThat(a.filetype()).isEqualTo(Filestat.REGULAR_FILE);
    assertThat(a.size()).isEqualTo(5);
    assertThat(directory.stat("sub", true).filetype()).isEqualTo(Filestat.DIRECTORY);
    assertThat(directory.stat("sub/b.txt", true).size()).isEqualTo(3);
  }

  @Test
  void statOfAMissingNameIsNoent() {
    assertErrno(() -> directory.stat("missing", true), Errno.NOENT);
  }

  @Test
  void aTrailingSlashOnAFileIsNotdir() {
    assertErrno(() -> directory.stat("a.txt/", true), Errno.NOTDIR);
  }

  @Test
  void listGivesDotAndDotDotFirstThenEveryNameWithItsType() {
    List<Dirent> entries = directory.list();
    assertThat(entries.subList(0, 2)).extracting(Dirent::name).containsExactly(".", "..");
    assertThat(entries.subList(2, entries.size()))
        .extracting(Dirent::name, Dirent::filetype)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("a.txt", Filestat.REGULAR_FILE),
            org.assertj.core.groups.Tuple.tuple("sub", Filestat.DIRECTORY));
  }

  @Test
  void openOfAFileForReadingGivesItsBytes() {
    Descriptor opened = directory.open(request("a.txt", false));
    try {
      assertThat(Fixture.contents(((Descriptor.ArrayFd) opened).array()))
          .isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
    } finally {
      opened.close();
    }
  }

  @Test
  void openOfASubdirectoryGivesADirectoryThatListsItsNames() {
    Descriptor opened = directory.open(request("sub", false));
    try {
      Directory sub = ((Descriptor.DirectoryFd) opened).directory();
      assertThat(sub.list()).extracting(Dirent::name).contains("b.txt").doesNotContain("a.txt");
    } finally {
      opened.close();
    }
  }

  @Test
  void openOfAMissingNameWithoutCreateIsNoent() {
    assertErrno(() -> directory.open(request("missing", false)), Errno.NOENT);
  }

  @Test
  void openOfADirectoryForWritingIsIsdir() {
    assertErrno(() -> directory.open(request("sub", true)), Errno.ISDIR);
  }

  @Test
  void noPathLeadsAboveTheDirectory() {
    // Refused by the directory or by the sandbox beneath it; either way the guest reads EPERM.
    assertEscapeRefused(() -> directory.stat("../outside.txt", true));
    assertEscapeRefused(() -> directory.open(request("../outside.txt", false)));
    assertEscapeRefused(() -> directory.open(request("sub/../../outside.txt", false)));
  }

  private static void assertEscapeRefused(ThrowingCallable call) {
    assertThat(Errno.of(catchThrowable(call))).isIn(Errno.PERM, Errno.NOTCAPABLE);
  }

  private static Directory.OpenRequest request(String path, boolean write) {
    return new Directory.OpenRequest(path, false, false, false, false, false, true, write, 0);
  }

  private static void assertErrno(Runnable call, Errno errno) {
    assertThatThrownBy(call::run)
        .isInstanceOf(Errno.Raised.class)
        .extracting(e -> ((Errno.Raised) e).errno)
        .isEqualTo(errno);
  }
}
