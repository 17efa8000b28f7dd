package dev.iotypes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A stream read to its end into a read-only array before anyone uses it: the talk's {@code
 * from-stream} for a program that needs offsets (tac, sort) but is handed a pipe, as GNU tools take
 * one. The bytes stay in memory up to a limit; past it they go to a temporary file that is deleted
 * as soon as it is open, so nothing is left behind whatever becomes of the process. The array is
 * read-only: its bytes are a copy, and a write to it would go nowhere the user could see.
 */
final class SpooledArray {
  private static final int CHUNK = 64 * 1024;

  private SpooledArray() {}

  /** See {@link IoTypes#fromStream(Input, long, long, Path)}. */
  static IoArray read(Input input, long inMemory, long max, Path directory) throws IOException {
    Origin origin = new Origin(input.pseudonym(), input.mediaType());
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
      Outcome read = readSome(input, ByteBuffer.wrap(bytes, held, bytes.length - held));
      held += (int) read.count();
      if (held > max) {
        throw tooLarge(max);
      }
      if (read.isEnded()) {
        return new BufferArray(ByteBuffer.wrap(bytes, 0, held).slice().asReadOnlyBuffer(), origin);
      }
    }
    return spooled(input, origin, ByteBuffer.wrap(bytes, 0, held), max, directory);
  }

  private static IoArray spooled(
      Input input, Origin origin, ByteBuffer head, long max, Path directory) throws IOException {
    Path file = Files.createTempFile(directory, "iotypes-", ".array");
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
        Outcome read = readSome(input, chunk);
        if (held + read.count() > max) {
          throw tooLarge(max);
        }
        chunk.flip();
        held += chunk.remaining();
        writeAll(channel, chunk);
        if (read.isEnded()) {
          return new FileArray(channel, false, origin);
        }
      }
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Reads at least one byte, or the end; a failure of the input is thrown as it is. */
  private static Outcome readSome(Input input, ByteBuffer dst) throws Failed {
    Outcome read = input.read(dst);
    if (read.isFailed()) {
      throw new Failed(read.failure());
    }
    return read;
  }

  private static Failed tooLarge(long max) {
    return new Failed(Failure.of(Failure.Kind.TOO_LARGE, "larger than " + max + " bytes"));
  }

  private static void writeAll(FileChannel channel, ByteBuffer src) throws IOException {
    while (src.hasRemaining()) {
      channel.write(src);
    }
  }
}
