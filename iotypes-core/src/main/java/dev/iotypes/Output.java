package dev.iotypes;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * An output stream: reliable, in-order bytes to somewhere the program need not know.
 *
 * <p>A write takes everything it is given or fails: the outcome's count says how much was taken
 * before the failure. Failure is sticky: once reported, every later call reports it with a count of
 * 0 and does not touch the backend. Outputs report {@link Status#OPEN} or {@link Status#FAILED},
 * never {@link Status#ENDED}; a reader that went away is a failure of kind {@link
 * Failure.Kind#BROKEN_PIPE}.
 *
 * <p>An output is used by one thread at a time. It may be implemented by a Java object or by
 * another WebAssembly module's exports.
 */
public interface Output extends AutoCloseable {
  /**
   * Writes all of {@code src} from its position to its limit, advancing the position. An empty
   * buffer returns at once with count 0 and the current status, touching nothing: that is how a
   * caller asks whether an output has failed, and why.
   */
  Outcome write(ByteBuffer src);

  /**
   * Writes {@code count} zero bytes without the caller supplying them.
   *
   * @throws IllegalArgumentException if {@code count < 0}
   */
  Outcome writeZeros(long count);

  /** Pushes buffered bytes to the backend and reports any failure that buffering had hidden. */
  Outcome flush();

  /**
   * Writes the name behind {@code pseudonym}: the only way its text is ever rendered. Where the
   * name may go is the host's decision: the Wasm host renders one only into an output the embedder
   * handed in, never into one the guest built itself; an embedder that hands a guest both ends of a
   * pipe lets it read the name back.
   */
  default Outcome writePseudonym(Pseudonym pseudonym) {
    return write(ByteBuffer.wrap(pseudonym.utf8()));
  }

  /**
   * The IANA media type of the bytes: the one {@link #setMediaType} declared, else the one the
   * output was made with (from a file's extension, say), else {@link MediaType#OCTET_STREAM}.
   */
  MediaType mediaType();

  /**
   * Declares what this output's bytes are, before the first of them, as the writer is the one who
   * knows: a program writing PNG to an output named without an extension, or to one the host sends
   * on with a {@code Content-Type}. It replaces the type the output was made with, which is only a
   * guess from a name. Once a byte was written (or a write of bytes attempted, even one that
   * failed) it is too late, since a reader may have acted on the old type: the call changes nothing
   * and returns false. Before that, it may be declared again; the last wins.
   *
   * <p>An output that cannot carry a type of its own keeps the default: it always returns false.
   *
   * @return whether the type was taken
   */
  default boolean setMediaType(MediaType mediaType) {
    Objects.requireNonNull(mediaType, "mediaType");
    return false;
  }

  Pseudonym pseudonym();

  /**
   * The readiness of this output: whether a write would return without waiting. Files and memory
   * never wait, so by default an output is always ready; a {@link Pipe}'s is ready when its buffer
   * has room or its reader is gone. An output over a Java stream says ready and may block.
   */
  default Pollable pollable() {
    return Pollable.READY;
  }

  /**
   * Flushes, then releases the backend; a failure to flush is reported by a {@link #flush()} before
   * closing, not here. Later calls throw {@link IllegalStateException}; closing twice is fine.
   */
  @Override
  void close();
}
