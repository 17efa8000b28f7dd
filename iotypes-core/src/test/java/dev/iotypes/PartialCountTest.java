package dev.iotypes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.testing.Fixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The base classes' partial-count rule: a backend that moved bytes (advancing the buffer's
 * position) and then threw has them reported in the same outcome as the failure, on every path.
 */
class PartialCountTest {
  private static final byte[] CONTENT = Fixture.randomBytes(1000, 11);

  @RegisterExtension final Fixture fixture = Fixture.perTest();

  /** Puts up to 50 bytes of the content into each read, then throws with them. */
  private static final class FiftyThenFail extends BaseInput {
    FiftyThenFail() {
      super(Origin.NONE);
    }

    @Override
    protected int readSome(ByteBuffer dst) throws IOException {
      dst.put(CONTENT, 0, Math.min(50, dst.remaining()));
      throw new IOException("Input/output error");
    }

    @Override
    protected void closeBackend() {}
  }

  /** Takes up to 50 bytes of each write, then throws. */
  private static final class TakesFiftyThenFails extends BaseOutput {
    TakesFiftyThenFails() {
      super(Origin.NONE);
    }

    @Override
    protected int writeSome(ByteBuffer src) throws IOException {
      src.position(src.position() + Math.min(50, src.remaining()));
      throw new IOException("No space left on device");
    }

    @Override
    protected void closeBackend() {}
  }

  @Test
  void aReadThatDeliveredBytesThenFailedReportsThemWithTheFailure() {
    Input input = new FiftyThenFail();
    ByteBuffer buffer = ByteBuffer.allocate(100);

    Outcome read = input.read(buffer);

    assertThat(read.isFailed()).isTrue();
    assertThat(read.count()).isEqualTo(50);
    assertThat(buffer.position()).isEqualTo(50);
    assertThat(input.read(ByteBuffer.allocate(1))).isEqualTo(read.withCount(0));
  }

  @Test
  void aSkipThatReadBytesThenFailedCountsThemAsSkipped() {
    Outcome skipped = new FiftyThenFail().skip(100);

    assertThat(skipped.isFailed()).isTrue();
    assertThat(skipped.count()).isEqualTo(50);
  }

  @Test
  void aForwardThatReadBytesThenFailedStillDeliversThem() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Outcome forwarded = new FiftyThenFail().forward(IoTypes.output(bytes), 100);

    assertThat(forwarded.isFailed()).isTrue();
    assertThat(forwarded.count()).isEqualTo(50);
    assertThat(bytes.toByteArray()).isEqualTo(Arrays.copyOf(CONTENT, 50));
  }

  @Test
  void aWriteThatTookBytesThenFailedReportsThemWithTheFailure() {
    Output output = new TakesFiftyThenFails();
    ByteBuffer src = ByteBuffer.wrap(CONTENT);

    Outcome written = output.write(src);

    assertThat(written.isFailed()).isTrue();
    assertThat(written.count()).isEqualTo(50);
    assertThat(src.position()).isEqualTo(50);
    assertThat(output.writeZeros(10)).isEqualTo(written.withCount(0));
  }

  @Test
  void aFileForwardedIntoAChannelThatFailsReportsWhatTheChannelTook() throws Exception {
    Input input = fixture.register(IoTypes.fileInput(fixture.newFile(CONTENT)));
    TestBackends.FailingWriteChannel channel =
        new TestBackends.FailingWriteChannel(300, "No space left on device");
    Output output = new ChannelOutput(channel, channel::close, Origin.NONE);

    Outcome forwarded = input.forward(output, Long.MAX_VALUE);

    assertThat(forwarded.count()).isEqualTo(300);
    assertThat(forwarded.isFailed()).isTrue();
    assertThat(forwarded.failure().kind()).isEqualTo(Failure.Kind.NO_SPACE);
    assertThat(channel.taken.toByteArray()).isEqualTo(Arrays.copyOf(CONTENT, 300));
  }
}
