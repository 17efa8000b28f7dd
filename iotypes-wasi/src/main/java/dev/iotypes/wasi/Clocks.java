package dev.iotypes.wasi;

import static dev.iotypes.wasi.Flags.ATIM;
import static dev.iotypes.wasi.Flags.ATIM_NOW;
import static dev.iotypes.wasi.Flags.MTIM;
import static dev.iotypes.wasi.Flags.MTIM_NOW;

import dev.iotypes.Pollable;
import java.lang.management.ManagementFactory;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The four preview1 clocks (realtime, monotonic, process and thread CPU time), read through the
 * options so tests can fix them; the monotonic clock starts at zero when the run does. When the
 * options hand in an I/O-types clock ({@link WasiOptions#clockHandle()}), all four read it and
 * nothing else: CPU time is then its monotonic time, since the host's would make the run differ
 * from one machine to the next, and waits are its deadlines ({@link #deadline}).
 */
final class Clocks {
  private final WasiOptions options;
  private final dev.iotypes.Clock handle; // null: the options' java.time clock and nanos
  private final long monotonicOrigin;

  Clocks(WasiOptions options) {
    this.options = options;
    this.handle = options.clockHandle().orElse(null);
    this.monotonicOrigin = handle != null ? 0 : options.monotonicNanos().getAsLong();
  }

  /** The resolution {@code clock_res_get} reports. */
  long resolution(int clock) {
    if (handle != null) {
      if (clock < 0 || clock > 3) {
        throw Errno.INVAL.raise();
      }
      return handle.resolutionNanos();
    }
    return switch (clock) {
      case 0 -> 1_000L;
      case 1 -> 1L;
      case 2, 3 -> 1_000L;
      default -> throw Errno.INVAL.raise();
    };
  }

  long now(int clock) {
    return switch (clock) {
      case 0 -> {
        Instant i = instant();
        yield i.getEpochSecond() * 1_000_000_000L + i.getNano();
      }
      case 1 -> monotonic();
      case 2 -> handle != null ? monotonic() : processCpuNanos();
      case 3 ->
          handle != null
              ? monotonic()
              : ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      default -> throw Errno.INVAL.raise();
    };
  }

  long monotonic() {
    return handle != null
        ? handle.monotonicNanos()
        : options.monotonicNanos().getAsLong() - monotonicOrigin;
  }

  /**
   * The handed clock's readiness at {@link #monotonic()} {@code at}, for a wait to be bounded by;
   * {@code null} without a handed clock (then a wait sleeps until the monotonic time passes).
   */
  Pollable deadline(long at) {
    return handle != null ? handle.deadline(at) : null;
  }

  private Instant instant() {
    return handle != null ? handle.now() : options.clock().instant();
  }

  /**
   * One of the two times an fstflags sets: {@code value}, now, or {@code null} to leave it alone;
   * setting it both ways at once is {@code EINVAL}.
   */
  FileTime time(long value, int flags, int set, int now) {
    if ((flags & ~(ATIM | ATIM_NOW | MTIM | MTIM_NOW)) != 0
        || ((flags & set) != 0 && (flags & now) != 0)) {
      throw Errno.INVAL.raise();
    }
    if ((flags & now) != 0) {
      return FileTime.from(instant());
    }
    return (flags & set) != 0 ? FileTime.from(value, TimeUnit.NANOSECONDS) : null;
  }

  static long saturatedAdd(long a, long b) {
    long r = a + b;
    return (b > 0 && r < a) || b < 0 ? Long.MAX_VALUE : r;
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      long t = os.getProcessCpuTime();
      if (t >= 0) {
        return t;
      }
    }
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }
}
