package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ByteBufferMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.iotypes.Failure;
import dev.iotypes.IoTypes;
import dev.iotypes.Outcome;
import dev.iotypes.Output;
import dev.iotypes.engine.DirectMemory;
import dev.iotypes.wasm.runtime.GuestMemory;
import dev.iotypes.wasm.runtime.Limits;
import java.nio.ByteBuffer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The view into a {@link DirectMemory} and the copying path for any other memory move the same
 * bytes to the same places: within a page, across pages, at the very end, after a grow.
 */
class GuestMemoryTest {
  private static final int PAGE = Memory.PAGE_SIZE;

  enum Kind {
    DIRECT(DirectMemory::new),
    PAGED(ByteArrayMemory::new),
    BUFFER(ByteBufferMemory::new);

    final Function<MemoryLimits, Memory> make;

    Kind(Function<MemoryLimits, Memory> make) {
      this.make = make;
    }
  }

  @Test
  void unsharedMemoriesAreDirectAndHandedToTheBackendAsTheGuestsOwnBytes() {
    var memories = Limits.memories(GuestOptions.DEFAULTS);
    Memory memory = memories.apply(new MemoryLimits(2, 3));
    assertThat(memory).isInstanceOf(DirectMemory.class);
    assertThat(memories.apply(new MemoryLimits(1, 1, true))).isInstanceOf(ByteBufferMemory.class);

    new GuestMemory()
        .read(
            memory,
            PAGE - 2,
            4,
            dst -> {
              assertThat(dst.isDirect()).isTrue();
              dst.put(new byte[] {1, 2, 3, 4});
              return Outcome.open(4);
            });
    assertThat(memory.readBytes(PAGE - 2, 4)).containsExactly(1, 2, 3, 4);
    assertThat(GuestMemory.chunk(memory, PAGE - 2, 1, 3).isDirect()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void readsLandAtPtrWithinAPageAcrossPagesAndAtTheEnd(Kind kind) {
    Memory memory = kind.make.apply(new MemoryLimits(2, 2));
    GuestMemory buffers = new GuestMemory();
    for (int[] span :
        new int[][] {{10, 100}, {PAGE - 7, 20}, {1, 2 * PAGE - 1}, {2 * PAGE - 5, 5}}) {
      int ptr = span[0];
      int len = span[1];
      memory.zero();
      Outcome outcome = buffers.read(memory, ptr, len, GuestMemoryTest::fillFromOne);
      assertThat(outcome.count()).isEqualTo(len);
      byte[] all = memory.readBytes(0, 2 * PAGE);
      for (int i = 0; i < all.length; i++) {
        byte expected = i >= ptr && i < ptr + len ? (byte) (i - ptr + 1) : 0;
        assertThat(all[i]).as("byte %d after read [%d, +%d)", i, ptr, len).isEqualTo(expected);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aShortReadChangesOnlyTheBytesItDelivered(Kind kind) {
    Memory memory = kind.make.apply(new MemoryLimits(2, 2));
    memory.fill((byte) 9, 0, 2 * PAGE);
    Outcome outcome =
        new GuestMemory()
            .read(
                memory,
                PAGE - 3,
                100,
                dst -> {
                  dst.put(new byte[] {1, 2, 3, 4, 5});
                  return Outcome.open(5);
                });
    assertThat(outcome.count()).isEqualTo(5);
    assertThat(memory.readBytes(PAGE - 4, 7)).containsExactly(9, 1, 2, 3, 4, 5, 9);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void anEmptyBufferAtTheVeryEndOfAFullMemoryIsFine(Kind kind) {
    Memory memory = kind.make.apply(new MemoryLimits(1, 1));
    GuestMemory buffers = new GuestMemory();
    Outcome read = buffers.read(memory, PAGE, 0, dst -> Outcome.open(dst.remaining()));
    assertThat(read.count()).isZero();
    assertThat(GuestMemory.chunk(memory, PAGE, 0, 0).remaining()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void pagesAddedByGrowAreReadAndWritten(Kind kind) {
    Memory memory = kind.make.apply(new MemoryLimits(1, 4));
    GuestMemory buffers = new GuestMemory();
    buffers.read(memory, 0, 16, GuestMemoryTest::fillFromOne); // the pages, seen before the grow
    assertThat(memory.grow(2)).isEqualTo(1);
    buffers.read(memory, 2 * PAGE - 8, PAGE, GuestMemoryTest::fillFromOne);
    assertThat(memory.readBytes(2 * PAGE - 8, 3)).containsExactly(1, 2, 3);
    assertThat(memory.read(3 * PAGE - 9)).isEqualTo((byte) PAGE);
    ByteBuffer out = GuestMemory.chunk(memory, 2 * PAGE - 8, 0, PAGE);
    assertThat(out.remaining()).isEqualTo(PAGE);
    for (int i = 0; i < PAGE; i++) {
      assertThat(out.get()).isEqualTo((byte) (i + 1));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void writesSeeTheGuestsBytesWithinAndAcrossPages(Kind kind) {
    Memory memory = kind.make.apply(new MemoryLimits(3, 3));
    for (int i = 0; i < 3 * PAGE; i++) {
      memory.writeByte(i, (byte) (i * 7));
    }
    for (int[] span : new int[][] {{5, 50}, {PAGE - 1, 2}, {3, 3 * PAGE - 3}, {3 * PAGE - 4, 4}}) {
      int ptr = span[0];
      int offset = 1;
      int n = span[1] - offset;
      ByteBuffer out = GuestMemory.chunk(memory, ptr, offset, n);
      byte[] got = new byte[out.remaining()];
      out.get(got);
      assertThat(got).isEqualTo(memory.readBytes(ptr + offset, n));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aWriteHandsOverEveryByteInChunksAndStopsAtTheFirstFailure(Kind kind) {
    int pages = GuestMemory.CHUNK / PAGE + 2;
    Memory memory = kind.make.apply(new MemoryLimits(pages, pages));
    for (int i = 0; i < pages * PAGE; i++) {
      memory.writeByte(i, (byte) (i * 31));
    }
    int len = GuestMemory.CHUNK + PAGE + 5; // two chunks, the first straddling pages
    java.io.ByteArrayOutputStream taken = new java.io.ByteArrayOutputStream();
    java.util.List<Long> starts = new java.util.ArrayList<>();
    Outcome all =
        GuestMemory.write(
            memory,
            3,
            len,
            (src, done) -> {
              starts.add(done);
              int n = src.remaining();
              byte[] bytes = new byte[n];
              src.get(bytes);
              taken.writeBytes(bytes);
              return Outcome.open(n);
            });
    assertThat(all).isEqualTo(Outcome.open(len));
    assertThat(starts).containsExactly(0L, (long) GuestMemory.CHUNK);
    assertThat(taken.toByteArray()).isEqualTo(memory.readBytes(3, len));

    Failure full = Failure.of(Failure.Kind.NO_SPACE, "disk full");
    Outcome half = GuestMemory.write(memory, 3, len, (src, done) -> Outcome.failed(10, full));
    assertThat(half).isEqualTo(Outcome.failed(10, full));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void anOutputTakesEveryByteAndAZeroByteWriteStillReportsItsStatus(Kind kind) {
    int pages = GuestMemory.CHUNK / PAGE + 2;
    Memory memory = kind.make.apply(new MemoryLimits(pages, pages));
    for (int i = 0; i < pages * PAGE; i++) {
      memory.writeByte(i, (byte) (i * 13));
    }
    int len = GuestMemory.CHUNK + PAGE + 5;
    java.io.ByteArrayOutputStream taken = new java.io.ByteArrayOutputStream();
    Output output = IoTypes.output(taken);
    assertThat(GuestMemory.write(memory, 3, len, output)).isEqualTo(Outcome.open(len));
    assertThat(taken.toByteArray()).isEqualTo(memory.readBytes(3, len));
    assertThat(GuestMemory.write(memory, pages * PAGE, 0, output)).isEqualTo(Outcome.open(0));

    Output broken =
        IoTypes.output(
            new java.io.OutputStream() {
              @Override
              public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("disk full");
              }
            });
    Outcome failed = GuestMemory.write(memory, 0, 7, broken);
    assertThat(failed.isFailed()).isTrue();
    Outcome again = GuestMemory.write(memory, 0, 0, broken); // sticky, even for 0 bytes
    assertThat(again.isFailed()).isTrue();
    assertThat(again.count()).isZero();
    assertThat(again.failure()).isEqualTo(failed.failure());
  }

  /** Fills what the buffer has room for with 1, 2, 3, ... */
  private static Outcome fillFromOne(ByteBuffer dst) {
    int n = dst.remaining();
    for (int i = 0; i < n; i++) {
      dst.put((byte) (i + 1));
    }
    return Outcome.open(n);
  }
}
