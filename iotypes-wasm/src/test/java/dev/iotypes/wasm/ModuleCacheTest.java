package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.wasm.runtime.ModuleCache;
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
  private static final byte[] MODULE = {0, 'a', 's', 'm', 1, 0, 0, 0};

  @TempDir Path root;

  private int runHello(Path cacheRoot) throws Exception {
    // The cache keeps what Chicory's compiler made; iotypes' engine compiles per function, lazily.
    Guest hello =
        Guest.load(
            GUESTS.resolve("hello.wasm"),
            GuestOptions.DEFAULTS.withExecution(Execution.CHICORY).withCache(cacheRoot));
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

  private int runWc(Path cacheRoot, Path input, ByteArrayOutputStream out) throws Exception {
    Guest wc =
        Guest.load(
            GUESTS.resolve("wc.wasm"),
            GuestOptions.DEFAULTS.withExecution(Execution.IOTYPES).withCache(cacheRoot));
    return wc.main().bind("inputs", List.of(input)).bind("output", out).call();
  }

  @Test
  void theEnginesClassesAreKeptAndServedToTheNextRun() throws Exception {
    Path input = Files.writeString(root.resolve("in.txt"), "one two\nthree\n");
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    assertThat(runWc(root, input, first)).isZero();
    Path dir = root.resolve("iotypes-engine-" + dev.iotypes.engine.Engine.version());
    List<Path> kept;
    try (Stream<Path> files = Files.list(dir)) {
      kept = files.toList();
    }
    assertThat(kept).hasSize(1);
    long written = Files.getLastModifiedTime(kept.get(0)).toMillis();
    byte[] entry = Files.readAllBytes(kept.get(0));

    // The second run compiles nothing, so writes nothing, and computes the same.
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    assertThat(runWc(root, input, second)).isZero();
    assertThat(second.toString()).isEqualTo(first.toString()).startsWith(" 2  3 14 ");
    assertThat(Files.getLastModifiedTime(kept.get(0)).toMillis()).isEqualTo(written);
    assertThat(Files.readAllBytes(kept.get(0))).isEqualTo(entry);

    // A corrupt entry is a miss: compiled again, same result.
    Files.write(kept.get(0), java.util.Arrays.copyOf(entry, entry.length / 2));
    ByteArrayOutputStream third = new ByteArrayOutputStream();
    assertThat(runWc(root, input, third)).isZero();
    assertThat(third.toString()).isEqualTo(first.toString());
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
      byte[] hello = Files.readAllBytes(GUESTS.resolve("hello.wasm"));
      assertThat(ModuleCache.in(root).get(hello)).isNotNull();
      assertThat(Files.size(entry)).isEqualTo(good.length);
    }
  }

  @Test
  void aCorruptEntryIsAMissForTheCacheItself() throws Exception {
    ModuleCache cache = ModuleCache.in(root);
    byte[] module = {0, 'a', 's', 'm', 1, 0, 0, 0};
    cache.put(module, new byte[] {1, 2, 3});
    assertThat(cache.get(module)).containsExactly(1, 2, 3);
    Path file = cache.file(module);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 1] = 9;
    Files.write(file, bytes);
    assertThat(cache.get(module)).isNull();
    assertThat(file).doesNotExist();
    assertThat(cache.get(new byte[] {7})).isNull();

    cache.put(module, new byte[] {4, 5});
    Files.write(file, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
    assertThat(cache.get(module)).as("a byte too many").isNull();
    assertThat(file).doesNotExist();
  }

  @Test
  void aModuleWithTheSameLengthAndChecksumIsAMissNeverTheOthersCode() throws Exception {
    // CRC-32C is linear: appending the CRC of a message makes the residue constant, so these
    // two 8-byte modules, each followed by its own little-endian CRC, collide by construction.
    byte[] a = withCrc(new byte[] {1, 2, 3, 4});
    byte[] b = withCrc(new byte[] {9, 8, 7, 6});
    assertThat(ModuleCache.key(a)).isEqualTo(ModuleCache.key(b));
    assertThat(a).isNotEqualTo(b);

    ModuleCache cache = ModuleCache.in(root);
    cache.put(a, new byte[] {1});
    assertThat(cache.get(a)).containsExactly(1);
    assertThat(cache.get(b)).isNull();
    assertThat(cache.get(a)).as("and the entry stays for its own module").containsExactly(1);
    cache.put(b, new byte[] {2});
    assertThat(cache.get(b)).containsExactly(2);
    assertThat(cache.get(a)).isNull();
  }

  private static byte[] withCrc(byte[] message) {
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(message);
    return java.nio.ByteBuffer.allocate(message.length + 4)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .put(message)
        .putInt((int) crc.getValue())
        .array();
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
                  cache.put(MODULE, payload);
                  return cache.get(MODULE);
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
    cache.put(MODULE, new byte[] {1});
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.file(MODULE))))
        .isEqualTo("rw-------");
  }

  @Test
  void aCacheThatCannotBeMadeMeansCompilingEveryTime() throws Exception {
    Path file = Files.writeString(root.resolve("not-a-directory"), "x");
    assertThat(ModuleCache.in(file)).isNull();
    assertThat(runHello(file)).isZero();
  }
}
