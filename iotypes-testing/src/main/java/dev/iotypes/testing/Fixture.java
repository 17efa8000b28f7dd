package dev.iotypes.testing;

import dev.iotypes.Input;
import dev.iotypes.IoArray;
import dev.iotypes.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What one test of a contract suite opens and must release: temporary files, background threads,
 * sockets. Threads run on their own executor, never the common pool, since a blocked pipe end must
 * not starve the other end on a two-core machine. A test class holds one per test with
 * {@code @RegisterExtension final Fixture fixture = Fixture.perTest();}, closed after each test.
 */
public final class Fixture implements AutoCloseable, AfterEachCallback {
  private final Path dir;
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final ExecutorService threads = Executors.newCachedThreadPool(Fixture::daemon);
  private int files;

  private Fixture(Path dir) {
    this.dir = dir;
  }

  public static Fixture inTempDir() throws IOException {
    Path dir = Files.createTempDirectory("iotypes-test");
    Fixture fixture = new Fixture(dir);
    fixture.register(() -> deleteTree(dir));
    return fixture;
  }

  /** A fixture for one test, as a JUnit extension that closes it when the test ends. */
  public static Fixture perTest() {
    try {
      return inTempDir();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    close();
  }

  public Path newPath(String suffix) {
    return dir.resolve("f" + files++ + suffix);
  }

  public Path newFile(byte[] content) throws IOException {
    return Files.write(newPath(".bin"), content);
  }

  public <T extends AutoCloseable> T register(T resource) {
    resources.push(resource);
    return resource;
  }

  public <T> Future<T> async(Callable<T> task) {
    return threads.submit(task);
  }

  /** A connected loopback pair on 127.0.0.1: [our end, the peer's end]. */
  public SocketChannel[] socketPair() throws IOException {
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      SocketChannel ours = register(SocketChannel.open(server.getLocalAddress()));
      SocketChannel peer = register(server.accept());
      return new SocketChannel[] {ours, peer};
    }
  }

  @Override
  public void close() throws Exception {
    threads.shutdownNow();
    Exception first = null;
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        first = first == null ? e : first;
      }
    }
    threads.awaitTermination(10, TimeUnit.SECONDS);
    if (first != null) {
      throw first;
    }
  }

  public static byte[] randomBytes(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** Everything left in {@code input} until it ends, through buffers of {@code chunk} bytes. */
  public static byte[] drain(Input input, int chunk) {
    ByteBuffer buffer = ByteBuffer.allocate(chunk);
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    while (true) {
      buffer.clear();
      Outcome read = input.read(buffer);
      all.write(buffer.array(), 0, buffer.position());
      if (read.isFailed()) {
        throw new AssertionError("input failed while draining: " + read);
      }
      if (read.isEnded()) {
        return all.toByteArray();
      }
    }
  }

  /** The whole array, read at offset 0. */
  public static byte[] contents(IoArray array) {
    long length = array.len().count();
    ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(length));
    Outcome read = array.readAt(buffer, 0);
    if (read.count() != length) {
      throw new AssertionError("short read of a whole array: " + read + " of " + length);
    }
    return buffer.array();
  }

  /** {@code array} with {@code content} written at offset 0. */
  public static IoArray filled(IoArray array, byte[] content) {
    Outcome written = array.writeAt(java.nio.ByteBuffer.wrap(content), 0);
    if (written.count() != content.length) {
      throw new AssertionError("could not fill an array: " + written);
    }
    return array;
  }

  private static Thread daemon(Runnable runnable) {
    Thread thread = new Thread(runnable, "fixture");
    thread.setDaemon(true);
    return thread;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
