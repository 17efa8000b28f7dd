package dev.iotypes.wasm.abi;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.ChicoryException;
import dev.iotypes.BaseArray;
import dev.iotypes.Origin;
import dev.iotypes.wasm.Guest;
import dev.iotypes.wasm.runtime.GuestMemory;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The bytes path of a provided array: {@code array-read-at(len, offset)} answers where in its own
 * memory the provider put up to {@code len} bytes of the array at {@code offset}; a write asks for
 * room ({@code array-buffer}), copies the bytes there and calls {@code array-write-at}. Every
 * answer is checked as hostile, as a provided stream's is: a trap or a broken promise is an I/O
 * failure, which {@link BaseArray} makes sticky. Without the write exports the array is read-only,
 * and a write is refused without failing it.
 */
public final class ProvidedArray extends BaseArray {
  private final Guest guest;
  private final Instance instance;
  private final ExportFunction readAt;
  private final ExportFunction len;
  private final Writes writes;

  /** The exports a writable provided array has besides its reads; all or none. */
  public record Writes(
      ExportFunction buffer, ExportFunction writeAt, ExportFunction setLen, ExportFunction flush) {}

  /** A provided array; {@code writes} is null for a read-only one. */
  public ProvidedArray(
      Origin origin,
      Guest guest,
      Instance instance,
      ExportFunction readAt,
      ExportFunction len,
      Writes writes) {
    super(origin);
    this.guest = guest;
    this.instance = instance;
    this.readAt = readAt;
    this.len = len;
    this.writes = writes;
  }

  @Override
  protected int readSomeAt(ByteBuffer dst, long offset) throws IOException {
    int length = dst.remaining();
    long[] result = call(readAt, length, offset);
    int ptr = (int) result[0];
    long count = Integer.toUnsignedLong((int) result[1]);
    long status = status("array-read-at", result[2]);
    if (count > length) {
      throw broken("array-read-at returned " + count + " of " + length);
    }
    if (count > 0) {
      dst.put(memory("array-read-at", ptr, (int) count).readBytes(ptr, (int) count));
    }
    if (status == Codes.FAILED) {
      throw broken("array-read-at reported failure");
    }
    if (status == Codes.ENDED) {
      return count > 0 ? (int) count : -1;
    }
    if (count == 0) {
      throw broken("array-read-at returned nothing, open");
    }
    return (int) count;
  }

  @Override
  protected int writeSomeAt(ByteBuffer src, long offset) throws IOException {
    long[] room = call(writes.buffer(), src.remaining());
    int ptr = (int) room[0];
    int n = (int) Math.min(src.remaining(), Integer.toUnsignedLong((int) room[1]));
    if (n <= 0) {
      throw broken("array-buffer offered no room");
    }
    byte[] bytes = new byte[n];
    src.duplicate().get(bytes);
    memory("array-buffer", ptr, n).write(ptr, bytes);
    long[] result = call(writes.writeAt(), n, offset);
    long count = Integer.toUnsignedLong((int) result[0]);
    if (count > n) {
      throw broken("array-write-at claims " + count + " of " + n);
    }
    src.position(src.position() + (int) count);
    if (status("array-write-at", result[1]) != Codes.OPEN) {
      throw broken("array-write-at reported status " + result[1]);
    }
    if (count == 0) {
      throw broken("array-write-at took nothing");
    }
    return (int) count;
  }

  @Override
  protected long length() throws IOException {
    long[] result = call(len);
    if (status("array-len", result[1]) != Codes.OPEN) {
      throw broken("array-len reported status " + result[1]);
    }
    if (result[0] < 0) {
      throw broken("array-len returned " + result[0]);
    }
    return result[0];
  }

  @Override
  protected void setLength(long length) throws IOException {
    long[] result = call(writes.setLen(), length);
    if (status("array-set-len", result[0]) != Codes.OPEN) {
      throw broken("array-set-len reported status " + result[0]);
    }
  }

  @Override
  protected boolean isWritable() {
    return writes != null;
  }

  @Override
  protected void flushBackend() throws IOException {
    if (writes != null) {
      long[] result = call(writes.flush());
      if (status("array-flush", result[0]) != Codes.OPEN) {
        throw broken("array-flush reported status " + result[0]);
      }
    }
  }

  @Override
  protected void closeBackend() {
    // The provider's instance belongs to its Provider, which releases it.
  }

  /** A status the ABI knows, as an {@code i32} result read back from a {@code long}. */
  private long status(String function, long raw) throws IOException {
    int status = (int) raw;
    if (status < Codes.OPEN || status > Codes.FAILED) {
      throw broken(function + " returned status " + status);
    }
    return status;
  }

  private IOException broken(String what) {
    return new IOException(guest.name() + ": " + what);
  }

  private Memory memory(String function, int ptr, int count) throws IOException {
    try {
      return GuestMemory.check(function, instance, ptr, count);
    } catch (ChicoryException e) {
      throw new IOException(guest.name() + ": " + e.getMessage());
    }
  }

  private long[] call(ExportFunction function, long... args) throws IOException {
    try {
      return function.apply(args);
    } catch (ChicoryException | StackOverflowError e) {
      throw new IOException(guest.trap(e).getMessage(), e);
    }
  }
}
