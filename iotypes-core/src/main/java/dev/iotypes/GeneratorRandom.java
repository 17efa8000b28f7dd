package dev.iotypes;

import java.nio.ByteBuffer;
import java.util.random.RandomGenerator;

/**
 * Random bytes from a {@link RandomGenerator}, in the order its {@link
 * RandomGenerator#nextBytes(byte[])} gives them, so that one seed gives one sequence of bytes
 * however a program splits its calls. Calls are serialized: generators are not thread-safe.
 */
final class GeneratorRandom implements Random {
  private static final int CHUNK = 8192;

  private final RandomGenerator generator;
  private final String description;
  private final byte[] buffer = new byte[CHUNK];
  private int buffered; // bytes at the end of buffer not handed out yet

  GeneratorRandom(RandomGenerator generator, String description) {
    this.generator = generator;
    this.description = description;
  }

  @Override
  public synchronized void fill(ByteBuffer dst) {
    while (dst.hasRemaining()) {
      if (buffered == 0) {
        generator.nextBytes(buffer);
        buffered = CHUNK;
      }
      int n = Math.min(dst.remaining(), buffered);
      dst.put(buffer, CHUNK - buffered, n);
      buffered -= n;
    }
  }

  @Override
  public String toString() {
    return description;
  }
}
