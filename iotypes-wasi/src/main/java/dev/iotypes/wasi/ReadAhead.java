package dev.iotypes.wasi;

import dev.iotypes.Failure;
import dev.iotypes.Input;
import dev.iotypes.Outcome;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Readiness for a stream that can only block: once {@code poll_oneoff} asks whether a stream
 * descriptor is readable (or a read finds it non-blocking), a daemon thread reads one chunk ahead,
 * and every read of the stream, through whichever descriptor, is served from it from then on
 * ({@link ReadAheads} keeps one per stream). Every change is announced on {@code signal}, the lock
 * {@code poll_oneoff} waits on.
 *
 * <p>The input is then used by the reader thread only (one thread at a time, as the I/O types
 * require); a read still in progress when the program ends is abandoned with its daemon thread.
 */
final class ReadAhead {
  private static final int CHUNK = 64 * 1024;

  private final Input input;
  private final Object signal;
  private byte[] data = new byte[0];
  private int offset;
  private Outcome end; // ENDED or FAILED once seen
  private boolean wanted;
  private Thread reader;

  ReadAhead(Input input, Object signal) {
    this.input = input;
    this.signal = signal;
  }

  /** Starts a background read unless bytes or the end are already here. */
  void request() {
    synchronized (signal) {
      if (available() > 0 || end != null || wanted) {
        return;
      }
      wanted = true;
      if (reader == null) {
        reader = new Thread(this::run, "wasi-read-ahead");
        reader.setDaemon(true);
        reader.start();
      }
      signal.notifyAll();
    }
  }

  /** Whether a read would not block. */
  boolean ready() {
    synchronized (signal) {
      return available() > 0 || end != null;
    }
  }

  /** Bytes a read would return at once. */
  int available() {
    synchronized (signal) {
      return data.length - offset;
    }
  }

  /** Reads as {@link Input#read} does, from what the reader thread has read. */
  Outcome read(ByteBuffer dst) {
    synchronized (signal) {
      while (available() == 0 && end == null) {
        request();
        try {
          signal.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw Errno.INTR.raise();
        }
      }
      int n = Math.min(dst.remaining(), available());
      if (n > 0 || !dst.hasRemaining()) {
        dst.put(data, offset, n);
        offset += n;
        return Outcome.open(n);
      }
      return end.withCount(0);
    }
  }

  private void run() {
    ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
    while (true) {
      synchronized (signal) {
        while (!wanted) {
          try {
            signal.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
      }
      buffer.clear();
      Outcome outcome;
      try {
        outcome = input.read(buffer);
      } catch (RuntimeException e) {
        outcome = Outcome.failed(0, Failure.from(e));
      }
      synchronized (signal) {
        wanted = false;
        data = Arrays.copyOf(buffer.array(), buffer.position());
        offset = 0;
        if (!outcome.isOpen()) {
          end = outcome.withCount(0);
        }
        signal.notifyAll();
        if (end != null) {
          return;
        }
      }
    }
  }
}
