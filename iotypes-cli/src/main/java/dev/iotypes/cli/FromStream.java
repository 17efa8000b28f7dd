package dev.iotypes.cli;

import dev.iotypes.Failure;
import dev.iotypes.Input;
import dev.iotypes.IoArray;
import dev.iotypes.IoTypes;
import dev.iotypes.Origin;
import dev.iotypes.Outcome;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * An array argument that is a stream ({@code -} from a pipe, a URL, {@code $(command)}, {@code
 * NAME.gz}): the talk's {@code from-stream} done at the boundary, so that a program which needs
 * offsets (tac, sort) takes a pipe as GNU tools do. The bytes are read to the end before the
 * program starts: in memory up to {@link #IN_MEMORY}, past it into a temporary file that is deleted
 * as soon as it is open, so nothing is left behind whatever becomes of the process. The array is
 * read-only: its bytes are a copy, and a write to it would go nowhere the user could see.
 */
final class FromStream {
  /** Kept in memory up to this many bytes; a larger stream is spooled to a deleted file. */
  static final long IN_MEMORY = 16L << 20;

  private static final int CHUNK = 64 * 1024;

  private FromStream() {}

  /** Why a stream could not become an array: one line for the user. */
  static final class Unread extends Exception {
    private final boolean timedOut;

    Unread(String message, boolean timedOut) {
      super(message);
      this.timedOut = timedOut;
    }

    boolean timedOut() {
      return timedOut;
    }
  }

  /**
   * Reads {@code input} to its end into a read-only array with {@code origin}: in memory up to
   * {@code inMemory} bytes, else in a deleted file in {@code spoolDirectory}; at most {@code max}
   * bytes. {@code expired} is asked between reads whether binding's time is up.
   *
   * @throws Unread if the input fails, holds more than {@code max} bytes, or time ran out
   */
  static IoArray array(
      Input input,
      Origin origin,
      long inMemory,
      long max,
      Path spoolDirectory,
      BooleanSupplier expired)
      throws Unread, IOException {
    long cap = Math.min(inMemory, max);
    byte[] bytes = new byte[(int) Math.max(1, Math.min(CHUNK, cap))];
    int held = 0;
    while (true) {
      if (held == bytes.length) {
        if (held >= cap) {
          break; // memory is full: spool to a file
        }
        bytes = Arrays.copyOf(bytes, (int) Math.min(cap, 2L * held));
      }
      Outcome read = readSome(input, ByteBuffer.wrap(bytes, held, bytes.length - held), expired);
      held += (int) read.count();
      if (held > max) {
        throw tooLarge(max);
      }
      if (read.isEnded()) {
        return IoTypes.array(ByteBuffer.wrap(bytes, 0, held).slice().asReadOnlyBuffer(), origin);
      }
    }
    return spooled(input, origin, ByteBuffer.wrap(bytes, 0, held), max, spoolDirectory, expired);
  }

  private static IoArray spooled(
      Input input,
      Origin origin,
      ByteBuffer head,
      long max,
      Path spoolDirectory,
      BooleanSupplier expired)
      throws Unread, IOException {
    Path file = Files.createTempFile(spoolDirectory, "iotypes-", ".array");
    FileChannel channel;
    try {
      channel =
          FileChannel.open(
              file,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE,
              StandardOpenOption.DELETE_ON_CLOSE);
    } finally {
      Files.deleteIfExists(file); // open, so its bytes live on until the channel closes
    }
    try {
      long held = head.remaining();
      writeAll(channel, head);
      ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
      while (true) {
        chunk.clear();
        chunk.limit((int) Math.min(CHUNK, max - held + 1)); // one byte past max tells it is over
        Outcome read = readSome(input, chunk, expired);
        if (held + read.count() > max) {
          throw tooLarge(max);
        }
        chunk.flip();
        held += chunk.remaining();
        writeAll(channel, chunk);
        if (read.isEnded()) {
          return IoTypes.fileArray(channel, false, origin);
        }
      }
    } catch (Unread | IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Reads at least one byte, or the end; a failure or the binding's deadline is {@link Unread}. */
  private static Outcome readSome(Input input, ByteBuffer dst, BooleanSupplier expired)
      throws Unread {
    if (expired.getAsBoolean()) {
      throw new Unread("not read to its end in time (--timeout)", true);
    }
    Outcome read = input.read(dst);
    if (read.isFailed()) {
      if (expired.getAsBoolean()) {
        throw new Unread("not read to its end in time (--timeout)", true);
      }
      throw new Unread(reason(read.failure()), false);
    }
    return read;
  }

  private static Unread tooLarge(long max) {
    return new Unread("larger than " + max + " bytes (--max-array-size)", false);
  }

  private static String reason(Failure failure) {
    return Boundary.withoutJava(Boundary.render(failure.detail()));
  }

  private static void writeAll(FileChannel channel, ByteBuffer src) throws IOException {
    while (src.hasRemaining()) {
      channel.write(src);
    }
  }
}
