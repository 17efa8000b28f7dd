package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.iotypes.engine.DirectMemory;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link DirectMemory} against Chicory's own {@link ByteArrayMemory} as the reference: random
 * sequences of loads, stores, bulk copies, fills and grows, with addresses crowded around the end
 * of memory where the bounds checks live, must read the same values, trap on the same accesses and
 * leave the same bytes. Compiled guest code reaches memory only through these methods.
 */
class DirectMemoryProperties {
  private static final int PAGE = Memory.PAGE_SIZE;

  /** One operation on both memories; the address is resolved against the current size. */
  record Op(int kind, int where, int delta, long value, int len) {}

  @Property(tries = 300)
  void behavesLikeChicorysMemory(@ForAll("ops") List<Op> ops) {
    var limits = new MemoryLimits(1, 3);
    Memory reference = new ByteArrayMemory(limits);
    Memory direct = new DirectMemory(limits);
    for (Op op : ops) {
      int size = reference.pages() * PAGE;
      int addr = address(op, size);
      Object expected = apply(reference, op, addr);
      Object actual = apply(direct, op, addr);
      assertThat(actual).as("%s at %d of %d", op, addr, size).isEqualTo(expected);
      assertThat(direct.pages()).isEqualTo(reference.pages());
      assertThat(direct.readBytes(0, direct.pages() * PAGE))
          .as("memory after %s at %d", op, addr)
          .isEqualTo(reference.readBytes(0, reference.pages() * PAGE));
    }
  }

  @Example
  void largeFillsAndZeroCoverEveryByteInRangeAndNoneOutside() {
    Memory memory = new DirectMemory(new MemoryLimits(3, 3));
    memory.fill((byte) 7, 0, 3 * PAGE);
    memory.fill((byte) 0x5A, 5, 2 * PAGE + 9); // more than one bulk copy, ragged at both ends
    byte[] all = memory.readBytes(0, 3 * PAGE);
    for (int i = 0; i < all.length; i++) {
      byte expected = i >= 5 && i < 2 * PAGE + 9 ? (byte) 0x5A : 7;
      assertThat(all[i]).as("byte %d", i).isEqualTo(expected);
    }
    memory.zero();
    assertThat(memory.readBytes(0, 3 * PAGE)).containsOnly(0);
  }

  @Property(tries = 50)
  void growsToTheLimitAndNoFurther(@ForAll("grows") List<Integer> deltas) {
    Memory memory = new DirectMemory(new MemoryLimits(0, 5));
    int pages = 0;
    for (int delta : deltas) {
      int before = memory.grow(delta);
      if (pages + delta <= 5) {
        assertThat(before).isEqualTo(pages);
        if (pages > 0) {
          assertThat(memory.read(pages * PAGE - 1)).as("kept across the grow").isEqualTo((byte) 7);
        }
        pages += delta;
        if (delta > 0) {
          assertThat(memory.read(pages * PAGE - 1)).as("a new page").isZero();
          memory.writeByte(pages * PAGE - 1, (byte) 7);
        }
      } else {
        assertThat(before).isEqualTo(-1);
      }
      assertThat(memory.pages()).isEqualTo(pages);
      int end = pages * PAGE;
      assertThat(apply(memory, new Op(0, 1, 0, 0, 0), end))
          .as("one past the end")
          .isEqualTo("trap");
    }
  }

  @Provide
  Arbitrary<List<Integer>> grows() {
    return Arbitraries.integers().between(0, 3).list().ofMaxSize(8);
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 12),
            Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(-12, 12),
            Arbitraries.longs(),
            Arbitraries.integers().between(0, 2 * PAGE + 3))
        .as(Op::new)
        .list()
        .ofMaxSize(40);
  }

  /** Inside memory, just around its end, or hostile (negative, huge). */
  private static int address(Op op, int size) {
    return switch (op.where()) {
      case 0 -> size == 0 ? 0 : (int) Math.floorMod(op.value(), (long) size);
      case 1 -> size + op.delta();
      default -> op.delta() < 0 ? op.delta() : Integer.MAX_VALUE - op.delta();
    };
  }

  /** What the operation returned, or that it trapped; a trap must be Chicory's. */
  private static Object apply(Memory memory, Op op, int addr) {
    try {
      return run(memory, op, addr);
    } catch (WasmRuntimeException e) {
      return "trap";
    } catch (RuntimeException e) {
      if (memory instanceof DirectMemory) {
        throw e; // ours must trap the Wasm way, never leak another exception
      }
      return "trap";
    }
  }

  private static Object run(Memory m, Op op, int addr) {
    long v = op.value();
    Function<Integer, Integer> other = len -> Math.floorMod((int) (v >>> 32), Math.max(1, len));
    return switch (op.kind()) {
      case 0 -> m.read(addr);
      case 1 -> m.readShort(addr);
      case 2 -> m.readInt(addr);
      case 3 -> m.readLong(addr);
      case 4 -> {
        m.writeByte(addr, (byte) v);
        yield null;
      }
      case 5 -> {
        m.writeShort(addr, (short) v);
        yield null;
      }
      case 6 -> {
        m.writeI32(addr, (int) v);
        yield null;
      }
      case 7 -> {
        m.writeLong(addr, v);
        yield null;
      }
      case 8 -> HexFormat.of().formatHex(m.readBytes(addr, op.len() % 64));
      case 9 -> {
        m.fill((byte) v, addr, addr + op.len() % 300);
        yield null;
      }
      case 10 -> {
        int size = m.pages() * PAGE;
        m.copy(addr, other.apply(size), op.len() % 300); // overlapping both ways, and across ends
        yield null;
      }
      case 11 -> {
        byte[] data = new byte[op.len() % 100];
        java.util.Arrays.fill(data, (byte) v);
        m.write(addr, data, 0, data.length);
        yield null;
      }
      default -> m.grow(op.len() % 3);
    };
  }
}
