package dev.iotypes.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.iotypes.Advice;
import dev.iotypes.Failure;
import dev.iotypes.IoArray;
import dev.iotypes.IoTypes;
import dev.iotypes.Outcome;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link IoArray} contract, as an abstract suite: a module runs it against its implementations
 * by extending this class and listing them in {@link #arrays()}, one {@link Named} ArrayKind each,
 * ideally with a one-byte-at-a-time wrapper among them ({@link OneByteAtATime}).
 */
public abstract class IoArrayContract extends ContractSuite {
  private static final byte[] CONTENT = Fixture.randomBytes(100_000, 3);

  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @ParameterizedTest(name = "{0}")
  @MethodSource("arrayKinds")
  @interface ForEachArray {}

  /** The implementations under test. */
  protected abstract List<Named<ArrayKind>> arrays();

  protected final Stream<Named<ArrayKind>> arrayKinds() {
    return arrays().stream();
  }

  private IoArray open(ArrayKind kind) throws Exception {
    return kind.open(CONTENT, fixture());
  }

  private static byte[] read(IoArray array, long offset, int length) {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    assertThat(array.readAt(buffer, offset)).isEqualTo(Outcome.open(length));
    return buffer.array();
  }

  @ForEachArray
  protected void readAtReadsTheBytesAtAnyOffset(ArrayKind kind) throws Exception {
    IoArray array = open(kind);

    assertThat(read(array, 0, CONTENT.length)).isEqualTo(CONTENT);
    assertThat(read(array, 65_530, 20)).isEqualTo(Arrays.copyOfRange(CONTENT, 65_530, 65_550));
    ByteBuffer direct = ByteBuffer.allocateDirect(1000).position(10);
    assertThat(array.readAt(direct, 5000)).isEqualTo(Outcome.open(990));
    assertThat(direct.position()).isEqualTo(1000);
    assertThat(direct.get(10)).isEqualTo(CONTENT[5000]);
  }

  @ForEachArray
  protected void readAtStopsShortOnlyAtTheLengthWithEnded(ArrayKind kind) throws Exception {
    IoArray array = open(kind);
    ByteBuffer buffer = ByteBuffer.allocate(1000);

    assertThat(array.readAt(buffer, CONTENT.length - 300)).isEqualTo(Outcome.ended(300));
    assertThat(Arrays.copyOf(buffer.array(), 300))
        .isEqualTo(Arrays.copyOfRange(CONTENT, CONTENT.length - 300, CONTENT.length));
    assertThat(array.readAt(buffer.clear(), CONTENT.length)).isEqualTo(Outcome.ended(0));
    assertThat(array.readAt(buffer.clear(), Long.MAX_VALUE)).isEqualTo(Outcome.ended(0));
  }

  @ForEachArray
  protected void readAtIntoAFullBufferReportsOpenZero(ArrayKind kind) throws Exception {
    IoArray array = open(kind);

    assertThat(array.readAt(ByteBuffer.allocate(0), 10)).isEqualTo(Outcome.open(0));
  }

  @ForEachArray
  protected void theEndOfAnArrayIsNotSticky(ArrayKind kind) throws Exception {
    IoArray array = open(kind);

    assertThat(array.readAt(ByteBuffer.allocate(10), CONTENT.length).isEnded()).isTrue();
    assertThat(read(array, 0, 10)).isEqualTo(Arrays.copyOf(CONTENT, 10));
    assertThat(array.len()).isEqualTo(Outcome.open(CONTENT.length));
    if (kind.growable()) {
      array.writeAt(ByteBuffer.wrap(new byte[] {7}), CONTENT.length);
      assertThat(read(array, CONTENT.length, 1)).containsExactly(7);
    }
  }

  @ForEachArray
  protected void lenReportsTheLength(ArrayKind kind) throws Exception {
    IoArray array = open(kind);

    assertThat(array.len()).isEqualTo(Outcome.open(CONTENT.length));
  }

  @ForEachArray
  protected void writeAtOverwritesInPlaceAndKeepsTheLength(ArrayKind kind) throws Exception {
    IoArray array = open(kind);
    byte[] patch = Fixture.randomBytes(70_000, 4);

    assertThat(array.writeAt(ByteBuffer.wrap(patch), 1234)).isEqualTo(Outcome.open(70_000));

    byte[] expected = CONTENT.clone();
    System.arraycopy(patch, 0, expected, 1234, patch.length);
    assertThat(Fixture.contents(array)).isEqualTo(expected);
    assertThat(array.len()).isEqualTo(Outcome.open(CONTENT.length));
  }

  @ForEachArray
  protected void writeAtFromADirectBufferAdvancesItsPosition(ArrayKind kind) throws Exception {
    IoArray array = open(kind);
    ByteBuffer src = ByteBuffer.allocateDirect(100).put(new byte[100]).position(40);

    assertThat(array.writeAt(src, 10)).isEqualTo(Outcome.open(60));
    assertThat(src.hasRemaining()).isFalse();
    assertThat(read(array, 10, 60)).isEqualTo(new byte[60]);
  }

  @ForEachArray
  protected void writeAtPastTheLengthFillsTheGapWithZeros(ArrayKind kind) throws Exception {
    assumeTrue(kind.growable());
    IoArray array = open(kind);

    assertThat(array.writeAt(ByteBuffer.wrap(new byte[] {1, 2, 3}), CONTENT.length + 70_000))
        .isEqualTo(Outcome.open(3));

    assertThat(array.len()).isEqualTo(Outcome.open(CONTENT.length + 70_003));
    byte[] expected = Arrays.copyOf(CONTENT, CONTENT.length + 70_003);
    expected[CONTENT.length + 70_000] = 1;
    expected[CONTENT.length + 70_001] = 2;
    expected[CONTENT.length + 70_002] = 3;
    assertThat(Fixture.contents(array)).isEqualTo(expected);
  }

  @ForEachArray
  protected void setLenGrowsWithZeros(ArrayKind kind) throws Exception {
    assumeTrue(kind.growable());
    IoArray array = open(kind);

    assertThat(array.setLen(CONTENT.length + 80_000)).isEqualTo(Outcome.open(0));

    assertThat(array.len()).isEqualTo(Outcome.open(CONTENT.length + 80_000));
    assertThat(Fixture.contents(array)).isEqualTo(Arrays.copyOf(CONTENT, CONTENT.length + 80_000));
  }

  @ForEachArray
  protected void setLenShrinksAndRegrowsWithZerosNotTheOldBytes(ArrayKind kind) throws Exception {
    IoArray array = open(kind);

    assertThat(array.setLen(70_001)).isEqualTo(Outcome.open(0));
    assertThat(array.len()).isEqualTo(Outcome.open(70_001));
    assertThat(array.readAt(ByteBuffer.allocate(10), 70_001)).isEqualTo(Outcome.ended(0));
    assertThat(array.setLen(1000)).isEqualTo(Outcome.open(0));
    assertThat(array.setLen(CONTENT.length)).isEqualTo(Outcome.open(0));

    assertThat(Fixture.contents(array))
        .isEqualTo(Arrays.copyOf(Arrays.copyOf(CONTENT, 1000), CONTENT.length));
  }

  @ForEachArray
  protected void setLenToZeroEmptiesTheArray(ArrayKind kind) throws Exception {
    IoArray array = open(kind);

    assertThat(array.setLen(0)).isEqualTo(Outcome.open(0));

    assertThat(array.len()).isEqualTo(Outcome.open(0));
    assertThat(array.readAt(ByteBuffer.allocate(1), 0)).isEqualTo(Outcome.ended(0));
  }

  @ForEachArray
  protected void copyWithinOneArrayToAnOverlappingHigherOffsetIsAMemmove(ArrayKind kind)
      throws Exception {
    IoArray array = open(kind);

    assertThat(array.copyTo(1000, array, 1500, 90_000)).isEqualTo(Outcome.open(90_000));

    byte[] expected = CONTENT.clone();
    System.arraycopy(expected, 1000, expected, 1500, 90_000);
    assertThat(Fixture.contents(array)).isEqualTo(expected);
  }

  @ForEachArray
  protected void copyWithinOneArrayToAnOverlappingLowerOffsetIsAMemmove(ArrayKind kind)
      throws Exception {
    IoArray array = open(kind);

    assertThat(array.copyTo(1500, array, 1000, 90_000)).isEqualTo(Outcome.open(90_000));

    byte[] expected = CONTENT.clone();
    System.arraycopy(expected, 1500, expected, 1000, 90_000);
    assertThat(Fixture.contents(array)).isEqualTo(expected);
  }

  @ForEachArray
  protected void copyOntoItselfChangesNothing(ArrayKind kind) throws Exception {
    IoArray array = open(kind);

    assertThat(array.copyTo(10, array, 10, 90_000)).isEqualTo(Outcome.open(90_000));
    assertThat(Fixture.contents(array)).isEqualTo(CONTENT);
  }

  @ForEachArray
  protected void copyPastTheSourceEndReportsEndedWithTheShortCount(ArrayKind kind)
      throws Exception {
    IoArray array = open(kind);

    assertThat(array.copyTo(CONTENT.length - 500, array, 0, 2000)).isEqualTo(Outcome.ended(500));
    assertThat(array.copyTo(CONTENT.length, array, 0, 2000)).isEqualTo(Outcome.ended(0));

    byte[] expected = CONTENT.clone();
    System.arraycopy(CONTENT, CONTENT.length - 500, expected, 0, 500);
    assertThat(Fixture.contents(array)).isEqualTo(expected);
  }

  @ForEachArray
  protected void copyPastTheEndOverlappingUpwardsStopsAtTheOldEnd(ArrayKind kind) throws Exception {
    assumeTrue(kind.growable());
    IoArray array = open(kind);

    assertThat(array.copyTo(50_000, array, 60_000, 200_000)).isEqualTo(Outcome.ended(50_000));

    byte[] expected = Arrays.copyOf(CONTENT, 110_000);
    System.arraycopy(CONTENT, 50_000, expected, 60_000, 50_000);
    assertThat(Fixture.contents(array)).isEqualTo(expected);
  }

  @ForEachArray
  protected void copyPastTheEndToBeyondItStopsAtTheLengthItHadBefore(ArrayKind kind)
      throws Exception {
    assumeTrue(kind.growable());
    IoArray array = open(kind);

    // The first chunk written extends the array; the source still ends where it ended.
    assertThat(array.copyTo(0, array, 160_000, 150_000)).isEqualTo(Outcome.ended(CONTENT.length));

    byte[] expected = Arrays.copyOf(CONTENT, 160_000 + CONTENT.length);
    System.arraycopy(CONTENT, 0, expected, 160_000, CONTENT.length);
    assertThat(Fixture.contents(array)).isEqualTo(expected);
  }

  @ForEachArray
  protected void copyOfNothingReportsOpenZeroEvenPastTheEnd(ArrayKind kind) throws Exception {
    IoArray array = open(kind);

    assertThat(array.copyTo(CONTENT.length + 10, array, 0, 0)).isEqualTo(Outcome.open(0));
  }

  @ForEachArray
  protected void flushReportsOpenAndEveryAdviceIsAccepted(ArrayKind kind) throws Exception {
    IoArray array = open(kind);

    for (Advice advice : Advice.values()) {
      array.advise(0, CONTENT.length, advice);
    }
    assertThat(array.flush()).isEqualTo(Outcome.open(0));
    assertThat(Fixture.contents(array)).isEqualTo(CONTENT);
  }

  @ForEachArray
  protected void negativeOffsetsAndLengthsAreRejectedWithTheRuleAndTheValue(ArrayKind kind)
      throws Exception {
    IoArray array = open(kind);
    ByteBuffer ten = ByteBuffer.allocate(10);

    assertThatThrownBy(() -> array.readAt(ten, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("offset < 0: -1");
    assertThatThrownBy(() -> array.writeAt(ten, -2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("offset < 0: -2");
    assertThatThrownBy(() -> array.setLen(-3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("length < 0: -3");
    assertThatThrownBy(() -> array.copyTo(-4, array, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("offset < 0: -4");
    assertThatThrownBy(() -> array.copyTo(0, array, -5, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dstOffset < 0: -5");
    assertThatThrownBy(() -> array.copyTo(0, array, 0, -6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("length < 0: -6");
    assertThatThrownBy(() -> array.advise(-7, 1, Advice.NORMAL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("offset < 0: -7");
    assertThat(Fixture.contents(array)).isEqualTo(CONTENT);
  }

  @ForEachArray
  protected void rangesEndingPastLongMaxValueAreRejectedWithTheRuleAndTheValues(ArrayKind kind)
      throws Exception {
    IoArray array = open(kind);
    long last = Long.MAX_VALUE - 5;

    assertThatThrownBy(() -> array.writeAt(ByteBuffer.allocate(10), last))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("offset + length > Long.MAX_VALUE: " + last + " + 10");
    assertThatThrownBy(() -> array.copyTo(last, array, 0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("offset + length > Long.MAX_VALUE: " + last + " + 10");
    assertThatThrownBy(() -> array.copyTo(0, array, last, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dstOffset + length > Long.MAX_VALUE: " + last + " + 10");
    assertThatThrownBy(() -> array.advise(last, 10, Advice.RANDOM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(String.valueOf(last));
  }

  @ForEachArray
  protected void callsAfterCloseThrowIllegalStateExceptionAndClosingTwiceIsFine(ArrayKind kind)
      throws Exception {
    IoArray array = open(kind);
    IoArray other = IoTypes.anonymous();
    array.close();
    array.close();

    assertThatThrownBy(() -> array.readAt(ByteBuffer.allocate(1), 0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("array is closed");
    assertThatThrownBy(() -> array.writeAt(ByteBuffer.allocate(1), 0))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(array::len).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> array.setLen(0)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(array::flush).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> array.advise(0, 1, Advice.NORMAL))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> array.copyTo(0, other, 0, 1))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> other.copyTo(0, array, 0, 1))
        .isInstanceOf(IllegalStateException.class);
  }

  @ForEachArray
  protected void mediaTypeAndPseudonymAreAlwaysPresent(ArrayKind kind) throws Exception {
    IoArray array = open(kind);

    assertThat(array.mediaType()).isNotNull();
    assertThat(array.pseudonym()).isNotNull();
  }

  @Test
  void aByteArrayCannotGrowAndSaysSoAsTooLarge() {
    IoArray array = IoTypes.array(new byte[10]);

    Outcome written = array.writeAt(ByteBuffer.wrap(new byte[] {1, 2, 3}), 8);

    assertThat(written.count()).isEqualTo(2);
    assertThat(written.failure().kind()).isEqualTo(Failure.Kind.TOO_LARGE);
  }

  @Test
  void aBufferArrayGrowsToItsCapacityAndNoFurther() {
    ByteBuffer buffer = ByteBuffer.allocate(100).limit(10);
    IoArray array = IoTypes.array(buffer);

    assertThat(array.setLen(100)).isEqualTo(Outcome.open(0));
    assertThat(array.setLen(101).failure().kind()).isEqualTo(Failure.Kind.TOO_LARGE);
  }

  @Test
  void writesToABufferArrayAreVisibleInTheCallersBuffer() {
    byte[] bytes = new byte[10];
    IoArray array = IoTypes.array(bytes);

    array.writeAt(ByteBuffer.wrap(new byte[] {4, 2}), 3);

    assertThat(bytes).containsExactly(0, 0, 0, 4, 2, 0, 0, 0, 0, 0);
  }

  @Test
  void aLimitedAnonymousArrayFailsAsTooLargePastItsLimit() {
    IoArray array = IoTypes.anonymous(100);

    Outcome written = array.writeAt(ByteBuffer.allocate(30), 80);

    assertThat(written.count()).isEqualTo(20);
    assertThat(written.failure().kind()).isEqualTo(Failure.Kind.TOO_LARGE);
    assertThatThrownBy(() -> IoTypes.anonymous(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }
}
