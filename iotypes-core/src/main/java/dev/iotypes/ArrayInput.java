package dev.iotypes;

import java.nio.ByteBuffer;

/**
 * The {@code from_array} input: a stream over an array from an offset, with its own position.
 * Closing it leaves the array open; the array belongs to whoever made it.
 */
final class ArrayInput extends BaseInput {
  private final IoArray array;
  private long position;

  ArrayInput(IoArray array, long offset) {
    super(new Origin(array.pseudonym(), array.mediaType()));
    this.array = array;
    this.position = Checks.nonNegative("offset", offset);
  }

  @Override
  protected int readSome(ByteBuffer dst) throws Failed {
    Outcome read = array.readAt(dst, position);
    position += read.count();
    if (read.isFailed()) {
      throw new Failed(read.failure());
    }
    if (read.count() == 0) {
      return -1;
    }
    return (int) read.count();
  }

  @Override
  protected long skipSome(long count) throws Failed {
    Outcome len = array.len();
    if (len.isFailed()) {
      throw new Failed(len.failure());
    }
    if (position >= len.count()) {
      return -1;
    }
    long n = Math.min(count, len.count() - position);
    position += n;
    return n;
  }

  @Override
  protected void closeBackend() {}
}
