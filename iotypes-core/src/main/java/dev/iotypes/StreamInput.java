package dev.iotypes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/** An input over a {@code java.io.InputStream}, reading straight into heap buffers. */
final class StreamInput extends BaseInput {
  private final InputStream in;
  private byte[] bounce;

  StreamInput(InputStream in, Origin origin) {
    super(origin);
    this.in = in;
  }

  @Override
  int readSome(ByteBuffer dst) throws IOException {
    if (dst.hasArray()) {
      int n = read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
      if (n > 0) {
        dst.position(dst.position() + n);
      }
      return n;
    }
    if (bounce == null) {
      bounce = new byte[CHUNK];
    }
    int n = read(bounce, 0, Math.min(bounce.length, dst.remaining()));
    if (n > 0) {
      dst.put(bounce, 0, n);
    }
    return n;
  }

  @Override
  long skipSome(long count) throws IOException {
    long n = in.skip(count);
    if (n > 0) {
      return n;
    }
    return super.skipSome(count); // skip() may return 0 before the end: read to tell
  }

  /** InputStream may return 0 for a non-empty request; an Input blocks for a byte instead. */
  private int read(byte[] array, int offset, int length) throws IOException {
    int n;
    do {
      n = in.read(array, offset, length);
    } while (n == 0);
    return n;
  }

  @Override
  void closeBackend() throws IOException {
    in.close();
  }
}
