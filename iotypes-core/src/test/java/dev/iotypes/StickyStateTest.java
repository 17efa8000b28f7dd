package dev.iotypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.TestBackends.CountingInputStream;
import dev.iotypes.TestBackends.FailingArray;
import dev.iotypes.TestBackends.FailingOutputStream;
import dev.iotypes.TestBackends.FailingReadChannel;
import dev.iotypes.TestBackends.FailingWriteChannel;
import dev.iotypes.testing.Fixture;
import dev.iotypes.testing.OneByteAtATime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Sticky end and failure, shown on backends that count their calls, and the opacity of failures:
 * code sees a coarse kind, only an output renders the host's detail.
 */
class StickyStateTest {
  private static final byte[] CONTENT = Fixture.randomBytes(1000, 8);

  @Test
  void readAfterEndReportsEndedWithoutTouchingBackend() {
    CountingInputStream stream = new CountingInputStream(CONTENT);
    Input input = IoTypes.input(stream);
    assertThat(Fixture.drain(input, 300)).isEqualTo(CONTENT);
    int touches = stream.touches;

    for (int i = 0; i < 3; i++) {
      assertThat(input.read(ByteBuffer.allocate(10))).isEqualTo(Outcome.ended(0));
      assertThat(input.skip(5)).isEqualTo(Outcome.ended(0));
      assertThat(input.forward(IoTypes.nullOutput(), 5)).isEqualTo(Outcome.ended(0));
    }
    assertThat(stream.touches).isEqualTo(touches);
  }

  @Test
  void readFailureIsReportedAfterTheBytesBeforeItThenReplayedWithoutTouchingBackend() {
    FailingReadChannel channel = new FailingReadChannel(CONTENT, 300);
    Input input = new ChannelInput(channel, channel::close, Origin.NONE);
    ByteBuffer buffer = ByteBuffer.allocate(1000);

    assertThat(input.read(buffer)).isEqualTo(Outcome.open(300));
    Outcome failed = input.read(buffer);
    assertThat(failed.count()).isZero();
    assertThat(failed.status()).isEqualTo(Status.FAILED);
    assertThat(failed.failure().kind()).isEqualTo(Failure.Kind.IO);
    int touches = channel.touches;

    for (int i = 0; i < 3; i++) {
      assertThat(input.read(buffer.clear())).isEqualTo(failed);
      assertThat(input.read(ByteBuffer.allocate(0))).isEqualTo(failed);
      assertThat(input.skip(5)).isEqualTo(failed);
      assertThat(input.forward(IoTypes.nullOutput(), 5)).isEqualTo(failed);
    }
    assertThat(channel.touches).isEqualTo(touches);
    input.close();
    assertThat(channel.closed).isTrue();
  }

  @Test
  void skipAndForwardReportTheBytesDoneBeforeAFailure() {
    Input skipping = IoTypes.input(new CountingInputStream(CONTENT, 300));
    Input forwarding = IoTypes.input(new CountingInputStream(CONTENT, 300));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Outcome skipped = skipping.skip(500);
    Outcome forwarded = forwarding.forward(IoTypes.output(bytes), Long.MAX_VALUE);

    assertThat(skipped.count()).isEqualTo(300);
    assertThat(skipped.isFailed()).isTrue();
    assertThat(forwarded.count()).isEqualTo(300);
    assertThat(forwarded.isFailed()).isTrue();
    assertThat(bytes.toByteArray()).isEqualTo(Arrays.copyOf(CONTENT, 300));
    assertThat(skipping.skip(1)).isEqualTo(skipped.withCount(0));
    assertThat(forwarding.read(ByteBuffer.allocate(1))).isEqualTo(forwarded.withCount(0));
  }

  @Test
  void writeFailureReportsThePartialCountThenReplaysWithoutTouchingBackend() {
    FailingWriteChannel channel = new FailingWriteChannel(300, "No space left on device");
    Output output = new ChannelOutput(channel, channel::close, Origin.NONE);

    Outcome failed = output.write(ByteBuffer.wrap(CONTENT));

    assertThat(failed.count()).isEqualTo(300);
    assertThat(failed.status()).isEqualTo(Status.FAILED);
    assertThat(failed.failure().kind()).isEqualTo(Failure.Kind.NO_SPACE);
    assertThat(channel.taken.toByteArray()).isEqualTo(Arrays.copyOf(CONTENT, 300));
    int touches = channel.touches;
    Outcome replay = failed.withCount(0);
    for (int i = 0; i < 3; i++) {
      assertThat(output.write(ByteBuffer.wrap(CONTENT))).isEqualTo(replay);
      assertThat(output.write(ByteBuffer.allocate(0))).isEqualTo(replay);
      assertThat(output.writeZeros(10)).isEqualTo(replay);
      assertThat(output.flush()).isEqualTo(replay);
      assertThat(output.writePseudonym(Pseudonym.of("x"))).isEqualTo(replay);
    }
    assertThat(channel.touches).isEqualTo(touches);
    output.close();
    assertThat(channel.closed).isTrue();
  }

