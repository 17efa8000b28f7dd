package dev.iotypes.wasi;

import static dev.iotypes.wasi.WasiMemory.range;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import dev.iotypes.Poll;
import dev.iotypes.Pollable;
import dev.iotypes.wasi.Descriptor.ArrayFd;
import dev.iotypes.wasi.Descriptor.DirectoryFd;
import dev.iotypes.wasi.Descriptor.ListenerFd;
import dev.iotypes.wasi.Descriptor.StreamFd;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code poll_oneoff}: clock subscriptions and read/write readiness. Readiness of a stream is a
 * {@link ReadAhead}'s, whose reader thread notifies {@code signal}; the wait also wakes every 100
 * ms, so a listener's connection and the watchdog are seen without a thread of their own.
 */
final class PollCalls {
  private final Fds fds;
  private final Clocks clocks;
  private final ReadWrite io;
  private final Object signal;

  PollCalls(Fds fds, Clocks clocks, ReadWrite io, Object signal) {
    this.fds = fds;
    this.clocks = clocks;
    this.io = io;
    this.signal = signal;
  }

  Errno pollOneoff(Instance inst, int in, int out, int nsubscriptions, int neventsPtr) {
    int count = nsubscriptions;
    if (count == 0) {
      throw Errno.INVAL.raise();
    }
    long n = Integer.toUnsignedLong(count);
    if (n > 4096) {
      throw Errno.INVAL.raise();
    }
    Memory m = range(inst, in, n * 48);
    range(inst, out, n * 32);
    range(inst, neventsPtr, 4);
    long now = clocks.monotonic();
    long[] deadlines = new long[count];
    long[] userdata = new long[count];
    int[] tags = new int[count];
    Descriptor[] targets = new Descriptor[count];
    int[] errors = new int[count];
    for (int i = 0; i < count; i++) {
      int s = in + i * 48;
      userdata[i] = m.readLong(s);
      tags[i] = m.read(s + 8) & 0xFF;
      deadlines[i] = Long.MAX_VALUE;
      if (tags[i] == 0) {
        int clock = m.readInt(s + 16);
        long timeout = m.readLong(s + 24);
        boolean absolute = (m.readShort(s + 40) & 1) != 0;
        if (clock < 0 || clock > 3) {
          errors[i] = Errno.INVAL.code();
        } else if (!absolute) {
          deadlines[i] = Clocks.saturatedAdd(now, timeout);
        } else {
          long clockNow = clocks.now(clock);
          deadlines[i] = Clocks.saturatedAdd(now, Math.max(0, timeout - clockNow));
        }
      } else if (tags[i] == 1 || tags[i] == 2) {
        Descriptor d = fds.find(m.readInt(s + 16));
        if (d == null) {
          errors[i] = Errno.BADF.code();
        } else if (d instanceof DirectoryFd) {
          errors[i] = Errno.BADF.code();
        } else {
          targets[i] = d;
        }
      } else {
        errors[i] = Errno.INVAL.code();
      }
    }
    synchronized (signal) {
      while (true) {
        long t = clocks.monotonic();
        List<long[]> events = new ArrayList<>();
        long next = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
          if (errors[i] != 0) {
            events.add(new long[] {userdata[i], errors[i], tags[i], 0, 0});
          } else if (tags[i] == 0) {
            if (t >= deadlines[i]) {
              events.add(new long[] {userdata[i], 0, 0, 0, 0});
            }
            next = Math.min(next, deadlines[i]);
          } else {
            long[] ready = readiness(targets[i], tags[i]);
            if (ready != null) {
              events.add(new long[] {userdata[i], 0, tags[i], ready[0], ready[1]});
            }
          }
        }
        if (!events.isEmpty()) {
          m.write(out, new byte[events.size() * 32]);
          for (int e = 0; e < events.size(); e++) {
            long[] ev = events.get(e);
            int p = out + e * 32;
            m.writeLong(p, ev[0]);
            m.writeShort(p + 8, (short) ev[1]);
            m.writeByte(p + 10, (byte) ev[2]);
            m.writeLong(p + 16, ev[3]);
            m.writeShort(p + 24, (short) ev[4]);
          }
          m.writeI32(neventsPtr, events.size());
          return Errno.SUCCESS;
        }
        long wait = next == Long.MAX_VALUE ? 100_000_000L : Math.min(next - t, 100_000_000L);
        Pollable due = next == Long.MAX_VALUE ? null : clocks.deadline(next);
        if (due != null) {
          long real = due.nanosUntilReady();
          if (real == Long.MAX_VALUE) {
            // A stopped clock: nothing is ready but its deadline, so time moves straight there.
            awaitStopped(due);
            continue;
          }
          wait = Math.min(real, 100_000_000L);
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(signal, Math.max(wait, 1));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw Errno.INTR.raise();
        }
      }
    }
  }

  /** Moves a stopped clock to {@code due} ({@link Poll} does: it is the one place that may). */
  private static void awaitStopped(Pollable due) {
    try {
      Poll.poll(List.of(due));
    } catch (IllegalStateException interrupted) {
      throw Errno.INTR.raise();
    }
  }

  /** {nbytes, flags} if ready, else null. */
  private long[] readiness(Descriptor d, int tag) {
    if (tag == 2) {
      return new long[] {0, 0}; // a write takes everything it is given, blocking if it must
    }
    if (d instanceof ArrayFd f) {
      return new long[] {Math.max(0, Errno.ok(f.array().len()) - f.state().position), 0};
    }
    if (d instanceof ListenerFd listener) {
      if (listener.state().accepted == null) {
        try {
          listener.state().accepted = SockCalls.tryAccept(listener, false);
        } catch (IOException e) {
          return new long[] {0, 1};
        }
      }
      return listener.state().accepted == null ? null : new long[] {1, 0};
    }
    if (d instanceof StreamFd s && s.input().isPresent() && !s.state().inputShut) {
      ReadAhead ahead = io.readAhead(s);
      ahead.request();
      if (!ahead.ready()) {
        return null;
      }
      int available = ahead.available();
      return new long[] {available, available == 0 ? 1 : 0}; // FD_READWRITE_HANGUP at the end
    }
    return new long[] {0, 0};
  }
}
