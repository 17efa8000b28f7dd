package dev.iotypes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded in-memory pipe: bytes written to {@link #output()} are read from {@link #input()}, in
 * order, each end used by its own thread. A write blocks while the buffer is full; a read blocks
 * while it is empty.
 *
 * <p>Closing the <b>output</b> end is the writer saying "that is all": the reader still gets every
 * byte written before, then {@link Status#ENDED}. Closing the <b>input</b> end is the reader going
 * away: buffered bytes are dropped, a writer blocked in a write wakes, and that write and every
 * later one fail with {@link Failure.Kind#BROKEN_PIPE}, reporting how many bytes went in before.
 *
 * <p>Each end has a {@link Pollable}: the input is ready when it holds bytes or the output end is
 * closed, the output when there is room or the input end is closed. Every change wakes whoever
 * {@link Poll polls} them, on the thread that made it.
 */
public final class Pipe {
  /** The default buffer size, as Linux's pipe buffer. */
  public static final int DEFAULT_CAPACITY = 64 * 1024;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition readable = lock.newCondition();
  private final Condition writable = lock.newCondition();
  private final byte[] ring;
  private int head; // next byte to read
  private int size; // bytes buffered
  private boolean outputClosed;
  private boolean inputClosed;

  private final List<Runnable> watchers = new CopyOnWriteArrayList<>();
  private final Pollable inputReady = new EndReadiness(true);
  private final Pollable outputReady = new EndReadiness(false);

  private final PipeInput input;
  private final PipeOutput output;

  Pipe(int capacity, Origin origin) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity < 1: " + capacity);
    }
    this.ring = new byte[capacity];
    this.input = new PipeInput(origin);
    this.output = new PipeOutput(origin);
  }

  /** The reading end. */
  public Input input() {
    return input;
  }

  /** The writing end. */
  public Output output() {
    return output;
  }

  private int take(ByteBuffer dst) throws InterruptedIOException {
    lock.lock();
    try {
      while (size == 0 && !outputClosed) {
        await(readable);
      }
      if (size == 0) {
        return -1;
      }
      int n = Math.min(dst.remaining(), size);
      int first = Math.min(n, ring.length - head);
      dst.put(ring, head, first);
      dst.put(ring, 0, n - first);
      head = (head + n) % ring.length;
      size -= n;
      writable.signalAll();
      return n;
    } finally {
      lock.unlock();
      changed();
    }
  }

  private int put(ByteBuffer src) throws IOException {
    lock.lock();
    try {
      while (size == ring.length && !inputClosed) {
        await(writable);
      }
      if (inputClosed) {
        throw new IOException("Broken pipe: the reading end is closed");
      }
      int n = Math.min(src.remaining(), ring.length - size);
      int tail = (head + size) % ring.length;
      int first = Math.min(n, ring.length - tail);
      src.get(ring, tail, first);
      src.get(ring, 0, n - first);
      size += n;
      readable.signalAll();
      return n;
    } finally {
      lock.unlock();
      changed();
    }
  }

  private void closeOutput() {
    lock.lock();
    try {
      outputClosed = true;
      readable.signalAll();
    } finally {
      lock.unlock();
      changed();
    }
  }

  private void closeInput() {
    lock.lock();
    try {
      inputClosed = true;
      size = 0;
      writable.signalAll();
    } finally {
      lock.unlock();
      changed();
    }
  }

  /** Wakes the pollers, outside the lock: a waker may take locks of its own. */
  private void changed() {
    for (Runnable watcher : watchers) {
      watcher.run();
    }
  }

  /** The readiness of one end, read under the pipe's lock. */
  private final class EndReadiness implements Pollable {
    private final boolean reading;

    EndReadiness(boolean reading) {
      this.reading = reading;
    }

    @Override
    public boolean isReady() {
      lock.lock();
      try {
        return reading
            ? size > 0 || outputClosed || inputClosed
            : size < ring.length || inputClosed || outputClosed;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public Runnable watch(Runnable wake) {
      watchers.add(wake);
      return () -> watchers.remove(wake);
    }

    @Override
    public String toString() {
      return reading ? "pipe input" : "pipe output";
    }
  }

  /** No EINTR: an interrupt ends the wait as a failure, and the thread stays interrupted. */
  private static void await(Condition condition) throws InterruptedIOException {
    try {
      condition.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException();
    }
  }

  /** Thrown only when the JVM interrupts the waiting thread, e.g. at shutdown. */
  private static final class InterruptedIOException extends IOException {
    InterruptedIOException() {
      super("interrupted while waiting on a pipe");
    }
  }

  private final class PipeInput extends BaseInput {
    PipeInput(Origin origin) {
      super(origin);
    }

    @Override
    protected int readSome(ByteBuffer dst) throws IOException {
      return take(dst);
    }

    @Override
    public Pollable pollable() {
      return inputReady;
    }

    @Override
    protected void closeBackend() {
      closeInput();
    }
  }

  private final class PipeOutput extends BaseOutput {
    PipeOutput(Origin origin) {
      super(origin);
    }

    @Override
    protected int writeSome(ByteBuffer src) throws IOException {
      return put(src);
    }

    @Override
    public Pollable pollable() {
      return outputReady;
    }

    @Override
    protected void closeBackend() {
      closeOutput();
    }
  }
}
