package dev.iotypes.testing;

import dev.iotypes.BaseOutput;
import dev.iotypes.Origin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Takes bytes until {@code failAfter} were taken, then throws {@code reason}; keeps what it took.
 */
final class FailingOutput extends BaseOutput {
  private final long failAfter;
  private final String reason;
  final ByteArrayOutputStream taken = new ByteArrayOutputStream();

  FailingOutput(long failAfter, String reason) {
    super(Origin.NONE);
    this.failAfter = failAfter;
    this.reason = reason;
  }

  @Override
  protected int writeSome(ByteBuffer src) throws IOException {
    long room = failAfter - taken.size();
    if (room <= 0) {
      throw new IOException(reason);
    }
    int n = (int) Math.min(room, src.remaining());
    byte[] bytes = new byte[n];
    src.get(bytes);
    taken.write(bytes, 0, n);
    return n;
  }

  @Override
  protected void closeBackend() {}
}
