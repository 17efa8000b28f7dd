package dev.iotypes.wasi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.wasi.sandbox.Beneath;
import dev.iotypes.wasi.sandbox.DirFd;
import dev.iotypes.wasi.sandbox.Root;
import dev.iotypes.wasi.sandbox.SandboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory swapped for a symbolic link out of the preopen between the walk and the use. The
 * operations {@link java.nio.file.SecureDirectoryStream} cannot do (mkdir, symlink, link, readlink,
 * stat, set-times) name their target through the directory the walk opened ({@link DirFd}), so they
 * land in it, wherever it now is; without the descriptor they check, just before use, that the path
 * still names that directory, and refuse. Either way nothing outside changes, and what is read is
 * what is inside.
 */
class BeneathTest {
  private static final FileTime LONG_AGO = FileTime.fromMillis(86_400_000L * 365);

  @TempDir Path tmp;

  private Path root;
  private Path inside;
  private Path moved;
  private Path outside;
  private Root confined;

  /** box/dir holds {@code file} and {@code link -> file}; outside holds the same names. */
  @BeforeEach
  void makeWorld() throws IOException {
    root = Files.createDirectories(tmp.resolve("box"));
    inside = Files.createDirectories(root.resolve("dir"));
    moved = root.resolve("dir.old");
    Files.writeString(inside.resolve("file"), "inside\n");
    Files.createSymbolicLink(inside.resolve("link"), Path.of("file"));
    outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("file"), "outside\n");
    Files.createSymbolicLink(outside.resolve("link"), Path.of("elsewhere"));
    confined = Root.open(root, false);
  }

  @AfterEach
  void closeRoot() throws IOException {
    confined.stream().close();
  }

  /** The walked directory goes away and a symbolic link out takes its place. */
  private void swap() throws IOException {
    Files.move(inside, moved);
    Files.createSymbolicLink(inside, outside);
  }

  private Beneath walk(String path, boolean followLast) {
    return Beneath.walk(confined, List.of(), path, followLast);
  }

  @Test
  void theDescriptorIsAvailableWhereTheBuildRunsSoTheSwapTestsBelowTestIt() {
    assertThat(DirFd.available()).isTrue();
  }

  @Test
  void mkdirAfterASwapLandsInTheDirectoryTheWalkOpened() throws Exception {
    Map<String, String> before = snapshot(outside);
    try (Beneath walk = walk("dir/new", false)) {
      swap();
      walk.createDirectory();
    }
    assertThat(moved.resolve("new")).isDirectory();
    assertThat(snapshot(outside)).isEqualTo(before);
  }

  @Test
  void symlinkAfterASwapLandsInTheDirectoryTheWalkOpened() throws Exception {
    Map<String, String> before = snapshot(outside);
    try (Beneath walk = walk("dir/new", false)) {
      swap();
      walk.createSymbolicLink("file");
    }
    assertThat(Files.readSymbolicLink(moved.resolve("new"))).isEqualTo(Path.of("file"));
    assertThat(snapshot(outside)).isEqualTo(before);
  }

  @Test
  void linkAfterASwapLinksTheFileInsideAndLandsInside() throws Exception {
    Map<String, String> before = snapshot(outside);
    try (Beneath from = walk("dir/file", true);
        Beneath to = walk("dir/hard", false)) {
      swap();
      Beneath.link(from, to);
    }
    assertThat(ino(moved.resolve("hard"))).isEqualTo(ino(moved.resolve("file")));
    assertThat(ino(moved.resolve("hard"))).isNotEqualTo(ino(outside.resolve("file")));
    assertThat(snapshot(outside)).isEqualTo(before);
  }

  @Test
  void linkFromADirectorySwappedAfterItsWalkNeverLinksTheFileOutside() throws Exception {
    Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
    Map<String, String> before = snapshot(outside);
    try (Beneath from = walk("dir/file", false);
        Beneath to = walk("elsewhere/hard", false)) {
      swap(); // only the source's directory moves
      Beneath.link(from, to);
    }
    assertThat(ino(elsewhere.resolve("hard"))).isEqualTo(ino(moved.resolve("file")));
    assertThat(Files.readString(elsewhere.resolve("hard"))).isEqualTo("inside\n");
    assertThat(snapshot(outside)).isEqualTo(before);
  }

  @Test
  void readlinkAfterASwapReadsTheLinkInside() throws Exception {
    Map<String, String> before = snapshot(outside);
    try (Beneath walk = walk("dir/link", false)) {
      swap();
      assertThat(walk.readSymbolicLink()).isEqualTo("file");
    }
    assertThat(snapshot(outside)).isEqualTo(before);
  }

  @Test
  void statAfterASwapDescribesTheFileInside() throws Exception {
    Map<String, String> before = snapshot(outside);
    try (Beneath walk = walk("dir/file", false)) {
      swap();
      Filestat s = Filestat.ofHost(walk.entry());
      assertThat(s.ino()).isEqualTo(ino(moved.resolve("file")));
      assertThat(s.size()).isEqualTo("inside\n".length());
    }
    assertThat(snapshot(outside)).isEqualTo(before);
  }

  @Test
  void statFollowingALinkAfterASwapDescribesTheFileInside() throws Exception {
    try (Beneath walk = walk("dir/link", true)) {
      swap();
      Filestat s = Filestat.ofHost(walk.entry());
      assertThat(s.filetype()).isEqualTo(Filestat.REGULAR_FILE);
      assertThat(s.ino()).isEqualTo(ino(moved.resolve("file")));
    }
  }

  @Test
  void statOfTheDirectoryItselfAfterASwapDescribesTheDirectoryOpened() throws Exception {
    try (Beneath walk = walk("dir/.", false)) {
      swap();
      Filestat s = Filestat.ofHost(walk.entry());
      assertThat(s.filetype()).isEqualTo(Filestat.DIRECTORY);
      assertThat(s.ino()).isEqualTo(ino(moved));
    }
  }

  @Test
  void setTimesAfterASwapSetsTheFileInsideAndNothingOutside() throws Exception {
    Map<String, String> before = snapshot(outside);
    try (Beneath walk = walk("dir/file", false)) {
      swap();
      walk.setTimes(LONG_AGO, LONG_AGO);
    }
    assertThat(Files.getLastModifiedTime(moved.resolve("file"))).isEqualTo(LONG_AGO);
    assertThat(snapshot(outside)).isEqualTo(before);
  }

  @Test
  void setTimesOnALinkAfterASwapSetsTheLinkInsideNotItsTarget() throws Exception {
    Map<String, String> before = snapshot(outside);
    FileTime file = Files.getLastModifiedTime(inside.resolve("file"));
    try (Beneath walk = walk("dir/link", false)) {
      swap();
      walk.setTimes(LONG_AGO, LONG_AGO);
    }
    assertThat(Files.getLastModifiedTime(moved.resolve("link"), LinkOption.NOFOLLOW_LINKS))
        .isEqualTo(LONG_AGO);
    assertThat(Files.getLastModifiedTime(moved.resolve("file"))).isEqualTo(file);
    assertThat(snapshot(outside)).isEqualTo(before);
  }

  @Test
  void withoutTheDescriptorEveryOperationRefusesTheSwap() throws Exception {
    Map<String, String> before = snapshot(outside);
    Map<String, String> was = snapshot(inside);
    try (Beneath mkdir = walk("dir/new", false).withoutFd();
        Beneath symlink = walk("dir/new2", false).withoutFd();
        Beneath file = walk("dir/file", false).withoutFd();
        Beneath link = walk("dir/link", false).withoutFd();
        Beneath hard = walk("dir/hard", false).withoutFd()) {
      swap();
      assertEscape(mkdir::createDirectory);
      assertEscape(() -> symlink.createSymbolicLink("file"));
      assertEscape(() -> Beneath.link(file, hard));
      assertEscape(link::readSymbolicLink);
      assertEscape(() -> Filestat.ofHost(file.entry()));
      assertEscape(() -> file.setTimes(LONG_AGO, LONG_AGO));
    }
    assertThat(snapshot(moved).keySet()).isEqualTo(was.keySet());
    assertThat(snapshot(outside)).isEqualTo(before);
  }

  @Test
  void withoutTheDescriptorASwappedAncestorIsRefusedToo() throws Exception {
    Files.createDirectories(root.resolve("a/b"));
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere/b"));
    try (Beneath walk = walk("a/b/new", false).withoutFd()) {
      Files.move(root.resolve("a"), root.resolve("a.old"));
      Files.createSymbolicLink(root.resolve("a"), elsewhere.getParent());
      assertEscape(walk::createDirectory);
    }
    assertThat(elsewhere.resolve("new")).doesNotExist();
  }

  @Test
  void aSwappedAncestorCannotRedirectTheDescriptorEither() throws Exception {
    Files.createDirectories(root.resolve("a/b"));
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere/b"));
    try (Beneath walk = walk("a/b/new", false)) {
      Files.move(root.resolve("a"), root.resolve("a.old"));
      Files.createSymbolicLink(root.resolve("a"), elsewhere.getParent());
      walk.createDirectory();
    }
    assertThat(root.resolve("a.old/b/new")).isDirectory();
    assertThat(elsewhere.resolve("new")).doesNotExist();
  }

  /** {@code dir/file} opened for reading and writing, not following links, as path_open does. */
  private Descriptor openFile() throws Exception {
    return new HostDirectory(confined, List.of())
        .open(
            new Directory.OpenRequest(
                "dir/file", false, false, false, false, false, true, true, 0));
  }

  @Test
  void anOpenFileWhoseDirectoryIsSwappedIsNeitherStattedNorTouchedOutside() throws Exception {
    Descriptor d = openFile();
    try {
      HostFile host = ((Descriptor.ArrayFd) d).host().orElseThrow();
      assertThat(host.stat().orElseThrow().ino()).isEqualTo(ino(inside.resolve("file")));
      Map<String, String> before = snapshot(outside);
      swap();
      assertThat(host.stat()).isEmpty();
      assertThatThrownBy(() -> host.setTimes(LONG_AGO, LONG_AGO))
          .isInstanceOf(RuntimeException.class);
      assertThat(snapshot(outside)).isEqualTo(before);
      assertThat(Files.getLastModifiedTime(moved.resolve("file"))).isNotEqualTo(LONG_AGO);
    } finally {
      d.close();
    }
  }

  @Test
  void anOpenFileRenamedOverIsNotReportedAsTheNewOne() throws Exception {
    Descriptor d = openFile();
    try {
      HostFile host = ((Descriptor.ArrayFd) d).host().orElseThrow();
      Files.writeString(inside.resolve("other"), "other\n");
      Files.move(
          inside.resolve("other"),
          inside.resolve("file"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      assertThat(host.stat()).isEmpty();
      assertThatThrownBy(() -> host.setTimes(LONG_AGO, LONG_AGO))
          .isInstanceOf(RuntimeException.class);
      assertThat(Files.getLastModifiedTime(inside.resolve("file"))).isNotEqualTo(LONG_AGO);
    } finally {
      d.close();
    }
  }

  @Test
  void listingAfterASwapListsTheDirectoryOpenedOrNothing() throws Exception {
    Files.createDirectories(inside.resolve("sub"));
    HostDirectory sub = new HostDirectory(confined, List.of("dir", "sub"));
    assertThat(sub.statSelf().ino()).isEqualTo(ino(inside.resolve("sub")));
    Files.createDirectories(outside.resolve("sub"));
    swap();
    // names lead through dir, now a link: the walk refuses it, and nothing outside is described
    assertThatThrownBy(sub::statSelf).isInstanceOf(SandboxException.class);
    assertThatThrownBy(sub::list).isInstanceOf(SandboxException.class);
  }

  private interface Op {
    void run() throws Exception;
  }

  private static void assertEscape(Op op) {
    assertThatThrownBy(op::run)
        .isInstanceOf(SandboxException.class)
        .extracting(e -> ((SandboxException) e).kind())
        .isEqualTo(SandboxException.Kind.ESCAPE);
  }

  private static long ino(Path p) throws IOException {
    return (Long) Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * Every entry's type, size, link count, link target and times, without reading contents. A first
   * pass lists directories and reads links, so that (with relatime) the snapshot's own reads have
   * already moved the access times they move.
   */
  private static Map<String, String> snapshot(Path top) throws IOException {
    Map<String, String> links = new TreeMap<>();
    for (Path p : tree(top)) {
      if (Files.isSymbolicLink(p)) {
        links.put(top.relativize(p).toString(), "-> " + Files.readSymbolicLink(p));
      }
    }
    Map<String, String> tree = new TreeMap<>();
    for (Path p : tree(top)) {
      String key = top.relativize(p).toString();
      Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
      tree.put(
          key,
          String.join(
              " ",
              String.valueOf(a.get("mode")),
              String.valueOf(a.get("size")),
              String.valueOf(a.get("nlink")),
              String.valueOf(a.get("lastModifiedTime")),
              String.valueOf(a.get("lastAccessTime")),
              links.getOrDefault(key, "")));
    }
    return tree;
  }

  private static List<Path> tree(Path top) throws IOException {
    try (Stream<Path> walk = Files.walk(top)) {
      return walk.toList();
    }
  }
}
