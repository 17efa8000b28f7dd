package dev.iotypes;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An input whose readiness is true for a backend that can only block: a child process's pipe,
 * standard input, a download. Java cannot ask an {@code InputStream} or a pipe's channel whether a
 * read would wait (and {@code available()} cannot tell the end from a pause), so readiness is
 * learnt by reading: once a {@link #pollable()} has been asked, one daemon thread reads one chunk
 * ahead, and every read is served from what it read. That thread is this input's, shared by all its
 * pollables and its reads, and wakes any {@link Poll} waiting on them; an input never polled starts
 * none, and reads it on the caller's thread with the backend's own fast paths.
 *
 * <p>Closing the input ends the thread: at once if it is idle; if it is blocked in a read of the
 * backend, the backend is closed and the thread ends, dropping what it read, as soon as that read
 * returns (a killed process's pipe ends at once; a silent standard input when a byte or its end
 * comes). The thread is never interrupted, since an interrupt closes a channel the backend may not
 * own (standard input's).
 */
final class ReadAheadInput extends BaseInput {
  private final Input backend;
  private final List<Runnable> watchers = new CopyOnWriteArrayList<>();
  private final Pollable readiness = new Readiness();
  private byte[] data = new byte[0];
  private int offset;
  private Outcome end; // ENDED or FAILED, once the thread saw it
  private boolean started;
  private boolean wanted;
  private boolean reading;
  private boolean closed;
  private Thread reader;

  ReadAheadInput(Input backend) {
    super(new Origin(backend.pseudonym(), backend.mediaType()));
    this.backend = backend;
  }

  @Override
  public Pollable pollable() {
    return readiness;
  }

  @Override
  protected int readSome(ByteBuffer dst) throws IOException {
    if (!started()) {
      return direct(dst); // not under the lock: it may block
    }
    synchronized (this) {
      while (data.length - offset == 0 && end == null) {
        request();
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting for input");
        }
      }
      int n = Math.min(dst.remaining(), data.length - offset);
      if (n > 0) {
        dst.put(data, offset, n);
        offset += n;
        return n;
      }
      if (end.isFailed()) {
        throw new Failed(end.failure());
      }
      return -1;
    }
  }

  /** A read on the caller's thread, before anything asked for readiness. */
  private int direct(ByteBuffer dst) throws IOException {
    int start = dst.position();
    Outcome outcome = backend.read(dst);
    if (outcome.isFailed()) {
      throw new Failed(outcome.failure()); // the bytes before it are in dst: they count
    }
    int n = dst.position() - start;
    return n == 0 && outcome.isEnded() ? -1 : n;
  }

  @Override
  Outcome forwardFast(Output output, long count) {
    if (started()) {
      return null;
    }
    Outcome moved = backend.forward(output, count); // the backend's fast path, sticky of its own
    return moved.isEnded() ? end(moved.count()) : moved;
  }

  /** Asks the thread for one more chunk, starting it the first time. Holds the lock. */
  private void request() {
    if (closed || end != null || wanted || data.length - offset > 0) {
      return;
    }
    wanted = true;
    if (reader == null) {
      reader = new Thread(this::run, "iotypes-read-ahead");
      reader.setDaemon(true);
      reader.start();
    }
    notifyAll();
  }

  private synchronized boolean started() {
    return started;
  }

  private synchronized boolean ready() {
    started = true;
    request();
    return data.length - offset > 0 || end != null || closed;
  }

  private void run() {
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
    while (true) {
      synchronized (this) {
        while (!wanted && !closed) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) {
          return;
        }
        reading = true;
      }
      chunk.clear();
      Outcome outcome;
      try {
        outcome = backend.read(chunk);
      } catch (RuntimeException e) {
        outcome = Outcome.failed(0, Failure.from(e)); // closed under it: the run is over
      }
      synchronized (this) {
        reading = false;
        if (closed) {
          notifyAll();
          return; // what was read is nobody's
        }
        wanted = false;
        data = Arrays.copyOf(chunk.array(), chunk.position());
        offset = 0;
        if (!outcome.isOpen()) {
          end = outcome.withCount(0);
        }
        notifyAll();
      }
      watchers.forEach(Runnable::run);
      if (!outcome.isOpen()) {
        return;
      }
    }
  }

  @Override
  protected void closeBackend() {
    Thread idle;
    synchronized (this) {
      closed = true;
      data = new byte[0];
      offset = 0;
      notifyAll();
      idle = reading ? null : reader;
    }
    if (idle != null) {
      try {
        idle.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the run's own interrupt: the thread ends regardless
      }
    }
    backend.close();
    watchers.forEach(Runnable::run);
  }

  /** Whether the thread exists and has not ended: for tests of what a run leaves behind. */
  synchronized boolean readerAlive() {
    return reader != null && reader.isAlive();
  }

  /** Ready when bytes or the end are read ahead; asking starts the reading. */
  private final class Readiness implements Pollable {
    @Override
    public boolean isReady() {
      return ready();
    }

    @Override
    public Runnable watch(Runnable wake) {
      watchers.add(wake);
      return () -> watchers.remove(wake);
    }

    @Override
    public String toString() {
      return "read-ahead of " + backend;
    }
  }
}
