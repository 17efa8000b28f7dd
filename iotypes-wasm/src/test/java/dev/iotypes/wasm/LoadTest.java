package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.IoTypes;
import dev.iotypes.Pipe;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Many guests in one JVM: each run has its own instance, handle table and streams, so nothing
 * crosses between them, and what they used is given back.
 */
class LoadTest {
  private static final int RUNS = 200;

  /**
   * Bytes moved through a pipe between two guests: 64 MiB in {@code mvn verify}; the 1 GiB run is
   * {@code mvn -pl iotypes-core,iotypes-wasm test -Dtest=LoadTest -Diotypes.pipeBytes=1073741824
   * -Diotypes.skipFuzz -Dsurefire.failIfNoSpecifiedTests=false} (17 s here, heap growth under 256
   * MiB).
   */
  private static final long PIPE_BYTES = Long.getLong("iotypes.pipeBytes", 64L << 20);

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static byte[] input(int i) {
    StringBuilder text = new StringBuilder();
    for (int line = 0; line < 50 + i; line++) {
      text.append("run ")
          .append(i)
          .append(" line ")
          .append(line)
          .append(" x".repeat(i % 7))
          .append('\n');
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void twoHundredConcurrentRunsHaveNoCrossTalkAndGiveTheirMemoryBack() throws Exception {
    Guest wc = Guest.load(GuestToolsTest.GUESTS.resolve("wc.wasm"));
    Guest sha = Guest.load(GuestToolsTest.GUESTS.resolve("sha256sum.wasm"));
    // The expected wc output of each input, one at a time.
    List<String> expectedWc = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      GuestToolsTest.inOut(wc, input(i), out).call();
      expectedWc.add(out.toString(StandardCharsets.UTF_8));
    }
    long before = usedHeapAfterGc();

    ExecutorService pool = Executors.newFixedThreadPool(RUNS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      int n = i;
      results.add(
          pool.submit(
              () -> {
                start.await();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                Guest guest = n % 2 == 0 ? wc : sha;
                int status = GuestToolsTest.inOut(guest, input(n), out).call();
                return status + " " + out.toString(StandardCharsets.UTF_8);
              }));
    }
    start.countDown();
    for (int i = 0; i < RUNS; i++) {
      String result = results.get(i).get(2, TimeUnit.MINUTES);
      if (i % 2 == 0) {
        assertThat(result).as("wc run " + i).isEqualTo("0 " + expectedWc.get(i));
      } else {
        assertThat(result).as("sha256sum run " + i).startsWith("0 " + sha256(input(i)) + " ");
      }
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    results.clear();

    long after = usedHeapAfterGc();
    assertThat(after - before).as("heap kept after 200 runs").isLessThan(32L << 20);
  }

  /** {@code n} bytes of a fixed pattern, made as they are read: the source holds nothing. */
  private static final class Pattern extends InputStream {
    private long left;
    private long position;

    Pattern(long n) {
      this.left = n;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left == 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      for (int i = 0; i < n; i++) {
        b[off + i] = (byte) ((position + i) * 31 >>> 3);
      }
      position += n;
      left -= n;
      return n;
    }
  }

  @Test
  void aPipeBetweenTwoGuestsOnTwoThreadsMovesItAllInBoundedMemory() throws Exception {
    Guest upper = Guest.load(GuestToolsTest.GUESTS.resolve("cat.wasm"));
    Guest sha = Guest.load(GuestToolsTest.GUESTS.resolve("sha256sum.wasm"));
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    byte[] buffer = new byte[1 << 16];
    try (Pattern expected = new Pattern(PIPE_BYTES)) {
      for (int n; (n = expected.read(buffer, 0, buffer.length)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    long before = usedHeapAfterGc();
    AtomicLong peak = new AtomicLong();
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.setDaemon(true);
    sampler.start();

    Pipe pipe = IoTypes.pipe();
    ExecutorService two = Executors.newFixedThreadPool(2);
    Future<Integer> producer =
        two.submit(
            () -> {
              try {
                return upper.main().bind(0, new Pattern(PIPE_BYTES)).bind(1, pipe.output()).call();
              } finally {
                pipe.output().close(); // the embedder's output: its end of the pipe is ours
              }
            });
    ByteArrayOutputStream hash = new ByteArrayOutputStream();
    Future<Integer> consumer =
        two.submit(
            () -> {
              try {
                return sha.main().bind(0, pipe.input()).bind(1, hash).call();
              } finally {
                pipe.input().close();
              }
            });
    assertThat(producer.get(10, TimeUnit.MINUTES)).isZero();
    assertThat(consumer.get(10, TimeUnit.MINUTES)).isZero();
    two.shutdown();
    sampler.interrupt();

    assertThat(hash.toString(StandardCharsets.UTF_8))
        .startsWith(HexFormat.of().formatHex(digest.digest()));
    // Garbage is allowed to pile up between collections, but never anything like the bytes moved.
    assertThat(peak.get() - before).as("heap growth while moving the bytes").isLessThan(256L << 20);
  }
}
