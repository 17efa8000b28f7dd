package dev.iotypes.wasi;

import static dev.iotypes.wasi.Flags.APPEND;
import static dev.iotypes.wasi.Flags.NONBLOCK;
import static dev.iotypes.wasi.Flags.SYNC_FLAGS;
import static dev.iotypes.wasi.WasiMemory.memory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import dev.iotypes.IoArray;
import dev.iotypes.Outcome;
import dev.iotypes.Output;
import dev.iotypes.wasi.Descriptor.ArrayFd;
import dev.iotypes.wasi.Descriptor.StreamFd;
import dev.iotypes.wasm.runtime.GuestMemory;

/**
 * Data between guest iovecs and a descriptor, for {@code fd_read}, {@code fd_write}, their
 * positioned forms and the socket calls. A short count is success; a failure is reported only if
 * nothing moved, as POSIX has it.
 */
final class ReadWrite {
  private final GuestMemory buffers = new GuestMemory();
  private final ReadAheads readAheads;

  /** {@code signal} is notified when a read-ahead has data, to wake {@code poll_oneoff}. */
  ReadWrite(Object signal) {
    this.readAheads = new ReadAheads(signal);
  }

  long read(Instance inst, Descriptor d, int[] iovs) {
    if (d instanceof ArrayFd f) {
      if (!f.readable()) {
        throw Errno.BADF.raise();
      }
      long n = readAt(inst, f.array(), iovs, f.state().position);
      f.state().position += n;
      return n;
    }
    if (!(d instanceof StreamFd s) || s.input().isEmpty()) {
      throw Errno.BADF.raise();
    }
    if (s.state().inputShut) {
      return 0;
    }
    int i = 0;
    while (i < iovs.length && iovs[i + 1] == 0) {
      i += 2;
    }
    if (i == iovs.length) {
      return 0;
    }
    GuestMemory.Reader reader;
    if ((s.state().fdflags & NONBLOCK) != 0) {
      ReadAhead ahead = readAhead(s);
      ahead.request();
      if (!ahead.ready()) {
        throw Errno.AGAIN.raise();
      }
      reader = ahead::read;
    } else if (readAheads.started(s.input().get())) {
      reader = readAhead(s)::read;
    } else {
      reader = s.input().get()::read;
    }
    Outcome o = buffers.read(memory(inst), iovs[i], iovs[i + 1], reader);
    if (o.isFailed() && o.count() == 0) {
      throw Errno.of(o).raise();
    }
    return o.count();
  }

  long readAt(Instance inst, IoArray array, int[] iovs, long offset) {
    Memory m = memory(inst);
    long total = 0;
    for (int i = 0; i < iovs.length; i += 2) {
      long len = Integer.toUnsignedLong(iovs[i + 1]);
      long done = 0;
      while (done < len) {
        int want = (int) Math.min(len - done, GuestMemory.CHUNK);
        long at = offset + total;
        Outcome o =
            buffers.read(
                m, (int) (Integer.toUnsignedLong(iovs[i]) + done), want, b -> array.readAt(b, at));
        done += o.count();
        total += o.count();
        if (o.isFailed()) {
          if (total == 0) {
            throw Errno.of(o).raise();
          }
          return total;
        }
        if (o.count() < want) {
          return total;
        }
      }
    }
    return total;
  }

  long write(Instance inst, Descriptor d, int[] iovs) {
    if (d instanceof ArrayFd f) {
      if (!f.writable()) {
        throw Errno.BADF.raise();
      }
      long at = (f.state().fdflags & APPEND) != 0 ? Errno.ok(f.array().len()) : f.state().position;
      long n = writeAt(inst, f.array(), iovs, at);
      f.state().position = at + n;
      if ((f.state().fdflags & SYNC_FLAGS) != 0) {
        Errno.ok(f.array().flush());
      }
      return n;
    }
    if (!(d instanceof StreamFd s) || s.output().isEmpty()) {
      throw Errno.BADF.raise();
    }
    if (s.state().outputShut) {
      throw Errno.PIPE.raise();
    }
    Output out = s.output().get();
    Memory m = memory(inst);
    long total = 0;
    for (int i = 0; i < iovs.length; i += 2) {
      Outcome o = GuestMemory.write(m, iovs[i], iovs[i + 1], out);
      total += o.count();
      if (o.isFailed()) {
        if (total == 0) {
          throw Errno.of(o).raise();
        }
        return total;
      }
    }
    return total;
  }

  long writeAt(Instance inst, IoArray array, int[] iovs, long offset) {
    Memory m = memory(inst);
    long total = 0;
    for (int i = 0; i < iovs.length; i += 2) {
      if (offset + total + Integer.toUnsignedLong(iovs[i + 1]) < 0) { // past 2^63 - 1
        if (total == 0) {
          throw Errno.FBIG.raise();
        }
        return total;
      }
      long at = offset + total;
      Outcome o =
          GuestMemory.write(m, iovs[i], iovs[i + 1], (src, done) -> array.writeAt(src, at + done));
      total += o.count();
      if (o.isFailed()) {
        if (total == 0) {
          throw Errno.of(o).raise();
        }
        return total;
      }
    }
    return total;
  }

  /** Ends the read-aheads' threads: the command is over. */
  void close() {
    readAheads.close();
  }

  ReadAhead readAhead(StreamFd s) {
    return readAheads.of(s.input().orElseThrow());
  }
}
