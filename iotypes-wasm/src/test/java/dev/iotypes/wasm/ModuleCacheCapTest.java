package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.wasm.runtime.ModuleCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module cache holds at most its cap in bytes: storing past it evicts the entries used least
 * recently, across every compiler's directory under the same root.
 */
class ModuleCacheCapTest {
  @TempDir Path root;

  private static byte[] module(int n) {
    return new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, (byte) n};
  }

  /** Pretends {@code file} was last used {@code secondsAgo}, as a slower test would have it. */
  private static void usedAgo(Path file, int secondsAgo) throws Exception {
    FileTime then = FileTime.fromMillis(System.currentTimeMillis() - secondsAgo * 1000L);
    Files.getFileAttributeView(file, BasicFileAttributeView.class).setTimes(null, then, null);
  }

  @Test
  void storingPastTheCapEvictsTheLeastRecentlyUsedEntries() throws Exception {
    byte[] payload = new byte[1000];
    ModuleCache cache = ModuleCache.in(root, "one", 2500);
    cache.put(module(1), payload);
    cache.put(module(2), payload);
    usedAgo(cache.file(module(1)), 300);
    usedAgo(cache.file(module(2)), 200);
    assertThat(cache.get(module(1))).as("a hit is a use").isEqualTo(payload);

    cache.put(module(3), payload);

    assertThat(cache.get(module(2))).as("least recently used").isNull();
    assertThat(cache.get(module(1))).isEqualTo(payload);
    assertThat(cache.get(module(3))).isEqualTo(payload);
  }

  @Test
  void theCapCoversEveryCompilersDirectory() throws Exception {
    byte[] payload = new byte[1000];
    ModuleCache old = ModuleCache.in(root, "old-compiler", 1500);
    old.put(module(1), payload);
    usedAgo(old.file(module(1)), 3600);
    ModuleCache current = ModuleCache.in(root, "new-compiler", 1500);
    current.put(module(2), payload);
    assertThat(old.file(module(1))).doesNotExist();
    assertThat(current.get(module(2))).isEqualTo(payload);
  }

  @Test
  void onlyEntriesAreEvictedNeverOtherFilesInADirectoryTheUserNamed() throws Exception {
    Path theirs = Files.write(root.resolve("library.jar"), new byte[4000]);
    Path alsoTheirs =
        Files.write(Files.createDirectory(root.resolve("lib")).resolve("x.jar"), new byte[4000]);
    usedAgo(theirs, 3600);
    usedAgo(alsoTheirs, 3600);
    ModuleCache cache = ModuleCache.in(root, "one", 1500);
    cache.put(module(1), new byte[1000]);
    assertThat(theirs).exists();
    assertThat(alsoTheirs).exists();
    assertThat(cache.get(module(1))).hasSize(1000);
  }

  @Test
  void anEntryLargerThanTheWholeCapIsNotStored() throws Exception {
    ModuleCache cache = ModuleCache.in(root, "one", 100);
    cache.put(module(1), new byte[1000]);
    assertThat(cache.get(module(1))).isNull();
    assertThat(cache.file(module(1))).doesNotExist();
  }

  @Test
  void theCapComesFromTheOptions() throws Exception {
    GuestOptions options = GuestOptions.DEFAULTS.withCache(root).withMaxCacheBytes(1);
    assertThat(options.maxCacheBytes()).isEqualTo(1);
    assertThat(GuestOptions.DEFAULTS.maxCacheBytes()).isEqualTo(1L << 30);
    Guest guest =
        Guest.load(
            GuestToolsTest.GUESTS.resolve("hello.wasm"), options.withExecution(Execution.CHICORY));
    guest.main().bind("output", new java.io.ByteArrayOutputStream()).call();
    try (var files = Files.walk(root)) {
      assertThat(files.filter(f -> f.toString().endsWith(".jar")).toList()).isEmpty();
    }
  }
}
