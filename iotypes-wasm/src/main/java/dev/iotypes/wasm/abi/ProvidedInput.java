package dev.iotypes.wasm.abi;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.ChicoryException;
import dev.iotypes.wasm.Guest;
import dev.iotypes.wasm.runtime.GuestMemory;
import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes path of a provided input: {@code input-read(len)} answers where in its own memory the
 * provider put up to {@code len} bytes, how many, and its status; the host copies them out. Every
 * answer is checked as hostile; a trap or a broken protocol is an I/O failure of the stream.
 */
public final class ProvidedInput extends InputStream {
  private final Guest guest;
  private final Instance instance;
  private final ExportFunction read;
  private boolean ended;

  public ProvidedInput(Guest guest, Instance instance, ExportFunction read) {
    this.guest = guest;
    this.instance = instance;
    this.read = read;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] bytes, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    while (!ended) {
      long[] result = call(length);
      int ptr = (int) result[0];
      long count = Integer.toUnsignedLong((int) result[1]);
      long status = result[2];
      if (count > length) {
        throw new IOException(guest.name() + ": input-read returned " + count + " of " + length);
      }
      if (status == Codes.FAILED) {
        throw new IOException(guest.name() + ": input-read reported failure");
      }
      if (status != Codes.OPEN && status != Codes.ENDED) {
        throw new IOException(guest.name() + ": input-read returned status " + status);
      }
      ended = status == Codes.ENDED;
      if (count > 0) {
        Memory memory;
        try {
          memory = GuestMemory.check("input-read", instance, ptr, (int) count);
        } catch (ChicoryException e) {
          throw new IOException(guest.name() + ": " + e.getMessage());
        }
        byte[] data = memory.readBytes(ptr, (int) count);
        System.arraycopy(data, 0, bytes, offset, data.length);
        return data.length;
      }
    }
    return -1;
  }

  private long[] call(int length) throws IOException {
    try {
      return read.apply(length);
    } catch (ChicoryException | StackOverflowError e) {
      throw new IOException(guest.trap(e).getMessage(), e);
    }
  }
}