  @Test
  void writeZerosReportsTheZerosWrittenBeforeAFailure() {
    FailingWriteChannel channel = new FailingWriteChannel(100_000, "No space left on device");
    Output output = new ChannelOutput(channel, channel::close, Origin.NONE);

    Outcome failed = output.writeZeros(200_000);

    assertThat(failed.count()).isEqualTo(100_000);
    assertThat(failed.isFailed()).isTrue();
    assertThat(channel.taken.toByteArray()).isEqualTo(new byte[100_000]);
  }

  @Test
  void flushReportsTheFailureBufferingHadHiddenAndItSticks() {
    FailingOutputStream stream = new FailingOutputStream(Long.MAX_VALUE);
    stream.failFlush = true;
    Output output = IoTypes.output(stream);

    assertThat(output.write(ByteBuffer.wrap(CONTENT))).isEqualTo(Outcome.open(CONTENT.length));
    Outcome flushed = output.flush();

    assertThat(flushed.isFailed()).isTrue();
    assertThat(flushed.failure().kind()).isEqualTo(Failure.Kind.NO_SPACE);
    int touches = stream.touches;
    assertThat(output.write(ByteBuffer.wrap(CONTENT))).isEqualTo(flushed);
    output.close();
    assertThat(stream.touches).isEqualTo(touches);
  }

