package dev.iotypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollTest {
  @Test
  void aFullPipeOutputBecomesReadyWhenTheReaderTakesBytes() throws Exception {
    Pipe pipe = IoTypes.pipe(4);
    pipe.output().write(ByteBuffer.wrap(new byte[4]));
    assertThat(pipe.output().pollable().isReady()).isFalse();
    assertThat(pipe.input().pollable().isReady()).isTrue();
    Thread reader =
        new Thread(
            () -> {
              try {
                Thread.sleep(50);
              } catch (InterruptedException e) {
                return;
              }
              pipe.input().read(ByteBuffer.allocate(1));
            });
    reader.start();
    assertThat(Poll.poll(List.of(pipe.output().pollable())).get(0)).isTrue();
    reader.join();
  }

  @Test
  void aPipeOutputWhoseReaderIsGoneIsReady() {
    Pipe pipe = IoTypes.pipe(1);
    pipe.output().write(ByteBuffer.wrap(new byte[1]));
    pipe.input().close();
    assertThat(pipe.output().pollable().isReady()).isTrue();
  }

  @Test
  void pollReportsEveryReadyPollableAndLeavesNoWatcherBehind() {
    Pipe pipe = IoTypes.pipe();
    Clock stopped = IoTypes.fixedClock(Instant.EPOCH);
    var ready =
        Poll.poll(
            List.of(
                pipe.input().pollable(),
                Pollable.READY,
                stopped.deadline(0),
                stopped.deadline(10)));
    assertThat(ready.stream().toArray()).containsExactly(1, 2);
    // a second poll that waits on the pipe alone ends as the writer writes: no stale watcher
    pipe.output().write(ByteBuffer.wrap(new byte[] {1}));
    assertThat(Poll.poll(List.of(pipe.input().pollable())).get(0)).isTrue();
  }

  @Test
  void aStoppedClockMovesToTheEarliestDeadlineOnly() {
    Clock stopped = IoTypes.fixedClock(Instant.EPOCH);
    var ready = Poll.poll(List.of(stopped.deadline(300), stopped.deadline(200)));
    assertThat(ready.stream().toArray()).containsExactly(1);
    assertThat(stopped.monotonicNanos()).isEqualTo(200);
    assertThat(stopped.now()).isEqualTo(Instant.EPOCH.plusNanos(200));
  }

  @Test
  void pollingNothingIsRefused() {
    assertThatThrownBy(() -> Poll.poll(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aClockOverAnInstantSourceNeverGoesBack() {
    Instant[] now = {Instant.ofEpochSecond(100)};
    Clock clock = IoTypes.clock(() -> now[0]);
    now[0] = Instant.ofEpochSecond(101);
    assertThat(clock.monotonicNanos()).isEqualTo(1_000_000_000L);
    now[0] = Instant.ofEpochSecond(99);
    assertThat(clock.monotonicNanos()).isEqualTo(1_000_000_000L);
    assertThat(clock.now()).isEqualTo(Instant.ofEpochSecond(99));
  }
}
