package dev.iotypes.wasm.abi;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.ChicoryException;
import dev.iotypes.BaseInput;
import dev.iotypes.Origin;
import dev.iotypes.wasm.Guest;
import dev.iotypes.wasm.runtime.GuestMemory;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The bytes path of a provided input: {@code input-read(len)} answers where in its own memory the
 * provider put up to {@code len} bytes, how many, and its status; the host copies them out. Every
 * answer is checked as hostile; a trap or a broken protocol is an I/O failure of the stream. Bytes
 * delivered together with {@code failed} or {@code ended} still reach the consumer, in the same
 * outcome as the failure, or before the end.
 */
public final class ProvidedInput extends BaseInput {
  private final Guest guest;
  private final Instance instance;
  private final ExportFunction read;
  private boolean ended;

  public ProvidedInput(Origin origin, Guest guest, Instance instance, ExportFunction read) {
    super(origin);
    this.guest = guest;
    this.instance = instance;
    this.read = read;
  }

  @Override
  protected int readSome(ByteBuffer dst) throws IOException {
    int length = dst.remaining();
    while (!ended) {
      long[] result = call(length);
      int ptr = (int) result[0];
      long count = Integer.toUnsignedLong((int) result[1]);
      long status = result[2];
      if (count > length) {
        throw new IOException(guest.name() + ": input-read returned " + count + " of " + length);
      }
      if (status > Codes.FAILED || status < 0) {
        throw new IOException(guest.name() + ": input-read returned status " + status);
      }
      if (count > 0) {
        dst.put(memory(ptr, (int) count).readBytes(ptr, (int) count));
      }
      if (status == Codes.FAILED) {
        throw new IOException(guest.name() + ": input-read reported failure");
      }
      ended = status == Codes.ENDED;
      if (count > 0) {
        return (int) count;
      }
    }
    return -1;
  }

  @Override
  protected void closeBackend() {
    // The provider's instance belongs to its Provider, which releases it.
  }

  private Memory memory(int ptr, int count) throws IOException {
    try {
      return GuestMemory.check("input-read", instance, ptr, count);
    } catch (ChicoryException e) {
      throw new IOException(guest.name() + ": " + e.getMessage());
    }
  }

  private long[] call(int length) throws IOException {
    try {
      return read.apply(length);
    } catch (ChicoryException | StackOverflowError e) {
      throw new IOException(guest.trap(e).getMessage(), e);
    }
  }
}
