package dev.iotypes.wasm;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TrapException;
import dev.iotypes.Outcome;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.nio.ByteBuffer;

/**
 * The guest's linear memory as the host may touch it: every {@code (ptr, len)} is checked, as
 * unsigned and without wrapping, before any I/O happens, so a bad buffer traps without consuming a
 * byte of input. Bytes move in bulk, never one at a time.
 *
 * <p>Fast path: Chicory's {@link ByteArrayMemory} (the default) keeps memory as 64 KiB {@code
 * byte[]} pages in a private field. When that field can be read (on the class path), a buffer that
 * lies within one page is handed to the backend as a view of the page itself, so I/O reads into and
 * writes from guest memory with no copy of ours; a buffer spanning pages goes through one reusable
 * direct buffer, which a channel reads into or writes from with no copy of the JDK's. Any other
 * memory is copied through a heap buffer.
 */
final class GuestMemory {
  /** Largest single transfer; reads may be short, writes loop. */
  static final int CHUNK = 1 << 20;

  private static final int PAGE_SHIFT = 16;
  private static final int PAGE = 1 << PAGE_SHIFT;
  private static final MethodHandle PAGES = pagesGetter();

  private byte[] scratch = new byte[64 * 1024];
  private ByteBuffer direct;

  /** Something that fills a buffer, e.g. {@code input::read}. */
  @FunctionalInterface
  interface Reader {
    Outcome read(ByteBuffer dst);
  }

  /** Takes guest bytes; {@code done} counts those taken before {@code src} by the same call. */
  @FunctionalInterface
  interface Writer {
    Outcome write(ByteBuffer src, long done);
  }

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

  /** Whether this JVM lets us see {@link ByteArrayMemory}'s pages (the fast path). */
  static boolean direct() {
    return PAGES != null;
  }

  /**
   * Reads up to {@code len} bytes (at most {@link #CHUNK}) with {@code reader} into guest memory at
   * {@code ptr}, a buffer already {@link #check checked}; the outcome is the reader's.
   */
  Outcome read(Memory memory, int ptr, int len, Reader reader) {
    int n = (int) Math.min(Integer.toUnsignedLong(len), CHUNK);
    byte[][] pages = n == 0 ? null : pages(memory);
    if (pages != null) {
      int offset = ptr & (PAGE - 1);
      if (offset + n <= PAGE) {
        return reader.read(ByteBuffer.wrap(pages[ptr >>> PAGE_SHIFT], offset, n));
      }
      ByteBuffer buffer = directBuffer(n);
      Outcome outcome = reader.read(buffer);
      buffer.flip();
      for (int at = ptr; buffer.hasRemaining(); ) {
        int page = at >>> PAGE_SHIFT;
        int from = at & (PAGE - 1);
        int m = Math.min(PAGE - from, buffer.remaining());
        buffer.get(pages[page], from, m);
        at += m;
      }
      return outcome;
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
  Outcome write(Memory memory, int ptr, int len, Writer writer) {
    long total = Integer.toUnsignedLong(len);
    long done = 0;
    do {
      int n = (int) Math.min(total - done, CHUNK);
      Outcome outcome = writer.write(chunk(memory, ptr, done, n), done);
      done += outcome.count();
      if (!outcome.isOpen()) {
        return outcome.withCount(done);
      }
    } while (done < total);
    return Outcome.open(done);
  }

  /**
   * The guest bytes {@code [ptr + offset, ptr + offset + n)} of a {@link #check checked} buffer, as
   * a buffer to write from, valid until the next call on this object.
   */
  ByteBuffer chunk(Memory memory, int ptr, long offset, int n) {
    int at = (int) (Integer.toUnsignedLong(ptr) + offset);
    byte[][] pages = n == 0 ? null : pages(memory);
    if (pages == null) {
      return outbound(memory, ptr, offset, n);
    }
    int from = at & (PAGE - 1);
    if (from + n <= PAGE) {
      return ByteBuffer.wrap(pages[at >>> PAGE_SHIFT], from, n);
    }
    ByteBuffer buffer = directBuffer(n);
    for (int left = n; left > 0; ) {
      int page = at >>> PAGE_SHIFT;
      int start = at & (PAGE - 1);
      int m = Math.min(PAGE - start, left);
      buffer.put(pages[page], start, m);
      at += m;
      left -= m;
    }
    return buffer.flip();
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

  /** The guest bytes {@code [ptr + offset, ptr + offset + n)}, copied, to write from. */
  static ByteBuffer outbound(Memory memory, int ptr, long offset, int n) {
    return ByteBuffer.wrap(memory.readBytes((int) (Integer.toUnsignedLong(ptr) + offset), n));
  }

  /** A cleared direct buffer with room for exactly {@code n} bytes (at most {@link #CHUNK}). */
  private ByteBuffer directBuffer(int n) {
    if (direct == null || direct.capacity() < n) {
      int capacity = Math.max(n, direct == null ? 2 * PAGE : direct.capacity() * 2);
      direct = ByteBuffer.allocateDirect(Math.min(capacity, CHUNK));
    }
    return direct.clear().limit(n);
  }

  /**
   * The pages of {@code memory}, re-read on every call (memory.grow adds pages), or {@code null}
   * when it is not a {@link ByteArrayMemory} or its field cannot be read.
   */
  static byte[][] pages(Memory memory) {
    if (PAGES == null || !(memory instanceof ByteArrayMemory bytes)) {
      return null;
    }
    try {
      return (byte[][]) PAGES.invokeExact(bytes);
    } catch (Throwable e) {
      return null;
    }
  }

  private static MethodHandle pagesGetter() {
    if (!Boolean.parseBoolean(System.getProperty("iotypes.directMemory", "true"))) {
      return null; // for measuring the copying path
    }
    try {
      MethodHandle getter =
          MethodHandles.privateLookupIn(ByteArrayMemory.class, MethodHandles.lookup())
              .findGetter(ByteArrayMemory.class, "pages", byte[][].class);
      // Pages of 64 KiB, as this class assumes: check on a one-page memory.
      byte[][] pages =
          (byte[][])
              getter.invokeExact(
                  new ByteArrayMemory(new com.dylibso.chicory.wasm.types.MemoryLimits(1, 1)));
      return pages.length >= 1 && pages[0] != null && pages[0].length == PAGE ? getter : null;
    } catch (Throwable e) {
      return null; // a different Chicory, or on the module path: copy instead
    }
  }
}
