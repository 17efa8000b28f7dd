package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiled-module cache: hits, corrupt entries, concurrent writers, and an unsafe directory.
 */
class ModuleCacheTest {
  private static final Path GUESTS = Path.of("..", "guests", "wasm");

  @TempDir Path root;

  private int runHello(Path cacheRoot) throws Exception {
    Guest hello =
        Guest.load(GUESTS.resolve("hello.wasm"), GuestOptions.DEFAULTS.withCache(cacheRoot));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = hello.main().bind("output", out).call();
    assertThat(out.toString()).isEqualTo("hello, world\n");
    return status;
  }

  private List<Path> entries() throws Exception {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".jar")).toList();
    }
  }

  @Test
  void aModuleIsCompiledOnceAndThenLoadedFromTheCache() throws Exception {
    assertThat(runHello(root)).isZero();
    List<Path> entries = entries();
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).getParent().getFileName().toString())
        .isEqualTo("chicory-" + ModuleCache.chicoryVersion());
    long written = Files.getLastModifiedTime(entries.get(0)).toMillis();
    assertThat(runHello(root)).isZero();
    assertThat(Files.getLastModifiedTime(entries.get(0)).toMillis()).isEqualTo(written);
  }

  @Test
  void aCorruptEntryIsIgnoredDeletedAndCompiledAgain() throws Exception {
    runHello(root);
    Path entry = entries().get(0);
    byte[] good = Files.readAllBytes(entry);
    byte[] flipped = good.clone();
    flipped[flipped.length / 2] ^= 0x55;
    for (byte[] bad :
        new byte[][] {flipped, new byte[0], java.util.Arrays.copyOf(good, good.length / 3)}) {
      Files.write(entry, bad);
      assertThat(runHello(root)).isZero();
      // Rewritten whole (compiled again: the jar's timestamps may differ from the first one's).
      String name = entry.getFileName().toString();
      String key =
          "sha256:"
              + java.util.Base64.getEncoder()
                  .encodeToString(
                      java.util.HexFormat.of().parseHex(name.substring(0, name.length() - 4)));
      assertThat(ModuleCache.in(root).get(key)).isNotNull().hasSize(good.length - 35);
    }
  }

  @Test
  void aCorruptEntryIsAMissForTheCacheItself() throws Exception {
    ModuleCache cache = ModuleCache.in(root);
    cache.putIfAbsent("sha256:AAAA", new byte[] {1, 2, 3});
    assertThat(cache.get("sha256:AAAA")).containsExactly(1, 2, 3);
    Path file = cache.file("sha256:AAAA");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 1] = 9;
    Files.write(file, bytes);
    assertThat(cache.get("sha256:AAAA")).isNull();
    assertThat(file).doesNotExist();
    assertThat(cache.get("sha256:nothing-here")).isNull();

    cache.putIfAbsent("sha256:BBBB", new byte[] {4, 5});
    Path longer = cache.file("sha256:BBBB");
    Files.write(longer, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
    assertThat(cache.get("sha256:BBBB")).as("a byte too many").isNull();
    assertThat(longer).doesNotExist();
  }

  @Test
  void concurrentWritersEachPublishAWholeEntryAndLeaveNoTemporaryFiles() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<byte[]>> readers = new ArrayList<>();
      byte[] payload = new byte[1 << 20];
      new java.util.Random(7).nextBytes(payload);
      for (int i = 0; i < 32; i++) {
        readers.add(
            pool.submit(
                () -> {
                  ModuleCache cache = ModuleCache.in(root); // one per "process"
                  cache.putIfAbsent("sha256:key", payload);
                  return cache.get("sha256:key");
                }));
      }
      for (Future<byte[]> read : readers) {
        assertThat(read.get()).isEqualTo(payload);
      }
    } finally {
      pool.shutdownNow();
    }
    try (Stream<Path> files = Files.walk(root)) {
      assertThat(files.filter(f -> f.toString().endsWith(".tmp")).toList()).isEmpty();
    }
    // Concurrent runs of one guest through the real compiler agree as well.
    ExecutorService runs = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        statuses.add(runs.submit(() -> runHello(root)));
      }
      for (Future<Integer> status : statuses) {
        assertThat(status.get()).isZero();
      }
    } finally {
      runs.shutdownNow();
    }
  }

  @Test
  void aDirectorySomeoneElseOwnsIsNotUsed() throws Exception {
    Path theirs = Files.createDirectory(root.resolve("theirs"));
    Object mine = Files.getAttribute(theirs, "unix:uid");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        mine.equals(0), "only root can give a directory away");
    Files.setAttribute(theirs, "unix:uid", 65534);
    assertThat(ModuleCache.in(theirs)).isNull();
    Files.setAttribute(theirs, "unix:uid", mine);
    assertThat(ModuleCache.in(theirs)).isNotNull();
  }

  @Test
  void aDirectoryOthersMayWriteIsMadePrivateAndItsEntriesArePrivate() throws Exception {
    Path shared = Files.createDirectory(root.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    ModuleCache cache = ModuleCache.in(shared);
    assertThat(cache).isNotNull();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)))
        .isEqualTo("rwx------");
    cache.putIfAbsent("sha256:x", new byte[] {1});
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.file("sha256:x"))))
        .isEqualTo("rw-------");
  }

  @Test
  void aCacheThatCannotBeMadeMeansCompilingEveryTime() throws Exception {
    Path file = Files.writeString(root.resolve("not-a-directory"), "x");
    assertThat(ModuleCache.in(file)).isNull();
    assertThat(runHello(file)).isZero();
  }
}
