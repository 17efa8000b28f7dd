package dev.iotypes.wasi;

import static dev.iotypes.wasi.Flags.ATIM;
import static dev.iotypes.wasi.Flags.ATIM_NOW;
import static dev.iotypes.wasi.Flags.MTIM;
import static dev.iotypes.wasi.Flags.MTIM_NOW;

import java.lang.management.ManagementFactory;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The four preview1 clocks (realtime, monotonic, process and thread CPU time), read through the
 * options so tests can fix them; the monotonic clock starts at zero when the run does.
 */
final class Clocks {
  private final WasiOptions options;
  private final long monotonicOrigin;

  Clocks(WasiOptions options) {
    this.options = options;
    this.monotonicOrigin = options.monotonicNanos().getAsLong();
  }

  /** The resolution {@code clock_res_get} reports. */
  static long resolution(int clock) {
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
        Instant i = options.clock().instant();
        yield i.getEpochSecond() * 1_000_000_000L + i.getNano();
      }
      case 1 -> monotonic();
      case 2 -> processCpuNanos();
      case 3 -> ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      default -> throw Errno.INVAL.raise();
    };
  }

  long monotonic() {
    return options.monotonicNanos().getAsLong() - monotonicOrigin;
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
      return FileTime.from(options.clock().instant());
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
