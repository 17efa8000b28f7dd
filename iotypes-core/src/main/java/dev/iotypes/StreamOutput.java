package dev.iotypes;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/** An output over a {@code java.io.OutputStream}; {@link #flush} is the stream's flush. */
final class StreamOutput extends BaseOutput {
  private final OutputStream out;
  private byte[] bounce;

  StreamOutput(OutputStream out, Origin origin) {
    super(origin);
    this.out = out;
  }

  @Override
  protected int writeSome(ByteBuffer src) throws IOException {
    int n = src.remaining();
    if (src.hasArray()) {
      out.write(src.array(), src.arrayOffset() + src.position(), n);
      src.position(src.position() + n);
      return n;
    }
    if (bounce == null) {
      bounce = new byte[BaseInput.CHUNK];
    }
    n = Math.min(n, bounce.length);
    src.get(bounce, 0, n);
    out.write(bounce, 0, n);
    return n;
  }

  @Override
  protected void flushBackend() throws IOException {
    out.flush();
  }

  @Override
  protected void closeBackend() throws IOException {
    out.close();
  }
}
