package dev.iotypes.component.wasi;

import dev.iotypes.Clock;
import dev.iotypes.Random;
import dev.iotypes.component.link.HostInterface;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * {@code iotypes:io/clocks} and {@code iotypes:io/random}: the core library's {@link Clock} and
 * {@link Random} as resources a typed main is handed (the run's {@code --clock} and {@code
 * --seed}), read as the core ABI's {@code clock-*} and {@code random-fill} read them. A guest never
 * makes one: it only borrows what it was given. A request for more random bytes than {@link
 * ClocksAndRandom#MAX_RANDOM} at once traps, as {@code wasi:random}'s does here.
 */
final class ClockAndRandomResources {
  private final Session s;
  private final Streams streams;

  ClockAndRandomResources(Session s, Streams streams) {
    this.s = s;
    this.streams = streams;
  }

  List<HostInterface> interfaces() {
    return List.of(
        new HostInterface("iotypes:io/clocks@0.2.0")
            .resource("clock", s.clock)
            .resource("pollable", s.pollable)
            .function("[method]clock.monotonic-now", a -> clock(a).monotonicNanos())
            .function("[method]clock.wall-now", a -> ClocksAndRandom.datetime(clock(a).now()))
            .function("[method]clock.resolution", a -> Math.max(1L, clock(a).resolutionNanos()))
            .function(
                "[method]clock.subscribe-instant",
                a -> streams.pollable(clock(a).deadline(signed((Long) a.get(1)))))
            .function(
                "[method]clock.subscribe-duration",
                a -> {
                  Clock c = clock(a);
                  return streams.pollable(
                      c.deadline(signed(saturatedAdd(c.monotonicNanos(), (Long) a.get(1)))));
                }),
        new HostInterface("iotypes:io/random@0.2.0")
            .resource("random", s.random)
            .function("[method]random.get-bytes", a -> bytes(random(a), (Long) a.get(1)))
            .function(
                "[method]random.get-u64",
                a ->
                    ByteBuffer.wrap(bytes(random(a), 8)).order(ByteOrder.LITTLE_ENDIAN).getLong()));
  }

  private static Clock clock(List<Object> a) {
    return (Clock) Streams.rep(a.get(0));
  }

  private static Random random(List<Object> a) {
    return (Random) Streams.rep(a.get(0));
  }

  /**
   * A u64 instant as the core {@link Clock} takes it: one past 2^63 - 1 (292 years on) is never
   * reached either, where read as a negative long it would be ready at once.
   */
  private static long signed(long u64) {
    return u64 < 0 ? Long.MAX_VALUE : u64;
  }

  /** {@code a + b} unsigned, {@code u64::MAX} if it wraps. */
  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return Long.compareUnsigned(r, a) < 0 ? -1L : r;
  }

  private static byte[] bytes(Random random, long n) {
    if (Long.compareUnsigned(n, ClocksAndRandom.MAX_RANDOM) > 0) {
      throw new IllegalArgumentException(
          "more than "
              + ClocksAndRandom.MAX_RANDOM
              + " random bytes at once: "
              + Long.toUnsignedString(n));
    }
    byte[] b = new byte[(int) n];
    random.fill(ByteBuffer.wrap(b));
    return b;
  }
}
