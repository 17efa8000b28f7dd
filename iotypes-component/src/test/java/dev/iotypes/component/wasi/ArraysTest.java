package dev.iotypes.component.wasi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.IoArray;
import dev.iotypes.IoTypes;
import dev.iotypes.component.abi.Value;
import dev.iotypes.component.link.HostInterface;
import dev.iotypes.wasi.WasiOptions;
import dev.iotypes.wasm.GuestException;
import dev.iotypes.wasm.GuestOptions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code iotypes:io/arrays} against hostile lengths and offsets: a read is served 1 MiB at most
 * whatever the guest asks, and an offset or length past 2^63 - 1 traps before any I/O.
 */
class ArraysTest {
  private Session session;
  private HostInterface arrays;

  @BeforeEach
  void open() throws GuestException {
    session = Session.open(WasiOptions.builder().build(), 100);
    arrays = new Arrays(session).arrays();
  }

  @AfterEach
  void close() {
    session.close();
  }

  private Object call(String method, Object... args) {
    return arrays.function("[method]io-array." + method).call(List.of(args));
  }

  @Test
  void aReadOfU64MaxIsServedOneMebibyteAtATime() {
    IoArray array = IoTypes.array(new byte[3 << 20]);
    Value.Resource lent = session.lend(array);
    Value.Result read = (Value.Result) call("read-at", lent, -1L, 0L);
    assertThat(read.ok()).isTrue();
    assertThat((byte[]) read.payload()).hasSize(Arrays.MAX_READ);
    Value.Result end = (Value.Result) call("read-at", lent, 10L, (long) (3 << 20));
    assertThat((byte[]) end.payload()).as("at the length: none").isEmpty();
    assertThat(call("len", lent)).isEqualTo(Value.Result.ok((long) (3 << 20)));
  }

  @Test
  void offsetsAndLengthsPastTwoToThe63TrapBeforeAnyIo() {
    IoArray array = IoTypes.array(new byte[] {1, 2, 3});
    Value.Resource lent = session.lend(array);
    assertThatThrownBy(() -> call("read-at", lent, 1L, -1L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("18446744073709551615");
    assertThatThrownBy(() -> call("write-at", lent, new byte[] {9}, Long.MIN_VALUE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> call("set-len", lent, -2L))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(call("len", lent)).as("nothing changed").isEqualTo(Value.Result.ok(3L));
  }

  /**
   * {@code anonymous} makes an array the guest owns, bounded as a core typed main's are: each by
   * the run's largest anonymous length, all together by its total.
   */
  @Test
  void anonymousArraysAreTheGuestsOwnAndBoundedByTheRunsLimits() throws GuestException {
    GuestOptions limits =
        GuestOptions.DEFAULTS.withMaxAnonymousLength(8).withMaxAnonymousTotal(1 << 20);
    try (Session small = Session.open(WasiOptions.builder().build(), limits)) {
      HostInterface arrays = new Arrays(small).arrays();
      Value.Resource made = (Value.Resource) arrays.function("anonymous").call(List.of());
      assertThat(made.type()).isSameAs(small.ioArrayType());
      assertThat(((Arrays.Rep) made.rep()).owned()).as("closed when the guest drops it").isTrue();
      Object wrote =
          arrays
              .function("[method]io-array.write-at")
              .call(List.of(made, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, 0L));
      assertThat(wrote).isEqualTo(Value.Result.ok(null));
      Value.Result read =
          (Value.Result) arrays.function("[method]io-array.read-at").call(List.of(made, 16L, 0L));
      assertThat((byte[]) read.payload()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
      Value.Result past =
          (Value.Result)
              arrays.function("[method]io-array.write-at").call(List.of(made, new byte[] {9}, 8L));
      assertThat(past.ok()).as("a ninth byte passes the run's largest anonymous length").isFalse();
    }
  }
}
