package dev.iotypes.engine;

import com.dylibso.chicory.runtime.ConstantEvaluators;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A guest's linear memory outside the Java heap, so the kernel reads into it and writes from it
 * directly: a {@code FileChannel} given a view of it does one copy where a heap memory costs three
 * (the JDK moves heap bytes through a temporary direct buffer both ways). Compiled guest code sees
 * one contiguous buffer, loads and stores are single bounds-checked accesses, as fast as Chicory's
 * own memories.
 *
 * <p>The buffer's limit is always the memory's size in bytes, so an access past the last page traps
 * even where the capacity, grown by doubling, goes further. Memories shared between threads (which
 * need atomics' wait and notify) stay with Chicory's own implementation.
 */
public final class DirectMemory implements Memory {
  /** The source of {@link #fill}'s bulk copies of zeros; never written. */
  private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(PAGE_SIZE).asReadOnlyBuffer();

  private final MemoryLimits limits;
  private final int maxBytes;
  private ByteBuffer buffer;
  private DataSegment[] segments = new DataSegment[0];

  public DirectMemory(MemoryLimits limits) {
    if (limits.shared()) {
      throw new IllegalArgumentException("a shared memory needs atomics: use ByteBufferMemory");
    }
    this.limits = limits;
    this.maxBytes = Memory.bytes(maximumPages());
    int initial = Memory.bytes(Math.min(limits.initialPages(), maximumPages()));
    this.buffer = ByteBuffer.allocateDirect(initial).order(ByteOrder.LITTLE_ENDIAN);
    located();
  }

  /**
   * A view of {@code [addr, addr + len)}, which the caller has checked lies inside memory. Valid
   * only until the guest runs again: {@code memory.grow} may move the bytes.
   */
  public ByteBuffer view(int addr, int len) {
    return buffer.slice(addr, len);
  }

  /** Where the bytes are and how many: read by compiled code after every call, so kept at hand. */
  private long address;

  private int size;

  private void located() {
    address = Ops.supported() ? Ops.address(buffer) : 0;
    size = buffer.limit();
  }

  long address() {
    return address;
  }

  int size() {
    return size;
  }

  @Override
  public int pages() {
    return buffer.limit() / PAGE_SIZE;
  }

  @Override
  public int grow(int delta) {
    int before = pages();
    long after = (long) before + Integer.toUnsignedLong(delta);
    if (after > maximumPages()) {
      return -1;
    }
    int size = Memory.bytes((int) after);
    if (size > buffer.capacity()) {
      long doubled = Math.max((long) buffer.capacity() * 2, PAGE_SIZE);
      int capacity = (int) Math.min(Math.max(doubled, size), maxBytes);
      ByteBuffer bigger = ByteBuffer.allocateDirect(capacity).order(ByteOrder.LITTLE_ENDIAN);
      bigger.put(0, buffer, 0, buffer.limit());
      buffer = bigger;
    }
    buffer.limit(size);
    located();
    return before;
  }

  @Override
  public int initialPages() {
    return limits.initialPages();
  }

  @Override
  public int maximumPages() {
    return Math.min(limits.maximumPages(), RUNTIME_MAX_PAGES);
  }

  @Override
  public boolean shared() {
    return false;
  }

  @Override
  public Object lock(int address) {
    return this; // atomics on an unshared memory: one thread, nothing to wait for
  }

  @Override
  public int waitOn(int address, int expected, long timeout) {
    throw new WasmRuntimeException("expected shared memory");
  }

  @Override
  public int waitOn(int address, long expected, long timeout) {
    throw new WasmRuntimeException("expected shared memory");
  }

  @Override
  public int notify(int address, int maxThreads) {
    return 0;
  }

  @Override
  public void initialize(Instance instance, DataSegment[] dataSegments) {
    if (dataSegments == null) {
      return;
    }
    this.segments = dataSegments;
    for (DataSegment segment : dataSegments) {
      if (segment instanceof ActiveDataSegment active) {
        int offset =
            (int) ConstantEvaluators.computeConstantValue(instance, active.offsetInstructions())[0];
        byte[] data = active.data();
        if (!inside(offset, data.length)) {
          throw new UninstantiableException("out of bounds memory access");
        }
        buffer.put(offset, data);
      } else if (!(segment instanceof PassiveDataSegment)) {
        throw new ChicoryException("data segment should be active or passive: " + segment);
      }
    }
  }

  @Override
  public void initPassiveSegment(int segmentId, int dest, int offset, int size) {
    write(dest, segments[segmentId].data(), offset, size);
  }

  @Override
  public void drop(int segment) {
    segments[segment] = PassiveDataSegment.EMPTY;
  }

  @Override
  public void write(int addr, byte[] data, int offset, int size) {
    if (!inside(addr, size) || offset < 0 || size > data.length - offset) {
      throw outOfBounds(addr, size);
    }
    buffer.put(addr, data, offset, size);
  }

  @Override
  public byte[] readBytes(int addr, int len) {
    if (!inside(addr, len)) {
      throw outOfBounds(addr, len);
    }
    byte[] bytes = new byte[len];
    buffer.get(addr, bytes);
    return bytes;
  }

  @Override
  public void copy(int dest, int src, int size) {
    if (!inside(dest, size) || !inside(src, size)) {
      throw outOfBounds(inside(dest, size) ? src : dest, size);
    }
    // Unsafe.copyMemory underneath moves overlapping ranges like memmove.
    buffer.put(dest, buffer, src, size);
  }

  @Override
  public void fill(byte value, int fromIndex, int toIndex) {
    int size = toIndex - fromIndex;
    if (!inside(fromIndex, size)) {
      throw outOfBounds(fromIndex, size);
    }
    ByteBuffer pattern = value == 0 ? ZEROS : filled(value, Math.min(size, ZEROS.capacity()));
    for (int at = fromIndex; at < toIndex; at += pattern.capacity()) {
      buffer.put(at, pattern, 0, Math.min(pattern.capacity(), toIndex - at));
    }
  }

  private static ByteBuffer filled(byte value, int size) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, value);
    return ByteBuffer.wrap(bytes);
  }

  /** Chicory zeroes every memory as it instantiates a module: bulk copies, not a loop. */
  @Override
  public void zero() {
    fill((byte) 0, 0, buffer.limit());
  }

  @Override
  public byte read(int addr) {
    try {
      return buffer.get(addr);
    } catch (IndexOutOfBoundsException e) {
      throw outOfBounds(addr, 1);
    }
  }

  @Override
  public void writeByte(int addr, byte data) {
    try {
      buffer.put(addr, data);
    } catch (IndexOutOfBoundsException e) {
      throw outOfBounds(addr, 1);
    }
  }

  @Override
  public short readShort(int addr) {
    try {
      return buffer.getShort(addr);
    } catch (IndexOutOfBoundsException e) {
      throw outOfBounds(addr, 2);
    }
  }

  @Override
  public long readU16(int addr) {
    return readShort(addr) & 0xFFFFL;
  }

  @Override
  public void writeShort(int addr, short data) {
    try {
      buffer.putShort(addr, data);
    } catch (IndexOutOfBoundsException e) {
      throw outOfBounds(addr, 2);
    }
  }

  @Override
  public int readInt(int addr) {
    try {
      return buffer.getInt(addr);
    } catch (IndexOutOfBoundsException e) {
      throw outOfBounds(addr, 4);
    }
  }

  @Override
  public void writeI32(int addr, int data) {
    try {
      buffer.putInt(addr, data);
    } catch (IndexOutOfBoundsException e) {
      throw outOfBounds(addr, 4);
    }
  }

  @Override
  public long readLong(int addr) {
    try {
      return buffer.getLong(addr);
    } catch (IndexOutOfBoundsException e) {
      throw outOfBounds(addr, 8);
    }
  }

  @Override
  public void writeLong(int addr, long data) {
    try {
      buffer.putLong(addr, data);
    } catch (IndexOutOfBoundsException e) {
      throw outOfBounds(addr, 8);
    }
  }

  @Override
  public float readFloat(int addr) {
    return Float.intBitsToFloat(readInt(addr));
  }

  @Override
  public long readF32(int addr) {
    return readInt(addr);
  }

  @Override
  public void writeF32(int addr, float data) {
    writeI32(addr, Float.floatToRawIntBits(data));
  }

  @Override
  public double readDouble(int addr) {
    return Double.longBitsToDouble(readLong(addr));
  }

  @Override
  public long readF64(int addr) {
    return readLong(addr);
  }

  @Override
  public void writeF64(int addr, double data) {
    writeLong(addr, Double.doubleToRawLongBits(data));
  }

  private boolean inside(int addr, int len) {
    return addr >= 0 && len >= 0 && len <= buffer.limit() - addr;
  }

  private WasmRuntimeException outOfBounds(int addr, int len) {
    return new WasmRuntimeException(
        "out of bounds memory access: attempted to access address: "
            + Integer.toUnsignedString(addr)
            + " but limit is: "
            + buffer.limit()
            + " and size: "
            + len);
  }
}
