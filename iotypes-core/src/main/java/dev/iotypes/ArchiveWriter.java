package dev.iotypes;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;

/**
 * One archive format, written entry after entry in the order given: what {@link
 * ArchiveOutputDirectory} needs of Apache Commons Compress, and no more. Names are portable
 * already; a directory's is given without its trailing {@code /}.
 */
interface ArchiveWriter {
  /**
   * Whether a file may start before its size is known ({@link #startFile}): a zip can (the sizes
   * follow the bytes, in a data descriptor); a tar cannot (its header holds the size).
   */
  boolean streams();

  void directory(String name, Instant time) throws IOException;

  /**
   * Starts a file of unknown size whose bytes go to the stream returned until {@link #endFile()};
   * only if {@link #streams()}. Closing the stream returned does nothing.
   */
  OutputStream startFile(String name, Instant time) throws IOException;

  void endFile() throws IOException;

  /** A whole file whose {@code size} is known: its bytes are what {@code spool} holds. */
  void file(String name, Instant time, EntrySpool spool) throws IOException;

  /** Writes the archive's end (a zip's central directory, a tar's end blocks) and closes it. */
  void finish() throws IOException;

  /** Closes the file under the archive, ending nothing: after a failure, or to give up. */
  void abandon();
}
