package dev.iotypes.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.iotypes.MediaType;
import dev.iotypes.Outcome;
import dev.iotypes.Output;
import dev.iotypes.Pseudonym;
import dev.iotypes.Status;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link Output} contract, as an abstract suite: a module runs it against its implementations
 * by extending this class and listing them in {@link #outputs()}, one {@link Named} OutputKind
 * each, ideally with a one-byte-at-a-time wrapper among them ({@link OneByteAtATime}).
 */
public abstract class OutputContract extends ContractSuite {
  private static final byte[] CONTENT = Fixture.randomBytes(150_000, 2);

  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @ParameterizedTest(name = "{0}")
  @MethodSource("outputKinds")
  @interface ForEachOutput {}

  /** The implementations under test. */
  protected abstract List<Named<OutputKind>> outputs();

  protected final Stream<Named<OutputKind>> outputKinds() {
    return outputs().stream();
  }

  private Sink open(OutputKind kind) throws Exception {
    Sink sink = kind.open(fixture());
    fixture().register(sink.output());
    return sink;
  }

  /** What reached the backend, once the output is closed; skips the test for the bit bucket. */
  private static byte[] written(Sink sink) throws Exception {
    sink.output().close();
    byte[] written = sink.written();
    assumeTrue(written != null, "this output keeps no bytes");
    return written;
  }

  @ForEachOutput
  protected void writeTakesEveryByteAndReportsTheCount(OutputKind kind) throws Exception {
    Sink sink = open(kind);
    ByteBuffer src = ByteBuffer.wrap(CONTENT);

    assertThat(sink.output().write(src)).isEqualTo(Outcome.open(CONTENT.length));
    assertThat(src.hasRemaining()).isFalse();
    assertThat(written(sink)).isEqualTo(CONTENT);
  }

  @ForEachOutput
  protected void writesFromDirectReadOnlyAndOffsetBuffersKeepTheirOrder(OutputKind kind)
      throws Exception {
    Sink sink = open(kind);
    Output output = sink.output();
    ByteBuffer direct = ByteBuffer.allocateDirect(70_000).put(CONTENT, 0, 70_000).flip();
    ByteBuffer readOnly = ByteBuffer.wrap(CONTENT, 70_000, 30_000).slice().asReadOnlyBuffer();
    ByteBuffer offset = ByteBuffer.wrap(CONTENT, 100_000, 50_000).slice();

    assertThat(output.write(direct)).isEqualTo(Outcome.open(70_000));
    assertThat(output.write(readOnly)).isEqualTo(Outcome.open(30_000));
    assertThat(output.write(offset)).isEqualTo(Outcome.open(50_000));
    assertThat(written(sink)).isEqualTo(CONTENT);
  }

  @ForEachOutput
  protected void writeOfNothingReportsOpenZero(OutputKind kind) throws Exception {
    Sink sink = open(kind);

    assertThat(sink.output().write(ByteBuffer.allocate(0))).isEqualTo(Outcome.open(0));
    assertThat(written(sink)).isEmpty();
  }

  @ForEachOutput
  protected void writeZerosWritesThatManyZeroBytesInStreamOrder(OutputKind kind) throws Exception {
    Sink sink = open(kind);
    Output output = sink.output();

    output.write(ByteBuffer.wrap(new byte[] {1, 2}));
    assertThat(output.writeZeros(100_000)).isEqualTo(Outcome.open(100_000));
    assertThat(output.writeZeros(0)).isEqualTo(Outcome.open(0));
    output.write(ByteBuffer.wrap(new byte[] {3}));

    byte[] expected = new byte[100_003];
    expected[0] = 1;
    expected[1] = 2;
    expected[100_002] = 3;
    assertThat(written(sink)).isEqualTo(expected);
  }

  @ForEachOutput
  protected void flushReportsOpenAndLosesNothing(OutputKind kind) throws Exception {
    Sink sink = open(kind);
    Output output = sink.output();

    output.write(ByteBuffer.wrap(CONTENT, 0, 1000));
    assertThat(output.flush()).isEqualTo(Outcome.open(0));
    output.write(ByteBuffer.wrap(CONTENT, 1000, CONTENT.length - 1000));
    assertThat(output.flush()).isEqualTo(Outcome.open(0));
    assertThat(written(sink)).isEqualTo(CONTENT);
  }

  @ForEachOutput
  protected void manySmallWritesArriveInOrder(OutputKind kind) throws Exception {
    Sink sink = open(kind);
    Output output = sink.output();

    for (int i = 0; i < 10_000; i += 7) {
      int end = Math.min(10_000, i + 7);
      assertThat(output.write(ByteBuffer.wrap(CONTENT, i, end - i)))
          .isEqualTo(Outcome.open(end - i));
    }
    assertThat(written(sink)).isEqualTo(Arrays.copyOf(CONTENT, 10_000));
  }

  @ForEachOutput
  protected void negativeZeroCountsAreRejectedWithTheRuleAndTheValue(OutputKind kind)
      throws Exception {
    Output output = open(kind).output();

    assertThatThrownBy(() -> output.writeZeros(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("count < 0: -1");
  }

  @ForEachOutput
  protected void callsAfterCloseThrowIllegalStateExceptionAndClosingTwiceIsFine(OutputKind kind)
      throws Exception {
    Output output = open(kind).output();
    output.close();
    output.close();

    assertThatThrownBy(() -> output.write(ByteBuffer.allocate(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("output is closed");
    assertThatThrownBy(() -> output.writeZeros(1)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(output::flush).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> output.writePseudonym(Pseudonym.of("x")))
        .isInstanceOf(IllegalStateException.class);
  }

  @ForEachOutput
  protected void writePseudonymRendersTheNameAsUtf8(OutputKind kind) throws Exception {
    Sink sink = open(kind);

    Outcome rendered = sink.output().writePseudonym(Pseudonym.of("data/ünïcode.txt"));

    assertThat(rendered.isOpen()).isTrue();
    byte[] written = written(sink);
    assertThat(written).isNotEmpty();
    assertThat(rendered.count()).isEqualTo(written.length);
    assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo("data/ünïcode.txt");
  }

  @ForEachOutput
  protected void mediaTypeAndPseudonymAreAlwaysPresent(OutputKind kind) throws Exception {
    Output output = open(kind).output();

    assertThat(output.mediaType()).isNotNull();
    assertThat(output.pseudonym()).isNotNull();
  }

  @ForEachOutput
  protected void aMediaTypeDeclaredBeforeTheFirstByteIsKeptAndRefusedAfter(OutputKind kind)
      throws Exception {
    Output output = open(kind).output();
    MediaType csv = MediaType.of("text/csv; charset=utf-8");

    assertThat(output.setMediaType(MediaType.of("image/png"))).isTrue();
    assertThat(output.setMediaType(csv)).as("the last one taken wins").isTrue();
    assertThat(output.write(ByteBuffer.allocate(0)).isOpen()).as("asking is no write").isTrue();
    assertThat(output.flush().isOpen()).isTrue();
    assertThat(output.setMediaType(csv)).isTrue();
    assertThat(output.write(ByteBuffer.wrap(CONTENT, 0, 1)).isOpen()).isTrue();

    assertThat(output.setMediaType(MediaType.of("image/png"))).isFalse();
    assertThat(output.mediaType()).isEqualTo(csv);
  }

  @ForEachOutput
  protected void writingZerosIsAFirstWriteToo(OutputKind kind) throws Exception {
    Output output = open(kind).output();

    output.writeZeros(0);
    assertThat(output.setMediaType(MediaType.of("text/plain"))).isTrue();
    output.writeZeros(1);

    assertThat(output.setMediaType(MediaType.of("image/png"))).isFalse();
    assertThat(output.mediaType()).isEqualTo(MediaType.of("text/plain"));
  }

  @ForEachOutput
  protected void anOutputNeverReportsEnded(OutputKind kind) throws Exception {
    Output output = open(kind).output();

    assertThat(output.write(ByteBuffer.wrap(CONTENT)).status()).isEqualTo(Status.OPEN);
    assertThat(output.writeZeros(10).status()).isEqualTo(Status.OPEN);
    assertThat(output.flush().status()).isEqualTo(Status.OPEN);
  }
}
