package dev.iotypes;

import java.nio.ByteBuffer;

/**
 * An I/O array: a dynamic array of bytes addressed by {@code long} offsets (disk partitions, memory
 * buffers, files), with no position of its own.
 *
 * <p>Reads stop short only at the array's length, reporting {@link Status#ENDED} there; that end is
 * not sticky, since a later write or {@link #setLen} may extend the array. Failure is sticky: once
 * reported, every later call reports it with a count of 0 and does not touch the backend. Writes
 * past the length extend the array, filling any gap with zeros.
 *
 * <p>An array is used by one thread at a time.
 */
public interface IoArray extends AutoCloseable {
  /**
   * Reads into {@code dst} from its position up to its limit, starting at {@code offset}; short
   * only at the array's length.
   *
   * @throws IllegalArgumentException if {@code offset < 0}
   */
  Outcome readAt(ByteBuffer dst, long offset);

  /**
   * Writes all of {@code src}, from its position to its limit, starting at {@code offset}.
   *
   * @throws IllegalArgumentException if {@code offset < 0} or the write would end past {@code
   *     Long.MAX_VALUE}
   */
  Outcome writeAt(ByteBuffer src, long offset);

  /** The current length in the outcome's count. */
  Outcome len();

  /**
   * Truncates to {@code length}, or extends with zeros.
   *
   * @throws IllegalArgumentException if {@code length < 0}
   */
  Outcome setLen(long length);

  /** A hint about how a range will be used; implementations may ignore it. */
  void advise(long offset, long length, Advice advice);

  /**
   * Pushes buffered bytes to the backend and reports any failure that buffering had hidden; over a
   * writable file, also makes them durable ({@code fsync}), as {@code fd_sync} asks.
   */
  Outcome flush();

  MediaType mediaType();

  Pseudonym pseudonym();

  /**
   * Copies {@code length} bytes from this array at {@code offset} to {@code dst} at {@code
   * dstOffset}, without handing them to the caller; overlapping ranges of one array copy as if
   * through a temporary buffer. Short only where this array ends ({@link Status#ENDED}) or either
   * array fails (the failure is sticky on the one that failed).
   *
   * @throws IllegalArgumentException if an offset or the length is negative
   */
  Outcome copyTo(long offset, IoArray dst, long dstOffset, long length);

  /**
   * Releases the backend. Later calls throw {@link IllegalStateException}; closing twice is fine.
   */
  @Override
  void close();
}
