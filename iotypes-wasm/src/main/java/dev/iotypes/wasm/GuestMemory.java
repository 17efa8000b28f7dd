package dev.iotypes.wasm;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TrapException;
import java.nio.ByteBuffer;

/**
 * The guest's linear memory as the host may touch it: every {@code (ptr, len)} is checked, as
 * unsigned and without wrapping, before any I/O happens, so a bad buffer traps without consuming a
 * byte of input. Bytes move in bulk through one reusable buffer, never one at a time.
 */
final class GuestMemory {
  /** Largest single transfer; reads may be short, writes loop. */
  static final int CHUNK = 1 << 20;

  private byte[] scratch = new byte[64 * 1024];

  /** Checks that {@code [ptr, ptr + len)} lies inside the instance's memory. */
  static Memory check(String function, Instance instance, int ptr, int len) {
    Memory memory = instance.memory();
    if (memory == null) {
      throw new TrapException(function + ": the module has no memory");
    }
    long start = Integer.toUnsignedLong(ptr);
    long end = start + Integer.toUnsignedLong(len);
    long size = (long) memory.pages() * Memory.PAGE_SIZE;
    if (end > size) {
      throw new TrapException(
          function
              + ": buffer ["
              + start
              + ", "
              + end
              + ") is outside memory of "
              + size
              + " bytes");
    }
    return memory;
  }

  /** A heap buffer of up to {@code len} bytes (at most {@link #CHUNK}) to read into. */
  ByteBuffer inbound(int len) {
    int n = (int) Math.min(Integer.toUnsignedLong(len), CHUNK);
    if (scratch.length < n) {
      scratch = new byte[Math.max(n, Math.min(CHUNK, scratch.length * 2))];
    }
    return ByteBuffer.wrap(scratch, 0, n);
  }

  /** Copies what was read into {@code buffer} (from {@link #inbound}) to guest memory at ptr. */
  static void deliver(Memory memory, int ptr, ByteBuffer buffer) {
    if (buffer.position() > 0) {
      memory.write(ptr, buffer.array(), 0, buffer.position());
    }
  }

  /** The guest bytes {@code [ptr + offset, ptr + offset + n)}, as a buffer to write from. */
  static ByteBuffer outbound(Memory memory, int ptr, long offset, int n) {
    return ByteBuffer.wrap(memory.readBytes((int) (Integer.toUnsignedLong(ptr) + offset), n));
  }
}
