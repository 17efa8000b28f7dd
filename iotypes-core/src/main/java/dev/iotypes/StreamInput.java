package dev.iotypes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * An input over a {@code java.io.InputStream}, reading straight into heap buffers. Skips read and
 * discard rather than call {@link InputStream#skip}: a {@code FileInputStream} (or a wrapper
 * passing skips down to one) skips past the end and reports bytes that were never there.
 */
final class StreamInput extends BaseInput {
  private final InputStream in;
  private byte[] bounce;

  StreamInput(InputStream in, Origin origin) {
    super(origin);
    this.in = in;
  }

  @Override
  protected int readSome(ByteBuffer dst) throws IOException {
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

  /** InputStream may return 0 for a non-empty request; an Input blocks for a byte instead. */
  private int read(byte[] array, int offset, int length) throws IOException {
    int n;
    do {
      n = in.read(array, offset, length);
    } while (n == 0);
    return n;
  }

  @Override
  protected void closeBackend() throws IOException {
    in.close();
  }
}
