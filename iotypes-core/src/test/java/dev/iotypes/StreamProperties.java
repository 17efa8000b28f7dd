package dev.iotypes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Bytes written in random chunks come out unchanged, whatever chunks they are read in. */
class StreamProperties {
  @Property(tries = 100)
  void chunksWrittenThroughAPipeAreReadBackUnchanged(
      @ForAll("chunks") List<byte[]> chunks,
      @ForAll @IntRange(min = 1, max = 100) int capacity,
      @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 1, max = 500) Integer> readSizes)
      throws Exception {
    Pipe pipe = IoTypes.pipe(capacity);
    CompletableFuture<Void> writer = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try (Output output = pipe.output()) {
                for (byte[] chunk : chunks) {
                  assertThat(output.write(ByteBuffer.wrap(chunk)))
                      .isEqualTo(Outcome.open(chunk.length));
                }
                writer.complete(null);
              } catch (Throwable e) {
                writer.completeExceptionally(e);
              }
            });
    thread.setDaemon(true);
    thread.start();

    byte[] read = readAll(pipe.input(), readSizes);
    writer.get();

    assertThat(read).isEqualTo(concat(chunks));
  }

  @Property(tries = 200)
  void chunksWrittenThroughAnArrayOutputAreReadBackUnchanged(
      @ForAll("chunks") List<byte[]> chunks,
      @ForAll @IntRange(min = 0, max = 70_000) int offset,
      @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 1, max = 70_000) Integer> readSizes) {
    IoArray array = IoTypes.anonymous();
    Output output = IoTypes.outputFromArray(array, offset);
    for (byte[] chunk : chunks) {
      assertThat(output.write(ByteBuffer.wrap(chunk))).isEqualTo(Outcome.open(chunk.length));
    }
    output.close();

    byte[] read = readAll(IoTypes.inputFromArray(array, offset), readSizes);

    assertThat(read).isEqualTo(concat(chunks));
  }

  @Provide
  Arbitrary<List<byte[]>> chunks() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(20_000).list().ofMaxSize(12);
  }

  private static byte[] readAll(Input input, List<Integer> sizes) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (int i = 0; ; i++) {
      ByteBuffer buffer = ByteBuffer.allocate(sizes.get(i % sizes.size()));
      Outcome read = input.read(buffer);
      all.write(buffer.array(), 0, buffer.position());
      assertThat(read.isFailed()).isFalse();
      if (read.isEnded()) {
        input.close();
        return all.toByteArray();
      }
    }
  }

  private static byte[] concat(List<byte[]> chunks) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    chunks.forEach(chunk -> all.write(chunk, 0, chunk.length));
    return all.toByteArray();
  }
}
