package dev.iotypes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.testing.Fixture;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What only some arrays do: offsets past 4 GiB, read-only backends. */
class ArrayBackendTest {
  private static final long FIVE_GIB = 5L << 30;
  private static final byte[] HELLO = {'h', 'e', 'l', 'l', 'o'};

  @RegisterExtension final Fixture fixture = Fixture.perTest();

  private static byte[] readAt(IoArray array, long offset, int length) {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    array.readAt(buffer, offset);
    return buffer.array();
  }

  @Test
  void aSparseFileArrayIsAddressedPastFourGibibytes() throws Exception {
    Path path = fixture.newPath(".sparse");
    IoArray array = fixture.register(IoTypes.fileArray(path, true));

    assertThat(array.writeAt(ByteBuffer.wrap(HELLO), FIVE_GIB)).isEqualTo(Outcome.open(5));

    assertThat(array.len()).isEqualTo(Outcome.open(FIVE_GIB + 5));
    assertThat(Files.size(path)).isEqualTo(FIVE_GIB + 5);
    assertThat(readAt(array, FIVE_GIB, 5)).isEqualTo(HELLO);
    assertThat(readAt(array, 1L << 32, 100)).isEqualTo(new byte[100]);
    assertThat(array.copyTo(FIVE_GIB, array, FIVE_GIB + 10, 5)).isEqualTo(Outcome.open(5));
    assertThat(readAt(array, FIVE_GIB + 10, 5)).isEqualTo(HELLO);
    assertThat(array.setLen(FIVE_GIB + 2)).isEqualTo(Outcome.open(0));
    assertThat(array.setLen(FIVE_GIB + 4)).isEqualTo(Outcome.open(0));
    assertThat(readAt(array, FIVE_GIB, 4)).containsExactly('h', 'e', 0, 0);
  }

  @Test
  void theAnonymousArrayIsAddressedPastFourGibibytesWithoutAllocatingThem() {
    IoArray array = IoTypes.anonymous();
    long before = usedHeap();

    assertThat(array.writeAt(ByteBuffer.wrap(HELLO), FIVE_GIB)).isEqualTo(Outcome.open(5));
    assertThat(array.setLen(FIVE_GIB + 100_000)).isEqualTo(Outcome.open(0));

    assertThat(usedHeap() - before).isLessThan(64L << 20);
    assertThat(array.len()).isEqualTo(Outcome.open(FIVE_GIB + 100_000));
    assertThat(readAt(array, FIVE_GIB, 5)).isEqualTo(HELLO);
    assertThat(readAt(array, FIVE_GIB - 3, 10))
        .containsExactly(0, 0, 0, 'h', 'e', 'l', 'l', 'o', 0, 0);
    assertThat(readAt(array, 1L << 32, 1000)).isEqualTo(new byte[1000]);
    assertThat(array.copyTo(FIVE_GIB, array, (6L << 30), 5)).isEqualTo(Outcome.open(5));
    assertThat(readAt(array, 6L << 30, 5)).isEqualTo(HELLO);
  }

  @Test
  void streamsOverAnArrayKeepPositionsPastFourGibibytes() {
    IoArray array = IoTypes.anonymous();
    Output output = IoTypes.outputFromArray(array, FIVE_GIB);
    output.write(ByteBuffer.wrap(HELLO));

    Input input = IoTypes.inputFromArray(array, FIVE_GIB + 1);

    assertThat(Fixture.drain(input, 10)).containsExactly('e', 'l', 'l', 'o');
  }

  @Test
  void copiesBetweenAFileAndAnonymousArrayPastFourGibibytes() throws Exception {
    IoArray file = fixture.register(IoTypes.fileArray(fixture.newPath(".sparse"), true));
    IoArray memory = IoTypes.anonymous();
    memory.writeAt(ByteBuffer.wrap(HELLO), FIVE_GIB);

    assertThat(memory.copyTo(FIVE_GIB, file, FIVE_GIB + 1, 10)).isEqualTo(Outcome.ended(5));
    assertThat(readAt(file, FIVE_GIB + 1, 5)).isEqualTo(HELLO);
  }

  @Test
  void readOnlyArraysRefuseWritesWithAccessAndStayReadable() throws Exception {
    byte[] content = Fixture.randomBytes(1000, 11);
    IoArray[] arrays = {
      fixture.register(IoTypes.fileArray(fixture.newFile(content), false)),
      IoTypes.array(ByteBuffer.wrap(content.clone()).asReadOnlyBuffer()),
      IoTypes.array(ByteBuffer.allocateDirect(1000).put(content).flip().asReadOnlyBuffer()),
    };
    IoArray source = Fixture.filled(IoTypes.anonymous(), content);
    for (IoArray array : arrays) {
      for (Outcome refused :
          new Outcome[] {
            array.writeAt(ByteBuffer.wrap(HELLO), 0),
            array.writeAt(ByteBuffer.wrap(HELLO), 5000),
            array.setLen(10),
            array.setLen(5000),
            source.copyTo(0, array, 0, 10),
            IoTypes.outputFromArray(array, 0).write(ByteBuffer.wrap(HELLO))
          }) {
        assertThat(refused.count()).isZero();
        assertThat(refused.status()).isEqualTo(Status.FAILED);
        assertThat(refused.failure().kind()).isEqualTo(Failure.Kind.ACCESS);
      }
      assertThat(array.len()).isEqualTo(Outcome.open(1000));
      assertThat(Fixture.contents(array)).isEqualTo(content);
      assertThat(array.flush()).isEqualTo(Outcome.open(0));
      IoArray copy = IoTypes.anonymous();
      assertThat(array.copyTo(0, copy, 0, 1000)).isEqualTo(Outcome.open(1000));
      assertThat(Fixture.contents(copy)).isEqualTo(content);
    }
    assertThat(source.len()).isEqualTo(Outcome.open(1000));
  }

  @Test
  void anInputOverBytesDoesNotLetAnyoneWriteThem() {
    byte[] bytes = {1, 2, 3};
    Input input = IoTypes.input(bytes);
    bytes[0] = 9;

    assertThat(Fixture.drain(input, 10)).containsExactly(9, 2, 3);
  }

  @Test
  void fromStreamReadsAnInputToItsEndKeepingItsOrigin() throws Exception {
    Path path = Files.move(fixture.newFile(HELLO), fixture.newPath("").resolveSibling("hello.txt"));
    Input input = fixture.register(IoTypes.fileInput(path));
    IoArray array = IoTypes.fromStream(input);

    assertThat(Fixture.contents(array)).isEqualTo(HELLO);
    assertThat(array.mediaType()).isEqualTo(MediaType.of("text/plain"));
    assertThat(array.pseudonym()).isSameAs(input.pseudonym());
    assertThat(input.read(ByteBuffer.allocate(1))).isEqualTo(Outcome.ended(0));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    IoTypes.output(log).writePseudonym(array.pseudonym());
    assertThat(log.toString()).endsWith("hello.txt");
  }

  @Test
  void fromStreamKeepsWhatCameBeforeALimit() {
    Input input = IoTypes.input(Fixture.randomBytes(1000, 12));

    IoArray array = IoTypes.fromStream(input, 600);

    assertThat(array.len().isFailed()).isTrue();
    assertThat(array.len().failure().kind()).isEqualTo(Failure.Kind.TOO_LARGE);
  }

  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
