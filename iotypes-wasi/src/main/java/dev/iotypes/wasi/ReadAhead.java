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
 * require). The read-ahead belongs to its run: {@link #close()} ends an idle reader thread before
 * the run returns, and drops the bytes it held. A reader still blocked in a read (a silent stdin)
 * is not interrupted, since an interrupt would close a channel the embedder owns; it ends, dropping
 * what it read, as soon as that read returns.
 */
final class ReadAhead {
  private static final int CHUNK = 64 * 1024;

  private final Input input;
  private final Object signal;
  private byte[] data = new byte[0];
  private int offset;
  private Outcome end; // ENDED or FAILED once seen
  private boolean wanted;
  private boolean reading;
  private boolean closed;
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

  /** Ends the reader thread (waiting for it unless it is blocked in a read) and drops the bytes. */
  void close() {
    Thread idle;
    synchronized (signal) {
      closed = true;
      data = new byte[0];
      offset = 0;
      signal.notifyAll();
      idle = reading ? null : reader;
    }
    if (idle != null) {
      try {
        idle.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the run's own interrupt: the thread ends regardless
      }
    }
  }

  private void run() {
    ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
    while (true) {
      synchronized (signal) {
        while (!wanted && !closed) {
          try {
            signal.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) {
          return;
        }
        reading = true;
      }
      buffer.clear();
      Outcome outcome;
      try {
        outcome = input.read(buffer);
      } catch (RuntimeException e) {
        outcome = Outcome.failed(0, Failure.from(e));
      }
      synchronized (signal) {
        reading = false;
        if (closed) {
          return; // the run is over: what was read is nobody's
        }
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
