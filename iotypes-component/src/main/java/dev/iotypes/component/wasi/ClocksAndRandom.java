package dev.iotypes.component.wasi;

import dev.iotypes.Pollable;
import dev.iotypes.component.abi.Value;
import dev.iotypes.component.link.HostInterface;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

/**
 * {@code wasi:clocks} and {@code wasi:random} from what preview1's {@code clock_time_get} and
 * {@code random_get} read: the I/O-types clock and random the options hand in ({@code --clock},
 * {@code --seed}), else the options' clock, monotonic source and random source (with preview1's
 * resolutions). A run given a fixed clock and seed is as repeatable as a preview1 run.
 */
final class ClocksAndRandom {
  /** The most random bytes given at once; a larger request is a guest error, not an allocation. */
  static final long MAX_RANDOM = 1 << 20;

  private final Session s;
  private final Streams streams;
  private final dev.iotypes.Clock clock; // null: the options' java.time clock and nanos
  private final dev.iotypes.Random random; // null: the options' java.util.Random
  private final long origin;

  ClocksAndRandom(Session s, Streams streams) {
    this.s = s;
    this.streams = streams;
    this.clock = s.options.clockHandle().orElse(null);
    this.random = s.options.randomHandle().orElse(null);
    this.origin = clock != null ? 0 : s.options.monotonicNanos().getAsLong();
  }

  private long monotonic() {
    return clock != null ? clock.monotonicNanos() : s.options.monotonicNanos().getAsLong() - origin;
  }

  private Instant wall() {
    return clock != null ? clock.now() : s.options.clock().instant();
  }

  List<HostInterface> interfaces() {
    return List.of(
        new HostInterface("wasi:clocks/monotonic-clock@0.2.0")
            .function("now", a -> monotonic())
            .function("resolution", a -> clock != null ? clock.resolutionNanos() : 1L)
            .function("subscribe-instant", a -> streams.pollable(deadline((Long) a.get(0))))
            .function(
                "subscribe-duration",
                a -> streams.pollable(deadline(saturatedAdd(monotonic(), (Long) a.get(0))))),
        new HostInterface("wasi:clocks/wall-clock@0.2.0")
            .function("now", a -> datetime(wall()))
            .function(
                "resolution",
                a -> {
                  long r = clock != null ? clock.resolutionNanos() : 1_000L;
                  return new Value.Record(List.of(r / 1_000_000_000L, r % 1_000_000_000L));
                }),
        new HostInterface("wasi:random/random@0.2.0")
            .function("get-random-bytes", a -> bytes((Long) a.get(0)))
            .function("get-random-u64", a -> ByteBuffer.wrap(bytes(8)).getLong()),
        new HostInterface("wasi:random/insecure@0.2.0")
            .function("get-insecure-random-bytes", a -> bytes((Long) a.get(0)))
            .function("get-insecure-random-u64", a -> ByteBuffer.wrap(bytes(8)).getLong()),
        new HostInterface("wasi:random/insecure-seed@0.2.0")
            .function(
                "insecure-seed",
                a -> {
                  ByteBuffer b = ByteBuffer.wrap(bytes(16));
                  return new Value.Tuple(List.of(b.getLong(), b.getLong()));
                }));
  }

  /** Ready once the monotonic clock reaches {@code when} (unsigned nanoseconds). */
  private Pollable deadline(long when) {
    if (clock != null) {
      return clock.deadline(when < 0 ? Long.MAX_VALUE : when); // past 2^63 - 1: never, not now
    }
    return new Pollable() {
      @Override
      public boolean isReady() {
        return Long.compareUnsigned(monotonic(), when) >= 0;
      }

      @Override
      public long nanosUntilReady() {
        return Math.max(0, when - monotonic());
      }
    };
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return Long.compareUnsigned(r, a) < 0 ? -1L : r;
  }

  static Value.Record datetime(Instant t) {
    return new Value.Record(List.of(t.getEpochSecond(), (long) t.getNano()));
  }

  private byte[] bytes(long n) {
    if (Long.compareUnsigned(n, MAX_RANDOM) > 0) {
      throw new IllegalArgumentException("more than " + MAX_RANDOM + " random bytes at once");
    }
    byte[] b = new byte[(int) n];
    if (random != null) {
      random.fill(ByteBuffer.wrap(b));
    } else {
      s.options.random().nextBytes(b);
    }
    return b;
  }
}
