package dev.iotypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.testing.Fixture;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pipes and sockets across threads: blocking, waking, and what closing either end does. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PipeTest {
  @RegisterExtension final Fixture fixture = Fixture.perTest();

  /** Waits until {@code thread} is parked, i.e. blocked in the call under test. */
  private static void awaitBlocked(Thread thread) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (thread.getState() != Thread.State.WAITING
        && thread.getState() != Thread.State.TIMED_WAITING
        && thread.getState() != Thread.State.TERMINATED) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("thread never blocked: " + thread.getState());
      }
      Thread.sleep(1);
    }
  }

  @Test
  void twoMegabytesCrossASevenBytePipeIntactBetweenThreads() throws Exception {
    Pipe pipe = IoTypes.pipe(7);
    int total = 2 << 20;
    Future<Long> written =
        fixture.async(
            () -> {
              Random random = new Random(9);
              byte[] chunk = new byte[4096];
              CRC32 crc = new CRC32();
              try (Output output = pipe.output()) {
                for (int done = 0; done < total; ) {
                  int n = Math.min(total - done, 1 + random.nextInt(chunk.length));
                  random.nextBytes(chunk);
                  crc.update(chunk, 0, n);
                  assertThat(output.write(ByteBuffer.wrap(chunk, 0, n))).isEqualTo(Outcome.open(n));
                  done += n;
                }
              }
              return crc.getValue();
            });

    CRC32 crc = new CRC32();
    long read = 0;
    ByteBuffer buffer = ByteBuffer.allocate(5000);
    Random random = new Random(10);
    try (Input input = pipe.input()) {
      while (true) {
        buffer.clear().limit(1 + random.nextInt(buffer.capacity()));
        Outcome outcome = input.read(buffer);
        assertThat(outcome.count()).isBetween(0L, 7L);
        crc.update(buffer.array(), 0, buffer.position());
        read += outcome.count();
        if (outcome.isEnded()) {
          break;
        }
        assertThat(outcome.isOpen()).isTrue();
      }
    }
    assertThat(read).isEqualTo(total);
    assertThat(crc.getValue()).isEqualTo(written.get());
  }

  @Test
  void closingTheOutputLetsTheReaderDrainThenEnd() {
    Pipe pipe = IoTypes.pipe(7);
    pipe.output().write(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5}));

    pipe.output().close();

    ByteBuffer buffer = ByteBuffer.allocate(3);
    assertThat(pipe.input().read(buffer)).isEqualTo(Outcome.open(3));
    assertThat(pipe.input().read(buffer.clear())).isEqualTo(Outcome.open(2));
    assertThat(buffer.array()).startsWith(4, 5);
    assertThat(pipe.input().read(buffer.clear())).isEqualTo(Outcome.ended(0));
    assertThat(pipe.input().read(buffer.clear())).isEqualTo(Outcome.ended(0));
  }

  @Test
  void readBlocksUntilAByteArrivesThenReturnsWhatIsThere() throws Exception {
    Pipe pipe = IoTypes.pipe(7);
    Future<Outcome> read = fixture.async(() -> pipe.input().read(ByteBuffer.allocate(100)));
    Thread.sleep(50);
    assertThat(read.isDone()).isFalse();

    pipe.output().write(ByteBuffer.wrap(new byte[] {42}));

    assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo(Outcome.open(1));
  }

  @Test
  void aReaderBlockedOnAnEmptyPipeIsReleasedWhenTheWriterCloses() throws Exception {
    Pipe pipe = IoTypes.pipe(7);
    Thread[] reader = new Thread[1];
    Future<Outcome> read =
        fixture.async(
            () -> {
              reader[0] = Thread.currentThread();
              return pipe.input().read(ByteBuffer.allocate(10));
            });
    while (reader[0] == null) {
      Thread.sleep(1);
    }
    awaitBlocked(reader[0]);
    assertThat(read.isDone()).isFalse();

    pipe.output().close();

    assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo(Outcome.ended(0));
  }

  @Test
  void closingTheInputWakesABlockedWriterWithBrokenPipeAndThePartialCount() throws Exception {
    Pipe pipe = IoTypes.pipe(7);
    Thread[] writer = new Thread[1];
    Future<Outcome> write =
        fixture.async(
            () -> {
              writer[0] = Thread.currentThread();
              return pipe.output().write(ByteBuffer.allocate(100));
            });
    while (writer[0] == null) {
      Thread.sleep(1);
    }
    awaitBlocked(writer[0]); // 7 bytes in: the pipe is full

    pipe.input().close();

    Outcome outcome = write.get(10, TimeUnit.SECONDS);
    assertThat(outcome.count()).isEqualTo(7);
    assertThat(outcome.status()).isEqualTo(Status.FAILED);
    assertThat(outcome.failure().kind()).isEqualTo(Failure.Kind.BROKEN_PIPE);
    assertThat(pipe.output().write(ByteBuffer.allocate(1))).isEqualTo(outcome.withCount(0));
    assertThat(pipe.output().writeZeros(5)).isEqualTo(outcome.withCount(0));
    assertThat(pipe.output().flush()).isEqualTo(outcome.withCount(0));
  }

  @Test
  void writingToAPipeWhoseReaderIsGoneFailsAtOnceWithBrokenPipe() {
    Pipe pipe = IoTypes.pipe();
    pipe.input().close();

    Outcome written = pipe.output().write(ByteBuffer.allocate(10));

    assertThat(written.count()).isZero();
    assertThat(written.failure().kind()).isEqualTo(Failure.Kind.BROKEN_PIPE);
    pipe.output().close();
    pipe.output().close();
  }

  @Test
  void aPipeNeedsRoomForOneByte() {
    assertThatThrownBy(() -> IoTypes.pipe(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capacity < 1: 0");
  }

  @Test
  void closingASocketsOutputEndsThePeersStreamAndItsInputStillReads() throws Exception {
    SocketChannel[] pair = fixture.socketPair();
    Connection connection = IoTypes.connection(pair[0], Origin.named("tcp://127.0.0.1:1"));
    connection.output().write(ByteBuffer.wrap(new byte[] {1, 2, 3}));

    connection.output().close();

    ByteBuffer received = ByteBuffer.allocate(10);
    while (pair[1].read(received) >= 0) {
      // until the peer sees the end
    }
    assertThat(received.position()).isEqualTo(3);
    pair[1].write(ByteBuffer.wrap(new byte[] {4}));
    pair[1].shutdownOutput();
    assertThat(Fixture.drain(connection.input(), 10)).containsExactly(4);
    connection.close();
    assertThat(pair[0].isOpen()).isFalse();
  }

  @Test
  void aSocketReadBlocksUntilThePeerSendsAByte() throws Exception {
    SocketChannel[] pair = fixture.socketPair();
    Connection connection = IoTypes.connection(pair[0], Origin.NONE);
    Future<Outcome> read = fixture.async(() -> connection.input().read(ByteBuffer.allocate(10)));
    Thread.sleep(50);
    assertThat(read.isDone()).isFalse();

    pair[1].write(ByteBuffer.wrap(new byte[] {9}));

    assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo(Outcome.open(1));
    connection.close();
  }

  @Test
  void aConnectionNeedsAConnectedBlockingSocket() throws Exception {
    try (SocketChannel unconnected = SocketChannel.open()) {
      assertThatThrownBy(() -> IoTypes.connection(unconnected, Origin.NONE))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("connected and blocking");
    }
  }
}
