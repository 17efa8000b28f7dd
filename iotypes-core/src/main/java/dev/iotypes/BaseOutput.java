package dev.iotypes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The way to implement an {@link Output}, in this module or any other: the sticky state machine
 * every output shares. A backend throws {@link IOException}, and this class turns the first one
 * into a failure that every later call reports again; it also checks arguments and use after close,
 * and provides {@link #writeZeros} and a flush on {@link #close()}.
 *
 * <p>Partial counts: the source buffer's position is the record of what the backend took. A backend
 * that took some bytes and then failed advances the position past them and throws; the caller is
 * told those bytes and the failure in one outcome.
 */
public abstract class BaseOutput implements Output {
  private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(BaseInput.CHUNK);

  private final Origin origin;
  private Outcome sticky; // null while open, else FAILED with count 0
  private boolean closed;
  private MediaType declared; // set by the writer before its first byte, else null
  private boolean started; // a write of bytes was attempted: too late to declare a type

  protected BaseOutput(Origin origin) {
    this.origin = Objects.requireNonNull(origin, "origin");
  }

  /**
   * Writes some of {@code src} (which has bytes remaining), blocking, advancing its position past
   * what the backend took, and returns how many. Bytes taken before an exception (position
   * advanced) count as written.
   */
  protected abstract int writeSome(ByteBuffer src) throws IOException;

  /** Pushes bytes the backend buffers; by default there are none. */
  protected void flushBackend() throws IOException {}

  /** Releases the backend; called once, by the first {@link #close()}, after a flush. */
  protected abstract void closeBackend() throws IOException;

  @Override
  public final Outcome write(ByteBuffer src) {
    Checks.open(closed, "output");
    if (src.hasRemaining()) {
      started = true;
    }
    if (sticky != null) {
      return sticky;
    }
    int start = src.position();
    try {
      while (src.hasRemaining()) {
        writeSome(src);
      }
      return Outcome.open(src.position() - start);
    } catch (IOException | RuntimeException e) {
      return fail(Math.max(0, src.position() - start), e);
    }
  }

  @Override
  public Outcome writeZeros(long count) {
    Checks.open(closed, "output");
    Checks.nonNegative("count", count);
    if (count > 0) {
      started = true;
    }
    if (sticky != null) {
      return sticky;
    }
    long done = 0;
    while (done < count) {
      if (Interruption.requested()) {
        return Interruption.stopped(done);
      }
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
    MediaType type = declared;
    return type != null ? type : origin.mediaType();
  }

  @Override
  public boolean setMediaType(MediaType mediaType) {
    Objects.requireNonNull(mediaType, "mediaType");
    Checks.open(closed, "output");
    if (started) {
      return false;
    }
    declared = mediaType;
    return true;
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

  /** A fast path is about to write to the backend directly: too late to declare a type. */
  final void starting() {
    started = true;
  }

  /** Whether a fast path may write to this output's backend directly. */
  final boolean isOpen() {
    return sticky == null && !closed;
  }

  final Outcome stickyOrNull() {
    return sticky;
  }
}
