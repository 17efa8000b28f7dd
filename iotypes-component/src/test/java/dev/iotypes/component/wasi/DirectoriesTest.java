package dev.iotypes.component.wasi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.IoTypes;
import dev.iotypes.Origin;
import dev.iotypes.Pollable;
import dev.iotypes.component.abi.Value;
import dev.iotypes.component.link.HostInterface;
import dev.iotypes.wasi.WasiOptions;
import dev.iotypes.wasm.GuestException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code iotypes:io/directories}, {@code clocks} and {@code random} against a hostile guest: a
 * cursor asked about no entry traps, names are checked before anything is created, a stream the
 * guest forgot to drop is closed with the run, and a huge random request traps before any
 * allocation.
 */
class DirectoriesTest {
  private Session session;
  private HostInterface directories;

  @BeforeEach
  void open() throws GuestException {
    session = Session.open(WasiOptions.builder().build(), 100);
    directories = new Directories(session).directories();
  }

  @AfterEach
  void close() {
    session.close();
  }

  private Object call(String method, Object... args) {
    return directories.function("[method]" + method).call(List.of(args));
  }

  @Test
  void theCursorNamesTheEntryLastReturnedAndTrapsOnNone() {
    Value.Resource dir =
        session.lend(IoTypes.inputDirectory(Map.of("a.txt", "abc".getBytes(UTF_8))));
    assertThatThrownBy(() -> call("input-directory.open", dir))
        .as("before the first entry")
        .isInstanceOf(IllegalStateException.class);
    Value.Result first = (Value.Result) call("input-directory.next-entry", dir);
    assertThat(first.payload())
        .isEqualTo(
            Optional.of(new Value.Record(List.of("a.txt", new Value.Enum(0), Optional.of(3L)))));
    assertThat(call("input-directory.media-type", dir)).isEqualTo("text/plain");
    Value.Resource in = (Value.Resource) call("input-directory.open", dir);
    assertThat(in.type()).isSameAs(session.inputStreamType());
    assertThat(call("input-directory.next-entry", dir))
        .isEqualTo(Value.Result.ok(Optional.empty()));
    assertThat(call("input-directory.next-entry", dir))
        .as("and from then on")
        .isEqualTo(Value.Result.ok(Optional.empty()));
    assertThatThrownBy(() -> call("input-directory.pseudonym", dir))
        .as("after the end")
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void namesAreCheckedBeforeAnythingIsCreated() {
    Map<String, byte[]> made = new TreeMap<>();
    Value.Resource dir = session.lend(IoTypes.outputDirectory(made, Origin.NONE));
    for (String name : List.of("../x", "/abs", "a\\b", "a/../b", "", "a\u0001", "é".repeat(2049))) {
      assertThatThrownBy(() -> call("output-directory.create-file", dir, name))
          .as(name)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(made).isEmpty();
    Value.Resource out = (Value.Resource) call("output-directory.create-file", dir, "d/ok.txt");
    Streams.Out rep = (Streams.Out) out.rep();
    assertThat(rep.handedIn).as("the guest cannot read it back").isTrue();
    rep.output.write(ByteBuffer.wrap("hi".getBytes(UTF_8)));
    Value.Resource taken = (Value.Resource) call("output-directory.create-file", dir, "d/ok.txt");
    assertThat(((Streams.Out) taken.rep()).output.write(ByteBuffer.wrap(new byte[1])).isFailed())
        .as("a name made already is an outcome: the first write fails")
        .isTrue();
    session.close(); // the guest dropped neither: the run's end closes them
    assertThat(made).containsOnlyKeys("d/ok.txt");
    assertThat(made.get("d/ok.txt")).isEqualTo("hi".getBytes(UTF_8));
  }

  @Test
  void randomAndClockReadWhatTheyAreHanded() {
    List<HostInterface> both =
        new ClockAndRandomResources(session, new Streams(session)).interfaces();
    HostInterface clocks = both.get(0);
    HostInterface random = both.get(1);
    Value.Resource r = session.lend(IoTypes.seededRandom(7));
    byte[] expected = new byte[5];
    IoTypes.seededRandom(7).fill(ByteBuffer.wrap(expected));
    assertThat((byte[]) random.function("[method]random.get-bytes").call(List.of(r, 5L)))
        .isEqualTo(expected);
    assertThatThrownBy(
            () -> random.function("[method]random.get-bytes").call(List.of(r, (1L << 20) + 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> random.function("[method]random.get-bytes").call(List.of(r, -1L)))
        .isInstanceOf(IllegalArgumentException.class);
    Value.Resource c = session.lend(IoTypes.fixedClock(Instant.parse("2024-01-01T00:00:00Z")));
    assertThat(clocks.function("[method]clock.wall-now").call(List.of(c)))
        .isEqualTo(new Value.Record(List.of(1704067200L, 0L)));
    Value.Resource system = session.lend(IoTypes.systemClock());
    Value.Resource never =
        (Value.Resource)
            clocks.function("[method]clock.subscribe-duration").call(List.of(system, -1L));
    assertThat(((Pollable) never.rep()).isReady()).as("saturated: u64 max").isFalse();
    Value.Resource past =
        (Value.Resource)
            clocks.function("[method]clock.subscribe-instant").call(List.of(system, -1L));
    assertThat(((Pollable) past.rep()).isReady()).as("u64 max is no negative instant").isFalse();
  }
}
