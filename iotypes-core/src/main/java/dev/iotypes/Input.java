package dev.iotypes;

import java.nio.ByteBuffer;

/**
 * An input stream: reliable, in-order bytes from somewhere the program need not know.
 *
 * <p>Unlike {@code java.io.InputStream}, no I/O failure is thrown: every call returns an {@link
 * Outcome}, the bytes done and the status together. End and failure are sticky: once a call reports
 * {@link Status#ENDED} or {@link Status#FAILED}, every later call reports the same with a count of
 * 0 and does not touch the backend. Calls block until they can report something; there are no
 * timeouts and nothing to retry.
 *
 * <p>An input is used by one thread at a time. This interface is small on purpose: an input may be
 * implemented by a Java object or by another WebAssembly module's exports.
 */
public interface Input extends AutoCloseable {
  /**
   * Reads into {@code dst} from its position up to its limit, advancing the position. Blocks until
   * at least one byte is read, the input ends, or it fails; a buffer with nothing remaining returns
   * at once with count 0 and the current status.
   */
  Outcome read(ByteBuffer dst);

  /**
   * Reads and discards up to {@code count} bytes, returning early only at end or failure. The bytes
   * are never handed to the caller.
   *
   * @throws IllegalArgumentException if {@code count < 0}
   */
  Outcome skip(long count);

  /**
   * Moves up to {@code count} bytes from this input to {@code output} without handing them to the
   * caller, returning early only at end or failure; {@code Long.MAX_VALUE} forwards everything.
   * Between a file and a file, socket or pipe, the bytes need not enter the JVM at all.
   *
   * <p>If {@code output} fails, the outcome carries its failure (sticky on {@code output}); this
   * input stays open, and bytes it had read but the output did not take are lost.
   *
   * <p>An interrupt of the calling thread stops the move between chunks (a source that never runs
   * dry never blocks, so nothing else would): the outcome is then a failure that is not sticky, and
   * the interrupt stays set. {@link #skip}, {@link Output#writeZeros} and {@link IoArray#copyTo}
   * stop the same way.
   *
   * @throws IllegalArgumentException if {@code count < 0}
   */
  Outcome forward(Output output, long count);

  MediaType mediaType();

  Pseudonym pseudonym();

  /**
   * The readiness of this input: whether a {@link #read} would return without waiting. Files and
   * memory never wait, so by default an input is always ready; a {@link Pipe} is ready when it
   * holds bytes or its writer is gone. An input over a Java stream (standard input, a child
   * process) says ready too, and a read may then block: {@code InputStream} cannot tell without a
   * thread, which {@link IoTypes#readAhead} adds for an input that needs the truth.
   */
  default Pollable pollable() {
    return Pollable.READY;
  }

  /**
   * Releases the backend. Later calls throw {@link IllegalStateException}; closing twice is fine.
   */
  @Override
  void close();
}
