package dev.iotypes.component.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.IoTypes;
import dev.iotypes.Pipe;
import dev.iotypes.component.abi.Calls;
import dev.iotypes.component.abi.Value;
import dev.iotypes.component.link.HostInterface;
import dev.iotypes.wasi.WasiOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code wasi:io/streams} over a pipe: a read that finds nothing yet is empty and the stream stays
 * open; bytes come as written; the end is {@code closed}, then {@code closed} for good.
 */
class StreamsTest {
  private final Session session = open();
  private final HostInterface streams = new Streams(session).streams();
  private final Pipe pipe = IoTypes.pipe();
  private final Value.Resource in =
      new Value.Resource(session.inputStream, new Streams.In(pipe.input(), true));

  private static Session open() {
    try {
      return Session.open(WasiOptions.builder().args("t").build(), 16);
    } catch (dev.iotypes.wasm.GuestException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void close() {
    session.close();
  }

  private Value.Result read(long n) {
    Calls.Host f = streams.function("[method]input-stream.read");
    return (Value.Result) f.call(List.of(in, n));
  }

  @Test
  void aReadThatFindsNothingYetIsEmptyAndTheStreamStaysOpen() {
    Value.Result r = read(10);
    assertThat(r.ok()).isTrue();
    assertThat((byte[]) r.payload()).isEmpty();
    pipe.output().write(ByteBuffer.wrap("ab".getBytes(StandardCharsets.UTF_8)));
    pipe.output().flush();
    Value.Result bytes = read(10);
    assertThat(bytes.ok()).isTrue();
    assertThat(new String((byte[]) bytes.payload(), StandardCharsets.UTF_8)).isEqualTo("ab");
  }

  @Test
  void theEndIsClosedForGood() {
    pipe.output().close();
    Value.Result end = read(10);
    assertThat(end.ok()).isFalse();
    assertThat(((Value.Variant) end.payload()).index()).isEqualTo(1); // closed
    assertThat(read(10)).isEqualTo(end);
  }

  @Test
  void blockingReadWaitsForBytes() throws Exception {
    Thread writer =
        new Thread(
            () -> {
              try {
                Thread.sleep(100);
              } catch (InterruptedException e) {
                return;
              }
              pipe.output().write(ByteBuffer.wrap(new byte[] {42}));
              pipe.output().flush();
            });
    writer.start();
    Value.Result r =
        (Value.Result)
            streams.function("[method]input-stream.blocking-read").call(List.of(in, 10L));
    writer.join();
    assertThat((byte[]) r.payload()).containsExactly(42);
  }
}