  @Test
  void closingAnOutputWhoseFlushFailsDoesNotThrow() {
    FailingOutputStream stream = new FailingOutputStream(Long.MAX_VALUE);
    stream.failFlush = true;
    Output output = IoTypes.output(stream);
    output.write(ByteBuffer.wrap(CONTENT));

    output.close();
    output.close();

    assertThatThrownBy(output::flush).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void arrayFailureIsStickyAndLeavesTheBackendAlone() {
    FailingArray array = new FailingArray(CONTENT);
    IoArray other = IoTypes.anonymous();
    array.failNext = true;

    Outcome failed = array.readAt(ByteBuffer.allocate(10), 0);
    array.failNext = false;
    int touches = array.touches;

    assertThat(failed.isFailed()).isTrue();
    for (int i = 0; i < 3; i++) {
      assertThat(array.readAt(ByteBuffer.allocate(10), 0)).isEqualTo(failed);
      assertThat(array.writeAt(ByteBuffer.allocate(10), 0)).isEqualTo(failed);
      assertThat(array.len()).isEqualTo(failed);
      assertThat(array.setLen(5)).isEqualTo(failed);
      assertThat(array.flush()).isEqualTo(failed);
      assertThat(array.copyTo(0, other, 0, 10)).isEqualTo(failed);
      array.advise(0, 10, Advice.WILL_NEED);
    }
    assertThat(array.touches).isEqualTo(touches);
    assertThat(other.len()).isEqualTo(Outcome.open(0));
  }

  @Test
  void arrayWriteFailureReportsThePartialCount() {
    FailingArray array = new FailingArray(new byte[0]);
    IoArray oneByte = OneByteAtATime.array(array);
    assertThat(oneByte.writeAt(ByteBuffer.wrap(CONTENT, 0, 10), 0)).isEqualTo(Outcome.open(10));
    array.failNext = true;

    Outcome failed = oneByte.writeAt(ByteBuffer.wrap(CONTENT), 10);

    assertThat(failed.count()).isZero();
    assertThat(failed.isFailed()).isTrue();
    assertThat(array.len()).isEqualTo(failed.withCount(0));
  }

  @Test
  void copyIntoAFailedArrayReportsThatArraysFailureAndLeavesTheSourceHealthy() {
    FailingArray dst = new FailingArray(new byte[0]);
    dst.failNext = true;
    Failure failure = dst.len().failure();
    IoArray src = Fixture.filled(IoTypes.anonymous(), CONTENT);

    assertThat(src.copyTo(0, dst, 0, 100)).isEqualTo(Outcome.failed(0, failure));
    assertThat(src.len()).isEqualTo(Outcome.open(CONTENT.length));
  }

  @Test
  void streamsOverAFailedArrayReportTheArraysOwnFailure() {
    FailingArray array = new FailingArray(CONTENT);
    Input input = IoTypes.inputFromArray(array, 0);
    Output output = IoTypes.outputFromArray(array, 0);
    array.failNext = true;

    Outcome read = input.read(ByteBuffer.allocate(10));
    Outcome written = output.write(ByteBuffer.allocate(10));

    assertThat(read.failure()).isSameAs(written.failure()).isSameAs(array.len().failure());
    assertThat(read.failure()).isNotEqualTo(Failure.NONE);
  }

  @Test
  void failureAndPseudonymStringsRevealNoHostDetail() {
    Input input = IoTypes.input(new CountingInputStream(CONTENT, 0));
    Outcome failed = input.read(ByteBuffer.allocate(10));
    Pseudonym name = Pseudonym.of(TestBackends.SECRET);

    for (String shown :
        new String[] {
          failed.toString(),
          failed.failure().toString(),
          failed.failure().detail().toString(),
          name.toString()
        }) {
      assertThat(shown).doesNotContain("secret").doesNotContain("alice").doesNotContain("/");
    }
    assertThat(failed.failure().toString()).isEqualTo("Failure(IO)");
    assertThat(name.toString()).startsWith("Pseudonym#");
  }

  @Test
  void failureDetailRendersOnlyThroughAnOutput() {
    Input input = IoTypes.input(new CountingInputStream(CONTENT, 0));
    Failure failure = input.read(ByteBuffer.allocate(10)).failure();
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    Outcome rendered = IoTypes.output(log).writePseudonym(failure.detail());

    String text = log.toString(StandardCharsets.UTF_8);
    assertThat(text).contains(TestBackends.SECRET).contains("Input/output error");
    assertThat(rendered).isEqualTo(Outcome.open(log.size()));
  }

  @Test
  void pseudonymsAreDistinctEvenForTheSameNameAndNoneRendersNothing() {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Output output = IoTypes.output(log);

    assertThat(Pseudonym.of("a")).isNotEqualTo(Pseudonym.of("a"));
    assertThat(Pseudonym.of("")).isSameAs(Pseudonym.NONE);
    assertThat(output.writePseudonym(Pseudonym.NONE)).isEqualTo(Outcome.open(0));
    assertThat(log.size()).isZero();
  }

  @Test
  void aFileIsNamedByItsPathOnlyForOutputs() throws Exception {
    try (Fixture fixture = Fixture.inTempDir()) {
      java.nio.file.Path path = fixture.newFile(CONTENT);
      Input input = fixture.register(IoTypes.fileInput(path));
      ByteArrayOutputStream log = new ByteArrayOutputStream();

      IoTypes.output(log).writePseudonym(input.pseudonym());

      assertThat(log.toString(StandardCharsets.UTF_8)).isEqualTo(path.toString());
      assertThat(input.pseudonym().toString()).doesNotContain(path.getFileName().toString());
    }
  }

  @Test
  void hostExceptionsMapToCoarseKinds() {
    assertThat(Failure.from(new IOException("No space left on device")).kind())
        .isEqualTo(Failure.Kind.NO_SPACE);
    assertThat(Failure.from(new IOException("Broken pipe")).kind())
        .isEqualTo(Failure.Kind.BROKEN_PIPE);
    assertThat(Failure.from(new IOException("Connection reset by peer")).kind())
        .isEqualTo(Failure.Kind.BROKEN_PIPE);
    assertThat(Failure.from(new ClosedChannelException()).kind())
        .isEqualTo(Failure.Kind.BROKEN_PIPE);
    assertThat(Failure.from(new AccessDeniedException("/x")).kind()).isEqualTo(Failure.Kind.ACCESS);
    assertThat(Failure.from(new UnsupportedOperationException()).kind())
        .isEqualTo(Failure.Kind.UNSUPPORTED);
    assertThat(Failure.from(new IOException((String) null)).kind()).isEqualTo(Failure.Kind.IO);
    assertThat(
            Failure.from(new java.io.UncheckedIOException(new IOException("File too large")))
                .kind())
        .isEqualTo(Failure.Kind.TOO_LARGE);
  }

  @Test
  void outcomesKeepTheirInvariants() {
    Failure failure = Failure.of(Failure.Kind.IO, "x");

    assertThatThrownBy(() -> new Outcome(-1, Status.OPEN, Failure.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("count < 0: -1");
    assertThatThrownBy(() -> Outcome.failed(0, Failure.NONE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Outcome(0, Status.OPEN, failure))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Outcome.failed(5, failure).withCount(0)).isEqualTo(Outcome.failed(0, failure));
  }
}
