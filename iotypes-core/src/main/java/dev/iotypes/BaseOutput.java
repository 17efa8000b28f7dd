package dev.iotypes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The sticky state machine every output shares: backends throw {@link IOException}, and this class
 * turns the first one into a failure that every later call reports again.
 */
abstract class BaseOutput implements Output {
  private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(BaseInput.CHUNK);

  private final Origin origin;
  private Outcome sticky; // null while open, else FAILED with count 0
  private boolean closed;

  BaseOutput(Origin origin) {
    this.origin = Objects.requireNonNull(origin, "origin");
  }

  /** Writes some of {@code src} (which has bytes remaining), blocking; returns how many. */
  abstract int writeSome(ByteBuffer src) throws IOException;

  void flushBackend() throws IOException {}

  abstract void closeBackend() throws IOException;

  @Override
  public final Outcome write(ByteBuffer src) {
    Checks.open(closed, "output");
    if (sticky != null) {
      return sticky;
    }
    long done = 0;
    try {
      while (src.hasRemaining()) {
        done += writeSome(src);
      }
      return Outcome.open(done);
    } catch (IOException | RuntimeException e) {
      return fail(done, e);
    }
  }

  @Override
  public Outcome writeZeros(long count) {
    Checks.open(closed, "output");
    Checks.nonNegative("count", count);
    if (sticky != null) {
      return sticky;
    }
    long done = 0;
    while (done < count) {
      ByteBuffer zeros = ZEROS.duplicate();
      zeros.limit((int) Math.min(zeros.capacity(), count - done));
      Outcome written = write(zeros);
      done += written.count();
      if (written.isFailed()) {
        return Outcome.failed(done, written.failure());
      }
    }
    return Outcome.open(done);
  }

  @Override
  public final Outcome flush() {
    Checks.open(closed, "output");
    if (sticky != null) {
      return sticky;
    }
    try {
      flushBackend();
      return Outcome.open(0);
    } catch (IOException | RuntimeException e) {
      return fail(0, e);
    }
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
      // Released either way; a failure to deliver was reported by flush() or is recorded above.
    }
  }

  /** Records a failure after {@code done} bytes; later calls replay it with count 0. */
  final Outcome fail(long done, Exception e) {
    Failure failure = Failure.from(e);
    sticky = Outcome.failed(0, failure);
    return Outcome.failed(done, failure);
  }

  /** For subclasses that override a public call: the same use-after-close rule. */
  final void checkOpen() {
    Checks.open(closed, "output");
  }

  /** Whether a fast path may write to this output's backend directly. */
  final boolean isOpen() {
    return sticky == null && !closed;
  }

  final Outcome stickyOrNull() {
    return sticky;
  }
}
