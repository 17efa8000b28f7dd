package dev.iotypes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Readiness of inputs that can only block, on real child processes' pipes: not ready while the
 * child is silent, ready when it writes or ends, and nothing left running once closed.
 */
class ReadAheadInputTest {
  private Process process;

  @AfterEach
  void killTheChild() {
    if (process != null) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private ReadAheadInput child(String script) throws IOException {
    process = new ProcessBuilder("/bin/sh", "-c", script).start();
    InputStream out = process.getInputStream();
    return (ReadAheadInput) IoTypes.readAhead(IoTypes.input(out));
  }

  private static String read(Input input) {
    ByteBuffer buffer = ByteBuffer.allocate(100);
    Outcome outcome = input.read(buffer);
    assertThat(outcome.isFailed()).isFalse();
    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
  }

  @Test
  void aSilentChildIsNotReadyAndPollWakesWhenItWrites() throws IOException {
    ReadAheadInput input = child("sleep 1; printf abc; sleep 1");
    Pollable readable = input.pollable();

    assertThat(readable.isReady()).isFalse();
    long start = System.nanoTime();
    assertThat(Poll.poll(List.of(readable)).get(0)).isTrue();
    long waited = System.nanoTime() - start;

    assertThat(Duration.ofNanos(waited)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(5));
    assertThat(read(input)).isEqualTo("abc");
    assertThat(readable.isReady()).isFalse(); // the second sleep: nothing more yet
    assertThat(Poll.poll(List.of(readable)).get(0)).isTrue(); // then the end
    assertThat(input.read(ByteBuffer.allocate(10)).isEnded()).isTrue();
    input.close();
  }

  @Test
  void aDeadlineEndsAPollOnASilentChildAndTheChildIsNotReported() throws IOException {
    ReadAheadInput input = child("sleep 5");
    Clock clock = IoTypes.systemClock();

    BitSet ready =
        Poll.poll(List.of(input.pollable(), clock.deadline(clock.monotonicNanos() + 100_000_000L)));

    assertThat(ready.get(0)).isFalse();
    assertThat(ready.get(1)).isTrue();
    input.close();
  }

  @Test
  void anInputNeverPolledStartsNoThreadAndReadsOnTheCallersThread() throws IOException {
    ReadAheadInput input = child("printf hello");

    assertThat(read(input)).isEqualTo("hello");
    assertThat(input.readerAlive()).isFalse();
    input.close();
  }

  @Test
  void closingEndsAnIdleThreadAtOnce() throws IOException {
    ReadAheadInput input = child("printf x; sleep 5");
    Poll.poll(List.of(input.pollable()));
    assertThat(input.readerAlive()).isTrue();

    input.close();

    assertThat(input.readerAlive()).isFalse();
  }

  @Test
  void aThreadBlockedInAReadEndsWhenTheChildIsKilledAfterTheClose() throws Exception {
    ReadAheadInput input = child("sleep 30");
    assertThat(input.pollable().isReady()).isFalse();
    Thread.sleep(100); // the thread is in the read now
    assertThat(input.readerAlive()).isTrue();

    input.close(); // does not wait for the blocked read
    process.descendants().forEach(ProcessHandle::destroyForcibly); // the sleep holds the pipe
    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);

    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (input.readerAlive() && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertThat(input.readerAlive()).isFalse();
  }

  @Test
  void aFailureReadAheadIsTheBackendsOwn() {
    Failure failure = Failure.from(new IOException("disk on fire"));
    Input failing =
        new BaseInput(Origin.NONE) {
          @Override
          protected int readSome(ByteBuffer dst) throws IOException {
            dst.put((byte) 'a');
            throw new Failed(failure);
          }

          @Override
          protected void closeBackend() {}
        };
    Input input = IoTypes.readAhead(failing);

    assertThat(Poll.poll(List.of(input.pollable())).get(0)).isTrue();
    Outcome first = input.read(ByteBuffer.allocate(10));
    Outcome second = input.read(ByteBuffer.allocate(10));

    assertThat(first.isOpen()).isTrue();
    assertThat(first.count()).isEqualTo(1);
    assertThat(second.isFailed()).isTrue();
    assertThat(second.failure()).isSameAs(failure);
    input.close();
  }
}
