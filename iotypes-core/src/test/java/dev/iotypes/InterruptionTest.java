package dev.iotypes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A loop that moves bytes for its caller stops at an interrupt, between chunks, even from a source
 * that never runs dry; the stream has not failed, and the interrupt is left for its owner to clear.
 */
@Timeout(10)
class InterruptionTest {
  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void aPipeForwardedIntoItselfStopsAtAnInterrupt() {
    Pipe pipe = IoTypes.pipe();
    assertThat(pipe.output().write(ByteBuffer.wrap(new byte[] {1, 2, 3})).isOpen()).isTrue();
    Thread.currentThread().interrupt();
    Outcome forwarded = pipe.input().forward(pipe.output(), Long.MAX_VALUE);
    assertThat(forwarded.isFailed()).isTrue();
    assertThat(Thread.interrupted()).as("left set").isTrue();
    ByteBuffer dst = ByteBuffer.allocate(3);
    assertThat(pipe.input().read(dst).count()).as("not sticky").isEqualTo(3);
  }

  @Test
  void skipAndWriteZerosStopAtAnInterrupt() {
    Input endless =
        IoTypes.input(
            new InputStream() {
              @Override
              public int read() {
                return 0;
              }
            },
            Origin.NONE);
    Output sink = IoTypes.output(OutputStream.nullOutputStream(), Origin.NONE);
    Thread.currentThread().interrupt();
    assertThat(sink.writeZeros(Long.MAX_VALUE).isFailed()).isTrue();
    assertThat(endless.skip(Long.MAX_VALUE).isFailed()).isTrue();
    Thread.interrupted();
    assertThat(sink.writeZeros(10).count()).isEqualTo(10);
  }

  @Test
  void anArrayCopyStopsAtAnInterrupt() {
    IoArray src = IoTypes.anonymous();
    assertThat(src.setLen(1 << 20).isOpen()).isTrue();
    IoArray dst = IoTypes.anonymous();
    Thread.currentThread().interrupt();
    assertThat(src.copyTo(0, dst, 0, 1 << 20).isFailed()).isTrue();
    assertThat(src.copyTo(0, src, 1, 1 << 19).isFailed()).as("within, backwards").isTrue();
  }
}
