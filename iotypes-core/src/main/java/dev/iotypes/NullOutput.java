package dev.iotypes;

import java.nio.ByteBuffer;

/** The bit bucket: takes everything, keeps nothing, never fails. */
final class NullOutput extends BaseOutput {
  NullOutput(Origin origin) {
    super(origin);
  }

  @Override
  protected int writeSome(ByteBuffer src) {
    int n = src.remaining();
    src.position(src.limit());
    return n;
  }

  @Override
  public Outcome writeZeros(long count) {
    checkOpen();
    Checks.nonNegative("count", count);
    if (count > 0) {
      starting();
    }
    Outcome sticky = stickyOrNull();
    return sticky != null ? sticky : Outcome.open(count);
  }

  @Override
  protected void closeBackend() {}
}
