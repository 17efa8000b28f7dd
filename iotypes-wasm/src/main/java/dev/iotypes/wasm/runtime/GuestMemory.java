package dev.iotypes.wasm.runtime;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TrapException;
import dev.iotypes.Outcome;
import dev.iotypes.Output;
import dev.iotypes.engine.DirectMemory;
import java.nio.ByteBuffer;

/**
 * The guest's linear memory as the host may touch it: every {@code (ptr, len)} is checked, as
 * unsigned and without wrapping, before any I/O happens, so a bad buffer traps without consuming a
 * byte of input. Bytes move in bulk, never one at a time.
 *
 * <p>Fast path: a {@link DirectMemory} (every unshared memory iotypes creates) is handed to the
 * backend as a view of the guest's own bytes, so a channel reads into and writes from guest memory
 * with the kernel's one copy and none of ours. Any other memory is copied through a heap buffer.
 */
public final class GuestMemory {
  /** Largest single transfer; reads may be short, writes loop. */
  public static final int CHUNK = 1 << 20;

  /** What a 0-byte write hands over: nothing to read, nothing that could be kept. */
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private byte[] scratch = new byte[64 * 1024];

  /** Something that fills a buffer, e.g. {@code input::read}. */
  @FunctionalInterface
  public interface Reader {
    Outcome read(ByteBuffer dst);
  }

  /** Takes guest bytes; {@code done} counts those taken before {@code src} by the same call. */
  @FunctionalInterface
  public interface Writer {
    Outcome write(ByteBuffer src, long done);
  }

  /** Checks that {@code [ptr, ptr + len)} lies inside the instance's memory. */
  public static Memory check(String function, Instance instance, int ptr, int len) {
    Memory memory = instance.memory();
    if (memory == null) {
      throw new TrapException(function + ": the module has no memory");
    }
    long end = Integer.toUnsignedLong(ptr) + Integer.toUnsignedLong(len);
    if (end > (long) memory.pages() * Memory.PAGE_SIZE) {
      throw outside(function, memory, ptr, end);
    }
    return memory;
  }

  // Out of line: the check above is on every host call, the message on none that succeeds.
  private static TrapException outside(String function, Memory memory, int ptr, long end) {
    return new TrapException(
        function
            + ": buffer ["
            + Integer.toUnsignedLong(ptr)
            + ", "
            + end
            + ") is outside memory of "
            + (long) memory.pages() * Memory.PAGE_SIZE
            + " bytes");
  }

  /**
   * Reads up to {@code len} bytes (at most {@link #CHUNK}) with {@code reader} into guest memory at
   * {@code ptr}, a buffer already {@link #check checked}; the outcome is the reader's.
   */
  public Outcome read(Memory memory, int ptr, int len, Reader reader) {
    int n = (int) Math.min(Integer.toUnsignedLong(len), CHUNK);
    if (memory instanceof DirectMemory direct) {
      return reader.read(direct.view(ptr, n));
    }
    ByteBuffer buffer = inbound(n);
    Outcome outcome = reader.read(buffer);
    deliver(memory, ptr, buffer);
    return outcome;
  }

  /**
   * Hands all {@code len} bytes (unsigned) at {@code ptr}, a buffer already {@link #check checked},
   * to {@code writer} in chunks of at most {@link #CHUNK}, stopping at the first outcome that is
   * not open; the outcome counts every byte taken.
   */
  public static Outcome write(Memory memory, int ptr, int len, Writer writer) {
    return write(memory, ptr, len, null, writer);
  }

  /** As {@link #write(Memory, int, int, Writer)} into an output, with no lambda made per call. */
  public static Outcome write(Memory memory, int ptr, int len, Output output) {
    return write(memory, ptr, len, output, null);
  }

  /** The one loop behind both: exactly one of {@code output} and {@code writer} is given. */
  private static Outcome write(Memory memory, int ptr, int len, Output output, Writer writer) {
    long total = Integer.toUnsignedLong(len);
    long done = 0;
    do {
      int n = (int) Math.min(total - done, CHUNK);
      ByteBuffer src = chunk(memory, ptr, done, n);
      Outcome outcome = output != null ? output.write(src) : writer.write(src, done);
      done += outcome.count();
      if (!outcome.isOpen()) {
        return outcome.withCount(done);
      }
    } while (done < total);
    return Outcome.open(done);
  }

  /**
   * The guest bytes {@code [ptr + offset, ptr + offset + n)} of a {@link #check checked} buffer, as
   * a buffer to write from, valid until the guest runs again.
   */
  public static ByteBuffer chunk(Memory memory, int ptr, long offset, int n) {
    if (n == 0) {
      return EMPTY; // a status query: no view, no copy
    }
    int at = (int) (Integer.toUnsignedLong(ptr) + offset);
    if (memory instanceof DirectMemory direct) {
      return direct.view(at, n);
    }
    return ByteBuffer.wrap(memory.readBytes(at, n));
  }

  /** A heap buffer of up to {@code len} bytes (at most {@link #CHUNK}) to read into. */
  public ByteBuffer inbound(int len) {
    int n = (int) Math.min(Integer.toUnsignedLong(len), CHUNK);
    if (scratch.length < n) {
      scratch = new byte[Math.max(n, Math.min(CHUNK, scratch.length * 2))];
    }
    return ByteBuffer.wrap(scratch, 0, n);
  }

  /** Copies what was read into {@code buffer} (from {@link #inbound}) to guest memory at ptr. */
  public static void deliver(Memory memory, int ptr, ByteBuffer buffer) {
    if (buffer.position() > 0) {
      memory.write(ptr, buffer.array(), 0, buffer.position());
    }
  }
}
