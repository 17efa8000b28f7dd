package dev.iotypes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.testing.Fixture;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random interleavings of array operations agree with a plain {@code byte[]} model, on the
 * anonymous array, a file and a buffer. Offsets and copy lengths reach past 64 KiB so that pages
 * and copy chunks are crossed.
 */
class IoArrayProperties {
  private static final int REACH = 200_000;

  /** The array as a byte[] of exactly its length; what every implementation must agree with. */
  static final class Model {
    byte[] bytes = new byte[0];

    Outcome readAt(ByteBuffer dst, long offset) {
      int wanted = dst.remaining();
      if (wanted == 0) {
        return Outcome.open(0);
      }
      int available = (int) Math.max(0, Math.min(wanted, bytes.length - offset));
      dst.put(bytes, (int) Math.min(offset, bytes.length), available);
      return available < wanted ? Outcome.ended(available) : Outcome.open(available);
    }

    Outcome writeAt(byte[] src, long offset) {
      if (src.length > 0) {
        if (offset + src.length > bytes.length) {
          bytes = Arrays.copyOf(bytes, (int) offset + src.length);
        }
        System.arraycopy(src, 0, bytes, (int) offset, src.length);
      }
      return Outcome.open(src.length);
    }

    Outcome setLen(long length) {
      bytes = Arrays.copyOf(bytes, (int) length);
      return Outcome.open(0);
    }

    Outcome copyWithin(long offset, long dstOffset, long length) {
      if (length == 0) {
        return Outcome.open(0);
      }
      int available = (int) Math.max(0, Math.min(length, bytes.length - offset));
      if (available == 0) {
        return Outcome.ended(0);
      }
      byte[] moved = Arrays.copyOfRange(bytes, (int) offset, (int) offset + available);
      writeAt(moved, dstOffset);
      return available < length ? Outcome.ended(available) : Outcome.open(available);
    }
  }

  sealed interface Op permits WriteAt, ReadAt, SetLen, CopyWithin, Len {
    /** Applies this to both and checks that they agree. */
    void check(IoArray array, Model model);
  }

  record WriteAt(long offset, byte[] bytes) implements Op {
    @Override
    public void check(IoArray array, Model model) {
      assertThat(array.writeAt(ByteBuffer.wrap(bytes), offset))
          .isEqualTo(model.writeAt(bytes, offset));
    }

    @Override
    public String toString() {
      return "writeAt(" + offset + ", " + bytes.length + " bytes)";
    }
  }

  record ReadAt(long offset, int length) implements Op {
    @Override
    public void check(IoArray array, Model model) {
      ByteBuffer actual = ByteBuffer.allocate(length);
      ByteBuffer expected = ByteBuffer.allocate(length);
      assertThat(array.readAt(actual, offset)).isEqualTo(model.readAt(expected, offset));
      assertThat(actual.flip()).isEqualTo(expected.flip());
    }
  }

  record SetLen(long length) implements Op {
    @Override
    public void check(IoArray array, Model model) {
      assertThat(array.setLen(length)).isEqualTo(model.setLen(length));
    }
  }

  record CopyWithin(long offset, long dstOffset, long length) implements Op {
    @Override
    public void check(IoArray array, Model model) {
      assertThat(array.copyTo(offset, array, dstOffset, length))
          .isEqualTo(model.copyWithin(offset, dstOffset, length));
    }
  }

  record Len() implements Op {
    @Override
    public void check(IoArray array, Model model) {
      assertThat(array.len()).isEqualTo(Outcome.open(model.bytes.length));
    }
  }

  private static void agree(IoArray array, List<Op> ops) {
    Model model = new Model();
    for (Op op : ops) {
      op.check(array, model);
    }
    assertThat(array.len()).isEqualTo(Outcome.open(model.bytes.length));
    assertThat(Fixture.contents(array)).isEqualTo(model.bytes);
  }

  @Property(tries = 300)
  void anonymousArrayAgreesWithTheModel(@ForAll("operations") List<Op> ops) {
    agree(IoTypes.anonymous(), ops);
  }

  @Property(tries = 100)
  void fileArrayAgreesWithTheModel(@ForAll("operations") List<Op> ops) throws Exception {
    Path path = Files.createTempFile("iotypes-property", ".bin");
    try (IoArray array = IoTypes.fileArray(path, true)) {
      agree(array, ops);
    } finally {
      Files.delete(path);
    }
  }

  @Property(tries = 150)
  void bufferArrayAgreesWithTheModel(@ForAll("operations") List<Op> ops, @ForAll boolean direct) {
    int capacity = 1 << 20;
    ByteBuffer buffer =
        direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
    agree(IoTypes.array(buffer.limit(0)), ops);
  }

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<Long> offset =
        Arbitraries.oneOf(
            Arbitraries.longs().between(0, 3000),
            Arbitraries.longs().between(0, REACH),
            Arbitraries.of(65_535L, 65_536L, 65_537L, 131_072L));
    Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(3000);
    Arbitrary<Long> copyLength =
        Arbitraries.oneOf(
            Arbitraries.longs().between(0, 3000), Arbitraries.longs().between(0, 140_000));
    Arbitrary<Op> op =
        Arbitraries.frequencyOf(
            Tuple.of(4, Combinators.combine(offset, bytes).as(WriteAt::new)),
            Tuple.of(
                3,
                Combinators.combine(offset, Arbitraries.integers().between(0, 5000))
                    .as(ReadAt::new)),
            Tuple.of(1, offset.map(SetLen::new)),
            Tuple.of(2, Combinators.combine(offset, offset, copyLength).as(CopyWithin::new)),
            Tuple.of(1, Arbitraries.just(new Len())));
    return op.list().ofMaxSize(25);
  }
}
