package dev.iotypes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link IoTypes#fromStream(Input, long, long, Path)}: a stream read to its end, read-only. */
class SpooledArrayTest {
  @TempDir Path dir;

  @Test
  void aSmallStreamStaysInMemoryReadOnlyWithTheInputsNameAndType() throws Exception {
    Input input =
        IoTypes.input(
            new java.io.ByteArrayInputStream("hello".getBytes(UTF_8)), Origin.named("notes.txt"));
    IoArray array = IoTypes.fromStream(input, 64, 1000, dir);
    assertThat(read(array)).isEqualTo("hello".getBytes(UTF_8));
    assertThat(array.mediaType().essence()).isEqualTo("text/plain");
    assertThat(array.pseudonym()).isSameAs(input.pseudonym());
    assertThat(array.writeAt(ByteBuffer.wrap(new byte[] {1}), 0).isFailed()).isTrue();
    assertThat(names()).isEmpty();
    array.close();
  }

  @Test
  void aLargeStreamIsSpooledToADeletedFileWithEveryByte() throws Exception {
    byte[] bytes = new byte[300_000];
    new Random(7).nextBytes(bytes);
    IoArray array = IoTypes.fromStream(IoTypes.input(bytes), 1000, 1_000_000, dir);
    assertThat(array.len().count()).isEqualTo(bytes.length);
    assertThat(read(array)).isEqualTo(bytes);
    assertThat(names()).as("deleted as soon as it is open").isEmpty();
    assertThat(array.writeAt(ByteBuffer.wrap(new byte[] {1}), 0).isFailed()).isTrue();
    array.close();
  }

  @Test
  void exactlyTheMaximumFitsAndOneByteMoreIsTooLarge() throws Exception {
    for (long inMemory : new long[] {10, 50, 100}) {
      IoArray fits = IoTypes.fromStream(IoTypes.input(new byte[50]), inMemory, 50, dir);
      assertThat(fits.len().count()).isEqualTo(50);
      fits.close();
      assertThatThrownBy(() -> IoTypes.fromStream(IoTypes.input(new byte[51]), inMemory, 50, dir))
          .isInstanceOfSatisfying(
              Failed.class, e -> assertThat(e.failure().kind()).isEqualTo(Failure.Kind.TOO_LARGE));
    }
    assertThat(names()).isEmpty();
  }

  @Test
  void anInputThatFailsMakesNoArrayAndSaysWhy() {
    InputStream broken =
        new InputStream() {
          private int left = 100_000;

          @Override
          public int read() throws IOException {
            if (left-- <= 0) {
              throw new IOException("disk on fire");
            }
            return 'x';
          }
        };
    assertThatThrownBy(() -> IoTypes.fromStream(IoTypes.input(broken), 10, 1 << 20, dir))
        .isInstanceOfSatisfying(
            Failed.class,
            e ->
                assertThat(new String(e.failure().detail().utf8(), UTF_8))
                    .contains("disk on fire"));
  }

  private List<String> names() throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).toList();
    }
  }

  private static byte[] read(IoArray array) {
    ByteBuffer buffer = ByteBuffer.allocate((int) array.len().count());
    while (buffer.hasRemaining() && array.readAt(buffer, buffer.position()).isOpen()) {}
    return buffer.array();
  }
}
