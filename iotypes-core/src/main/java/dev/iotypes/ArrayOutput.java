package dev.iotypes;

import java.nio.ByteBuffer;

/**
 * The {@code from_array} output: writes into an array from an offset, with its own position,
 * extending the array as it goes. Closing it leaves the array open.
 */
final class ArrayOutput extends BaseOutput {
  private final IoArray array;
  private long position;

  ArrayOutput(IoArray array, long offset) {
    super(new Origin(array.pseudonym(), array.mediaType()));
    this.array = array;
    this.position = Checks.nonNegative("offset", offset);
  }

  @Override
  int writeSome(ByteBuffer src) throws ArrayFailed {
    Outcome written = array.writeAt(src, position);
    position += written.count();
    if (written.isFailed()) {
      throw new ArrayFailed(written.failure());
    }
    return (int) written.count();
  }

  @Override
  void flushBackend() throws ArrayFailed {
    Outcome flushed = array.flush();
    if (flushed.isFailed()) {
      throw new ArrayFailed(flushed.failure());
    }
  }

  @Override
  void closeBackend() {}
}
