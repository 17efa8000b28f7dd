package dev.iotypes.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.Input;
import dev.iotypes.IoTypes;
import dev.iotypes.Outcome;
import dev.iotypes.Output;
import java.io.ByteArrayOutputStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link Input} contract, as an abstract suite: a module runs it against its implementations by
 * extending this class and listing them in {@link #inputs()}, one {@link Named} InputKind each,
 * ideally with a one-byte-at-a-time wrapper among them ({@link OneByteAtATime}).
 */
public abstract class InputContract extends ContractSuite {
  private static final byte[] CONTENT = Fixture.randomBytes(200_000, 1);

  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @ParameterizedTest(name = "{0}")
  @MethodSource("inputKinds")
  @interface ForEachInput {}

  /** The implementations under test. */
  protected abstract List<Named<InputKind>> inputs();

  protected final Stream<Named<InputKind>> inputKinds() {
    return inputs().stream();
  }

  private Input open(InputKind kind, byte[] content) throws Exception {
    return fixture().register(kind.open(content, fixture()));
  }

  @ForEachInput
  protected void readYieldsEveryByteInOrderThenEnds(InputKind kind) throws Exception {
    Input input = open(kind, CONTENT);

    assertThat(Fixture.drain(input, 4096)).isEqualTo(CONTENT);
  }

  @ForEachInput
  protected void readReportsCountsThatFitTheBufferAndAddUpToTheContent(InputKind kind)
      throws Exception {
    Input input = open(kind, CONTENT);
    ByteBuffer buffer = ByteBuffer.allocate(3000);
    long total = 0;
    while (true) {
      buffer.clear().position(1000);
      Outcome read = input.read(buffer);
      assertThat(buffer.position()).isEqualTo(1000 + read.count());
      assertThat(read.count()).isBetween(0L, 2000L);
      if (read.isEnded()) {
        break;
      }
      assertThat(read).isEqualTo(Outcome.open(read.count()));
      assertThat(read.count()).isPositive();
      assertThat(Arrays.copyOfRange(buffer.array(), 1000, buffer.position()))
          .isEqualTo(Arrays.copyOfRange(CONTENT, (int) total, (int) (total + read.count())));
      total += read.count();
    }
    assertThat(total).isEqualTo(CONTENT.length);
  }

  @ForEachInput
  protected void readIntoOneByteBuffersYieldsOneByteEach(InputKind kind) throws Exception {
    Input input = open(kind, Arrays.copyOf(CONTENT, 100));
    ByteBuffer one = ByteBuffer.allocate(1);
    for (int i = 0; i < 100; i++) {
      assertThat(input.read(one.clear())).isEqualTo(Outcome.open(1));
      assertThat(one.get(0)).isEqualTo(CONTENT[i]);
    }
    assertThat(input.read(one.clear())).isEqualTo(Outcome.ended(0));
  }

  @ForEachInput
  protected void readIntoDirectBuffersYieldsTheSameBytes(InputKind kind) throws Exception {
    Input input = open(kind, CONTENT);
    ByteBuffer direct = ByteBuffer.allocateDirect(7000);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    while (!input.read(direct.clear()).isEnded()) {
      byte[] chunk = new byte[direct.flip().remaining()];
      direct.get(chunk);
      all.write(chunk, 0, chunk.length);
    }
    assertThat(all.toByteArray()).isEqualTo(CONTENT);
  }

  @ForEachInput
  protected void readIntoAFullBufferReturnsAtOnceAndConsumesNothing(InputKind kind)
      throws Exception {
    Input input = open(kind, CONTENT);

    assertThat(input.read(ByteBuffer.allocate(0))).isEqualTo(Outcome.open(0));
    assertThat(input.read(ByteBuffer.allocate(10).position(10))).isEqualTo(Outcome.open(0));
    assertThat(Fixture.drain(input, 5000)).isEqualTo(CONTENT);
  }

  @ForEachInput
  protected void emptyInputEndsOnTheFirstRead(InputKind kind) throws Exception {
    Input input = open(kind, new byte[0]);

    assertThat(input.read(ByteBuffer.allocate(10))).isEqualTo(Outcome.ended(0));
  }

  @ForEachInput
  protected void everyCallAfterEndReportsEndedWithCountZero(InputKind kind) throws Exception {
    Input input = open(kind, Arrays.copyOf(CONTENT, 10));
    Fixture.drain(input, 3);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Output output = IoTypes.output(bytes);

    for (int i = 0; i < 3; i++) {
      assertThat(input.read(ByteBuffer.allocate(10))).isEqualTo(Outcome.ended(0));
      assertThat(input.read(ByteBuffer.allocate(0))).isEqualTo(Outcome.ended(0));
      assertThat(input.skip(10)).isEqualTo(Outcome.ended(0));
      assertThat(input.skip(0)).isEqualTo(Outcome.ended(0));
      assertThat(input.forward(output, 10)).isEqualTo(Outcome.ended(0));
      assertThat(input.forward(output, Long.MAX_VALUE)).isEqualTo(Outcome.ended(0));
    }
    assertThat(bytes.size()).isZero();
  }

  @ForEachInput
  protected void skipDiscardsExactlyTheCountedBytes(InputKind kind) throws Exception {
    Input input = open(kind, CONTENT);

    assertThat(input.skip(70_000)).isEqualTo(Outcome.open(70_000));
    assertThat(input.skip(1)).isEqualTo(Outcome.open(1));
    assertThat(Fixture.drain(input, 4096))
        .isEqualTo(Arrays.copyOfRange(CONTENT, 70_001, CONTENT.length));
  }

  @ForEachInput
  protected void skipPastTheEndReportsEndedWithTheBytesSkipped(InputKind kind) throws Exception {
    Input input = open(kind, CONTENT);
    long read = input.read(ByteBuffer.allocate(10)).count();

    assertThat(input.skip(CONTENT.length + 1000L)).isEqualTo(Outcome.ended(CONTENT.length - read));
    assertThat(input.read(ByteBuffer.allocate(10))).isEqualTo(Outcome.ended(0));
  }

  @ForEachInput
  protected void skipOfZeroConsumesNothing(InputKind kind) throws Exception {
    Input input = open(kind, CONTENT);

    assertThat(input.skip(0)).isEqualTo(Outcome.open(0));
    assertThat(Fixture.drain(input, 4096)).isEqualTo(CONTENT);
  }

  @ForEachInput
  protected void forwardMovesExactlyTheCountAndLeavesTheRestToRead(InputKind kind)
      throws Exception {
    Input input = open(kind, CONTENT);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    assertThat(input.forward(IoTypes.output(bytes), 100_001)).isEqualTo(Outcome.open(100_001));
    assertThat(bytes.toByteArray()).isEqualTo(Arrays.copyOf(CONTENT, 100_001));
    assertThat(Fixture.drain(input, 4096))
        .isEqualTo(Arrays.copyOfRange(CONTENT, 100_001, CONTENT.length));
  }

  @ForEachInput
  protected void forwardOfEverythingReportsEndedWithTheTotal(InputKind kind) throws Exception {
    Input input = open(kind, CONTENT);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    input.read(ByteBuffer.allocate(1));

    assertThat(input.forward(IoTypes.output(bytes), Long.MAX_VALUE))
        .isEqualTo(Outcome.ended(CONTENT.length - 1));
    assertThat(bytes.toByteArray()).isEqualTo(Arrays.copyOfRange(CONTENT, 1, CONTENT.length));
  }

  @ForEachInput
  protected void forwardOfZeroMovesNothing(InputKind kind) throws Exception {
    Input input = open(kind, CONTENT);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    assertThat(input.forward(IoTypes.output(bytes), 0)).isEqualTo(Outcome.open(0));
    assertThat(bytes.size()).isZero();
    assertThat(Fixture.drain(input, 4096)).isEqualTo(CONTENT);
  }

  @ForEachInput
  protected void negativeCountsAreRejectedWithTheRuleAndTheValue(InputKind kind) throws Exception {
    Input input = open(kind, CONTENT);

    assertThatThrownBy(() -> input.skip(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("count < 0: -1");
    assertThatThrownBy(() -> input.forward(IoTypes.nullOutput(), -5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("count < 0: -5");
    assertThat(Fixture.drain(input, 4096)).isEqualTo(CONTENT);
  }

  @ForEachInput
  protected void callsAfterCloseThrowIllegalStateExceptionAndClosingTwiceIsFine(InputKind kind)
      throws Exception {
    Input input = open(kind, CONTENT);
    input.close();
    input.close();

    assertThatThrownBy(() -> input.read(ByteBuffer.allocate(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("input is closed");
    assertThatThrownBy(() -> input.skip(1)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> input.forward(IoTypes.nullOutput(), 1))
        .isInstanceOf(IllegalStateException.class);
  }

  @ForEachInput
  protected void mediaTypeAndPseudonymAreAlwaysPresent(InputKind kind) throws Exception {
    Input input = open(kind, CONTENT);

    assertThat(input.mediaType()).isNotNull();
    assertThat(input.pseudonym()).isNotNull();
  }
}
