package dev.iotypes;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An array over a caller's {@link ByteBuffer} (or {@code byte[]}): its length is the buffer's
 * limit, and it can grow up to the buffer's capacity, no further. The caller keeps the buffer, so
 * bytes written here are visible there at once.
 */
final class BufferArray extends BaseArray {
  private final ByteBuffer buffer;

  BufferArray(ByteBuffer buffer, Origin origin) {
    super(origin);
    this.buffer = buffer.duplicate().position(0).limit(buffer.limit());
  }

  @Override
  protected boolean isWritable() {
    return !buffer.isReadOnly();
  }

  @Override
  protected int readSomeAt(ByteBuffer dst, long offset) {
    if (offset >= buffer.limit()) {
      return -1;
    }
    int n = (int) Math.min(dst.remaining(), buffer.limit() - offset);
    dst.put(buffer.slice((int) offset, n));
    return n;
  }

  @Override
  protected int writeSomeAt(ByteBuffer src, long offset) throws IOException {
    if (offset >= buffer.capacity()) {
      throw new MemoryArray.TooLarge("buffer capacity " + buffer.capacity() + " reached");
    }
    int start = (int) offset;
    int n = Math.min(src.remaining(), buffer.capacity() - start);
    int old = buffer.limit();
    buffer.limit(Math.max(old, start + n)); // first: absolute puts stop at the limit
    if (start > old) {
      zero(old, start);
    }
    ByteBuffer part = src.slice(src.position(), n);
    buffer.put(start, part, 0, n);
    src.position(src.position() + n);
    return n;
  }

  @Override
  protected long length() {
    return buffer.limit();
  }

  @Override
  protected void setLength(long length) throws IOException {
    if (length > buffer.capacity()) {
      throw new MemoryArray.TooLarge("buffer capacity " + buffer.capacity() + " < " + length);
    }
    int old = buffer.limit();
    buffer.limit((int) length);
    if (length > old) {
      zero(old, (int) length);
    }
  }

  @Override
  protected void closeBackend() {}

  private void zero(int from, int to) {
    for (int i = from; i < to; i++) {
      buffer.put(i, (byte) 0);
    }
  }
}
