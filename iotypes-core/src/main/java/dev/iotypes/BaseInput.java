package dev.iotypes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The way to implement an {@link Input}, in this module or any other: the sticky state machine
 * every input shares, so that a backend only says how to move bytes. It returns -1 at end and
 * throws {@link IOException} on failure, and this class turns both into outcomes that stay
 * reported, checks arguments and use after close, and provides {@link #skip} and {@link #forward}.
 *
 * <p>Partial counts: the destination buffer's position is the record of what was read. A backend
 * that put bytes into {@code dst} and then failed advances the position past them and throws; the
 * caller is told those bytes and the failure in one outcome, rather than losing them.
 */
public abstract class BaseInput implements Input {
  static final int CHUNK = 64 * 1024;
  private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

  private final Origin origin;
  private Outcome sticky; // null while open, else ENDED or FAILED with count 0
  private boolean closed;
  private ByteBuffer scratch;

  protected BaseInput(Origin origin) {
    this.origin = Objects.requireNonNull(origin, "origin");
  }

  /**
   * Reads at least one byte into {@code dst} (which has room), blocking, and returns how many; -1
   * at end. Bytes put into {@code dst} before an exception (position advanced) count as read.
   */
  protected abstract int readSome(ByteBuffer dst) throws IOException;

  /**
   * Discards up to {@code count} (positive) bytes; returns how many, or -1 at end. By default reads
   * into a buffer of this input's; override when the backend can skip without reading.
   */
  protected long skipSome(long count) throws IOException {
    ByteBuffer buffer = scratch();
    buffer.clear().limit((int) Math.min(buffer.capacity(), count));
    try {
      return readSome(buffer);
    } catch (IOException | RuntimeException e) {
      if (buffer.position() == 0) {
        throw e;
      }
      throw new Partial(buffer.position(), e);
    }
  }

  /** A failure after some bytes of a read-to-skip: they count as skipped. */
  private static final class Partial extends IOException {
    final int count;

    Partial(int count, Exception cause) {
      super(cause);
      this.count = count;
    }
  }

  /**
   * Moves up to {@code count} bytes to {@code output} without the generic buffer loop, or returns
   * {@code null} when this backend and that output have no faster way.
   */
  Outcome forwardFast(Output output, long count) {
    return null;
  }

  /** Releases the backend; called once, by the first {@link #close()}. */
  protected abstract void closeBackend() throws IOException;

  @Override
  public final Outcome read(ByteBuffer dst) {
    Checks.open(closed, "input");
    if (sticky != null) {
      return sticky;
    }
    if (!dst.hasRemaining()) {
      return Outcome.open(0);
    }
    int start = dst.position();
    try {
      int n = readSome(dst);
      return n < 0 ? end(0) : Outcome.open(n);
    } catch (IOException | RuntimeException e) {
      return fail(Math.max(0, dst.position() - start), e);
    }
  }

  @Override
  public final Outcome skip(long count) {
    Checks.open(closed, "input");
    Checks.nonNegative("count", count);
    if (sticky != null) {
      return sticky;
    }
    long done = 0;
    try {
      while (done < count) {
        if (Interruption.requested()) {
          return Interruption.stopped(done);
        }
        long n = skipSome(count - done);
        if (n < 0) {
          return end(done);
        }
        done += n;
      }
      return Outcome.open(done);
    } catch (Partial e) {
      return fail(done + e.count, (Exception) e.getCause());
    } catch (IOException | RuntimeException e) {
      return fail(done, e);
    }
  }

  @Override
  public final Outcome forward(Output output, long count) {
    Checks.open(closed, "input");
    Objects.requireNonNull(output, "output");
    Checks.nonNegative("count", count);
    if (sticky != null) {
      return sticky;
    }
    Outcome target = output.write(NOTHING); // a failed output would lose what we read for it
    if (count == 0 || target.isFailed()) {
      return target;
    }
    Outcome fast = forwardFast(output, count);
    return fast != null ? fast : forwardByBuffer(output, count);
  }

  /** The generic forward: through a buffer of this input's, never through the caller's. */
  final Outcome forwardByBuffer(Output output, long count) {
    ByteBuffer buffer = scratch();
    long done = 0;
    while (done < count) {
      if (Interruption.requested()) {
        return Interruption.stopped(done);
      }
      buffer.clear().limit((int) Math.min(buffer.capacity(), count - done));
      int n;
      try {
        n = readSome(buffer);
      } catch (IOException | RuntimeException e) {
        return failForwarding(buffer.flip(), output, done, e);
      }
      if (n < 0) {
        return end(done);
      }
      buffer.flip();
      Outcome written = output.write(buffer);
      done += written.count();
      if (written.isFailed()) {
        return Outcome.failed(done, written.failure());
      }
    }
    return Outcome.open(done);
  }

  /** The bytes read before the failure still go to the output: they count as forwarded. */
  private Outcome failForwarding(ByteBuffer read, Output output, long done, Exception e) {
    if (read.hasRemaining()) {
      Outcome written = output.write(read);
      done += written.count();
      if (written.isFailed()) {
        fail(0, e);
        return Outcome.failed(done, written.failure());
      }
    }
    return fail(done, e);
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
    closed = true;
    try {
      closeBackend();
    } catch (IOException | RuntimeException e) {
      // Nothing is lost by a failed close of an input; the backend is released either way.
    }
  }

  /** Records end after {@code done} bytes; later calls replay it with count 0. */
  final Outcome end(long done) {
    sticky = Outcome.ended(0);
    return Outcome.ended(done);
  }

  /** Records a failure after {@code done} bytes; later calls replay it with count 0. */
  final Outcome fail(long done, Exception e) {
    Failure failure = Failure.from(e);
    sticky = Outcome.failed(0, failure);
    return Outcome.failed(done, failure);
  }

  final boolean isOpen() {
    return sticky == null && !closed;
  }

  final ByteBuffer scratch() {
    if (scratch == null) {
      scratch = ByteBuffer.allocateDirect(CHUNK);
    }
    return scratch;
  }
}
