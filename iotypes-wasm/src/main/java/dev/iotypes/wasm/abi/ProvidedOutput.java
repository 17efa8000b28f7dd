package dev.iotypes.wasm.abi;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.ChicoryException;
import dev.iotypes.BaseOutput;
import dev.iotypes.Origin;
import dev.iotypes.wasm.Guest;
import dev.iotypes.wasm.runtime.GuestMemory;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The bytes path of a provided output: the host asks the provider for room in its own memory
 * ({@code output-buffer}), copies the consumer's bytes there, and calls {@code output-write}. Every
 * answer of the provider is checked as hostile; a trap or a broken protocol is an I/O failure of
 * the stream, sticky from then on. Bytes the provider took together with {@code failed} count as
 * written, in the same outcome as the failure.
 */
public final class ProvidedOutput extends BaseOutput {
  private final Guest guest;
  private final Instance instance;
  private final ExportFunction buffer;
  private final ExportFunction write;
  private final ExportFunction flush;

  public ProvidedOutput(
      Origin origin,
      Guest guest,
      Instance instance,
      ExportFunction buffer,
      ExportFunction write,
      ExportFunction flush) {
    super(origin);
    this.guest = guest;
    this.instance = instance;
    this.buffer = buffer;
    this.write = write;
    this.flush = flush;
  }

  @Override
  protected int writeSome(ByteBuffer src) throws IOException {
    long[] room = call(buffer, src.remaining());
    int ptr = (int) room[0];
    int n = (int) Math.min(src.remaining(), Integer.toUnsignedLong((int) room[1]));
    if (n <= 0) {
      throw new IOException(guest.name() + ": output-buffer offered no room");
    }
    byte[] bytes = new byte[n];
    src.duplicate().get(bytes);
    memory(ptr, n).write(ptr, bytes);
    long[] result = call(write, n);
    long count = Integer.toUnsignedLong((int) result[0]);
    if (count > n) {
      throw new IOException(guest.name() + ": output-write claims " + count + " of " + n);
    }
    src.position(src.position() + (int) count);
    if (result[1] != Codes.OPEN) {
      throw new IOException(guest.name() + ": output-write reported status " + result[1]);
    }
    if (count == 0) {
      throw new IOException(guest.name() + ": output-write took nothing");
    }
    return (int) count;
  }

  @Override
  protected void flushBackend() throws IOException {
    long[] result = call(flush);
    if (result[0] != Codes.OPEN) {
      throw new IOException(guest.name() + ": output-flush reported status " + result[0]);
    }
  }

  @Override
  protected void closeBackend() {
    // The provider's instance belongs to its Provider, which releases it.
  }

  private Memory memory(int ptr, int n) throws IOException {
    try {
      return GuestMemory.check("output-buffer", instance, ptr, n);
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
