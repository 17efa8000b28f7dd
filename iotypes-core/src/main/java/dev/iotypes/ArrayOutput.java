package dev.iotypes;

import java.nio.ByteBuffer;

/**
 * The {@code from_array} output: writes into an array from an offset, with its own position,
 * extending the array as it goes. Closing it leaves the array open.
 */
final class ArrayOutput extends BaseOutput {
  private final IoArray array;
  private long position;
  private Failed pending; // a failure after some bytes went in: reported on the next call

  ArrayOutput(IoArray array, long offset) {
    super(new Origin(array.pseudonym(), array.mediaType()));
    this.array = array;
    this.position = Checks.nonNegative("offset", offset);
  }

  @Override
  protected int writeSome(ByteBuffer src) throws Failed {
    if (pending != null) {
      throw pending;
    }
    Outcome written = array.writeAt(src, position);
    position += written.count();
    if (written.isFailed()) {
      Failed failed = new Failed(written.failure());
      if (written.count() == 0) {
        throw failed;
      }
      // The bytes before the failure are in the array: count them, then fail (the partial count).
      pending = failed;
    }
    return (int) written.count();
  }

  @Override
  protected void flushBackend() throws Failed {
    Outcome flushed = array.flush();
    if (flushed.isFailed()) {
      throw new Failed(flushed.failure());
    }
  }

  @Override
  protected void closeBackend() {}
}
