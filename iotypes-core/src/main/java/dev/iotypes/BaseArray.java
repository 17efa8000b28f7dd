package dev.iotypes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The way to implement an {@link IoArray}, in this module or any other: the state every array
 * shares, sticky failure, argument checks, use after close, and the generic {@link #copyTo} loop. A
 * backend throws {@link IOException}; the first one becomes the array's failure for good.
 *
 * <p>Partial counts: the buffer's position is the record of what was moved. A backend that moved
 * some bytes and then failed advances the position past them and throws; the caller is told those
 * bytes and the failure in one outcome.
 */
public abstract class BaseArray implements IoArray {
  private static final Failure READ_ONLY = Failure.of(Failure.Kind.ACCESS, "array is read-only");

  private final Origin origin;
  private Outcome sticky; // null while healthy, else FAILED with count 0
  private boolean closed;

  protected BaseArray(Origin origin) {
    this.origin = Objects.requireNonNull(origin, "origin");
  }

  /**
   * Reads some bytes at {@code offset} into {@code dst} (which has room), advancing its position,
   * and returns how many; -1 at the length.
   */
  protected abstract int readSomeAt(ByteBuffer dst, long offset) throws IOException;

  /**
   * Writes some of {@code src} (which has bytes remaining) at {@code offset}, advancing its
   * position, and returns how many.
   */
  protected abstract int writeSomeAt(ByteBuffer src, long offset) throws IOException;

  /** The backend's current length in bytes. */
  protected abstract long length() throws IOException;

  /** Truncates or extends (with zeros) the backend to {@code length}. */
  protected abstract void setLength(long length) throws IOException;

  /** A read-only array refuses writes without failing for good: it stays readable. */
  protected boolean isWritable() {
    return true;
  }

  /** Passes a hint on; by default it is dropped, which is always allowed. */
  protected void adviseBackend(long offset, long length, Advice advice) {}

  /** Pushes buffered bytes to storage; by default there are none. */
  protected void flushBackend() throws IOException {}

  /**
   * Makes what was written durable ({@code fsync}); by default there is nothing below to reach.
   * Called by {@link #flush()} after {@link #flushBackend()}, not by {@link #close()}: closing a
   * file does not sync it, as POSIX {@code close} does not.
   */
  protected void syncBackend() throws IOException {}

  /** Releases the backend; called once, by the first {@link #close()}, after a flush. */
  protected abstract void closeBackend() throws IOException;

  /**
   * Copies to {@code dst} without the generic loop, or returns {@code null} when there is no faster
   * way between these two backends.
   */
  Outcome copyFast(long offset, IoArray dst, long dstOffset, long length) {
    return null;
  }

  @Override
  public final Outcome readAt(ByteBuffer dst, long offset) {
    Checks.open(closed, "array");
    Checks.nonNegative("offset", offset);
    if (sticky != null) {
      return sticky;
    }
    int start = dst.position();
    try {
      while (dst.hasRemaining()) {
        int n = readSomeAt(dst, offset + dst.position() - start);
        if (n < 0) {
          return Outcome.ended(dst.position() - start);
        }
      }
      return Outcome.open(dst.position() - start);
    } catch (IOException | RuntimeException e) {
      return fail(Math.max(0, dst.position() - start), e);
    }
  }

  @Override
  public final Outcome writeAt(ByteBuffer src, long offset) {
    Checks.open(closed, "array");
    Checks.range("offset", offset, src.remaining());
    if (sticky != null) {
      return sticky;
    }
    if (!isWritable()) {
      return Outcome.failed(0, READ_ONLY);
    }
    int start = src.position();
    try {
      while (src.hasRemaining()) {
        writeSomeAt(src, offset + src.position() - start);
      }
      return Outcome.open(src.position() - start);
    } catch (IOException | RuntimeException e) {
      return fail(Math.max(0, src.position() - start), e);
    }
  }

  @Override
  public final Outcome len() {
    Checks.open(closed, "array");
    if (sticky != null) {
      return sticky;
    }
    try {
      return Outcome.open(length());
    } catch (IOException | RuntimeException e) {
      return fail(0, e);
    }
  }

  @Override
  public final Outcome setLen(long length) {
    Checks.open(closed, "array");
    Checks.nonNegative("length", length);
    if (sticky != null) {
      return sticky;
    }
    if (!isWritable()) {
      return Outcome.failed(0, READ_ONLY);
    }
    try {
      setLength(length);
      return Outcome.open(0);
    } catch (IOException | RuntimeException e) {
      return fail(0, e);
    }
  }

  @Override
  public final void advise(long offset, long length, Advice advice) {
    Checks.open(closed, "array");
    Checks.range("offset", offset, length);
    Objects.requireNonNull(advice, "advice");
    if (sticky == null) {
      adviseBackend(offset, length, advice);
    }
  }

  @Override
  public final Outcome flush() {
    Checks.open(closed, "array");
    if (sticky != null) {
      return sticky;
    }
    try {
      flushBackend();
      syncBackend();
      return Outcome.open(0);
    } catch (IOException | RuntimeException e) {
      return fail(0, e);
    }
  }

  @Override
  public final Outcome copyTo(long offset, IoArray dst, long dstOffset, long length) {
    Checks.open(closed, "array");
    Objects.requireNonNull(dst, "dst");
    Checks.range("offset", offset, length);
    Checks.range("dstOffset", dstOffset, length);
    if (sticky != null) {
      return sticky;
    }
    if (length == 0) {
      return Outcome.open(0);
    }
    Outcome fast = copyFast(offset, dst, dstOffset, length);
    if (fast != null) {
      return fast;
    }
    return dst == this
        ? copyWithin(offset, dstOffset, length)
        : copyByBuffer(offset, dst, dstOffset, length);
  }

  /**
   * A copy within this array, as if through a temporary buffer: the source ends where the array
   * ended before the copy, though the copy's own writes may extend it, and an overlapping copy to a
   * higher offset goes last chunk first, like memmove.
   */
  private Outcome copyWithin(long offset, long dstOffset, long length) {
    long available;
    try {
      available = Math.max(0, Math.min(length, length() - offset));
    } catch (IOException | RuntimeException e) {
      return fail(0, e);
    }
    boolean backwards = dstOffset > offset && dstOffset < offset + available;
    Outcome copied =
        backwards
            ? copyBackwards(offset, dstOffset, available)
            : copyByBuffer(offset, this, dstOffset, available);
    return copied.isOpen() && available < length ? Outcome.ended(copied.count()) : copied;
  }

  /** The generic copy: through a buffer of this array's, never through the caller's. */
  final Outcome copyByBuffer(long offset, IoArray dst, long dstOffset, long length) {
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(BaseInput.CHUNK, length));
    long done = 0;
    while (done < length) {
      if (Interruption.requested()) {
        return Interruption.stopped(done);
      }
      buffer.clear().limit((int) Math.min(buffer.capacity(), length - done));
      Outcome read = readAt(buffer, offset + done);
      buffer.flip();
      Outcome written = dst.writeAt(buffer, dstOffset + done);
      done += written.count();
      if (written.isFailed()) {
        return Outcome.failed(done, written.failure());
      }
      if (!read.isOpen()) {
        return read.withCount(done);
      }
    }
    return Outcome.open(done);
  }

  /** Copies {@code available} bytes, all within the length, last chunk first. */
  private Outcome copyBackwards(long offset, long dstOffset, long available) {
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(BaseInput.CHUNK, available));
    long remaining = available;
    while (remaining > 0) {
      if (Interruption.requested()) {
        return Interruption.stopped(available - remaining);
      }
      int chunk = (int) Math.min(buffer.capacity(), remaining);
      remaining -= chunk;
      buffer.clear().limit(chunk);
      Outcome read = readAt(buffer, offset + remaining);
      if (read.isFailed()) {
        return Outcome.failed(available - remaining - chunk, read.failure());
      }
      buffer.flip();
      Outcome written = writeAt(buffer, dstOffset + remaining);
      if (written.isFailed()) {
        return Outcome.failed(available - remaining - chunk, written.failure());
      }
    }
    return Outcome.open(available);
  }

  @Override
  public final MediaType mediaType() {
    return origin.mediaType();
  }

  @Override
  public final Pseudonym pseudonym() {
    return origin.pseudonym();
  }

  @Override
  public final void close() {
    if (closed) {
      return;
    }
    try {
      if (sticky == null) {
        flushBackend();
      }
    } catch (IOException | RuntimeException e) {
      fail(0, e);
    }
    closed = true;
    try {
      closeBackend();
    } catch (IOException | RuntimeException e) {
      // Released either way.
    }
  }

  final Outcome fail(long done, Exception e) {
    Failure failure = Failure.from(e);
    sticky = Outcome.failed(0, failure);
    return Outcome.failed(done, failure);
  }

  final boolean isOpen() {
    return sticky == null && !closed;
  }
}
