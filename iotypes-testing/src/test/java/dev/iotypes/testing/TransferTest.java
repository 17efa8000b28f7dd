package dev.iotypes.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.iotypes.Failure;
import dev.iotypes.Input;
import dev.iotypes.IoArray;
import dev.iotypes.Outcome;
import dev.iotypes.Output;
import dev.iotypes.Status;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Input#forward} over every pair of core's backends, and {@link IoArray#copyTo} likewise:
 * pairs, which a single-implementation contract cannot cover.
 */
class TransferTest {
  private static final byte[] CONTENT = Fixture.randomBytes(150_000, 5);

  @RegisterExtension final Fixture fixture = Fixture.perTest();

  static Stream<Arguments> inputOutputPairs() {
    return CoreKinds.inputs().stream()
        .flatMap(input -> CoreKinds.outputs().stream().map(output -> Arguments.of(input, output)));
  }

  static Stream<Arguments> arrayPairs() {
    return CoreKinds.arrays().stream()
        .flatMap(src -> CoreKinds.arrays().stream().map(dst -> Arguments.of(src, dst)));
  }

  @ParameterizedTest(name = "{0} to {1}")
  @MethodSource("inputOutputPairs")
  void forwardMovesEveryByteUnchangedInPiecesAndAtOnce(InputKind from, OutputKind to)
      throws Exception {
    Input input = fixture.register(from.open(CONTENT, fixture));
    Sink sink = to.open(fixture);
    Output output = fixture.register(sink.output());

    assertThat(input.forward(output, 70_001)).isEqualTo(Outcome.open(70_001));
    assertThat(input.forward(output, Long.MAX_VALUE))
        .isEqualTo(Outcome.ended(CONTENT.length - 70_001));
    assertThat(input.forward(output, 1)).isEqualTo(Outcome.ended(0));
    assertThat(output.flush()).isEqualTo(Outcome.open(0));
    output.close();

    byte[] written = sink.written();
    if (written != null) {
      assertThat(written).isEqualTo(CONTENT);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.iotypes.testing.CoreKinds#inputKinds")
  void forwardStopsWhereTheOutputFailsAndLeavesTheInputOpenPastWhatItDelivered(InputKind from)
      throws Exception {
    Input input = fixture.register(from.open(CONTENT, fixture));
    FailingOutput output = new FailingOutput(100_000, "No space left on device");

    Outcome forwarded = input.forward(output, Long.MAX_VALUE);

    assertThat(forwarded.count()).isEqualTo(100_000);
    assertThat(forwarded.status()).isEqualTo(Status.FAILED);
    assertThat(forwarded.failure().kind()).isEqualTo(Failure.Kind.NO_SPACE);
    assertThat(output.flush()).isEqualTo(Outcome.failed(0, forwarded.failure()));
    assertThat(output.taken.toByteArray()).isEqualTo(Arrays.copyOf(CONTENT, 100_000));
    // The input is still open, and goes on after the bytes the output took: some read but not
    // taken may be lost, none comes again.
    byte[] rest = Fixture.drain(input, 4096);
    assertThat(rest.length).isLessThanOrEqualTo(CONTENT.length - 100_000);
    assertThat(rest)
        .isEqualTo(Arrays.copyOfRange(CONTENT, CONTENT.length - rest.length, CONTENT.length));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.iotypes.testing.CoreKinds#inputKinds")
  void forwardIntoAnOutputThatHasFailedReadsNothing(InputKind from) throws Exception {
    Input input = fixture.register(from.open(CONTENT, fixture));
    FailingOutput output = new FailingOutput(0, "No space left on device");
    Outcome failed = output.write(java.nio.ByteBuffer.wrap(new byte[1]));

    Outcome forwarded = input.forward(output, Long.MAX_VALUE);

    assertThat(forwarded).isEqualTo(failed.withCount(0));
    assertThat(Fixture.drain(input, 4096)).isEqualTo(CONTENT);
  }

  @ParameterizedTest(name = "{0} to {1}")
  @MethodSource("arrayPairs")
  void copyToMovesTheRangeUnchanged(ArrayKind from, ArrayKind to) throws Exception {
    IoArray src = from.open(CONTENT, fixture);
    byte[] before = Fixture.randomBytes(200_000, 6);
    IoArray dst = to.open(before, fixture);

    assertThat(src.copyTo(1000, dst, 3000, 140_000)).isEqualTo(Outcome.open(140_000));

    byte[] expected = before.clone();
    System.arraycopy(CONTENT, 1000, expected, 3000, 140_000);
    assertThat(Fixture.contents(dst)).isEqualTo(expected);
    assertThat(Fixture.contents(src)).isEqualTo(CONTENT);
  }

  @ParameterizedTest(name = "{0} to {1}")
  @MethodSource("arrayPairs")
  void copyToPastTheSourceEndReportsEndedWithTheShortCount(ArrayKind from, ArrayKind to)
      throws Exception {
    IoArray src = from.open(CONTENT, fixture);
    byte[] before = Fixture.randomBytes(200_000, 7);
    IoArray dst = to.open(before, fixture);

    assertThat(src.copyTo(80_000, dst, 5, 100_000)).isEqualTo(Outcome.ended(70_000));
    assertThat(src.copyTo(CONTENT.length, dst, 5, 100)).isEqualTo(Outcome.ended(0));

    byte[] expected = before.clone();
    System.arraycopy(CONTENT, 80_000, expected, 5, 70_000);
    assertThat(Fixture.contents(dst)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} to {1}")
  @MethodSource("arrayPairs")
  void copyToPastTheDestinationEndExtendsItWithZerosInBetween(ArrayKind from, ArrayKind to)
      throws Exception {
    assumeTrue(to.growable());
    IoArray src = from.open(CONTENT, fixture);
    IoArray dst = to.open(new byte[10], fixture);

    assertThat(src.copyTo(0, dst, 1000, CONTENT.length)).isEqualTo(Outcome.open(CONTENT.length));

    byte[] expected = new byte[1000 + CONTENT.length];
    System.arraycopy(CONTENT, 0, expected, 1000, CONTENT.length);
    assertThat(Fixture.contents(dst)).isEqualTo(expected);
  }
}
