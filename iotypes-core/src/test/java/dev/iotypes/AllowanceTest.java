package dev.iotypes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Anonymous arrays drawing on one allowance stay within it together, and give back on close. */
class AllowanceTest {
  private static final int PAGE = MemoryArray.PAGE;

  private static Outcome writeOne(IoArray array, long offset) {
    return array.writeAt(ByteBuffer.wrap(new byte[1]), offset);
  }

  @Test
  void arraysShareTheAllowanceAndGiveBackWhatTheyDrop() {
    Allowance allowance = Allowance.of(2 * PAGE + 64);
    IoArray a = IoTypes.anonymous(1L << 40, allowance);
    IoArray b = IoTypes.anonymous(1L << 40, allowance);
    assertThat(writeOne(a, 0).isOpen()).isTrue();
    assertThat(writeOne(b, PAGE).isOpen()).isTrue();
    assertThat(allowance.exhausted()).isFalse();
    Outcome third = writeOne(b, 0);
    assertThat(third.failure().kind()).isEqualTo(Failure.Kind.TOO_LARGE);
    assertThat(allowance.exhausted()).isTrue();
    a.close();
    assertThat(allowance.used()).isBetween((long) PAGE, PAGE + 64L);
    b.close();
    assertThat(allowance.used()).isZero();
  }

  @Test
  void theIndexOfPagesIsCountedToo() {
    Allowance allowance = Allowance.of(1 << 20);
    IoArray far = IoTypes.anonymous(1L << 40, allowance);
    // Page 2^20 needs an index of 2^20 entries: 8 MiB, more than the whole allowance.
    assertThat(writeOne(far, (long) PAGE << 20).failure().kind()).isEqualTo(Failure.Kind.TOO_LARGE);
    assertThat(allowance.used()).isZero();
  }

  @Test
  void aShorterLengthGivesPagesBack() {
    Allowance allowance = Allowance.of(1 << 20);
    IoArray array = IoTypes.anonymous(1L << 40, allowance);
    assertThat(writeOne(array, 3L * PAGE).isOpen()).isTrue();
    long withPage = allowance.used();
    assertThat(array.setLen(PAGE).isOpen()).isTrue();
    assertThat(allowance.used()).isEqualTo(withPage - PAGE);
  }
}
