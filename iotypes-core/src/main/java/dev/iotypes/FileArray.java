package dev.iotypes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A file as an array: positional reads and writes on its own channel, so it shares no position with
 * any stream over the same file. Growing by {@link #setLen} leaves a hole where the file system
 * supports sparse files. {@link #flush} of a writable one reaches the disk ({@code fsync}, data and
 * metadata); closing does not.
 */
final class FileArray extends BaseArray {
  private static final long MAX_TRANSFER = 1L << 30;

  private final FileChannel channel;
  private final boolean writable;

  FileArray(FileChannel channel, boolean writable, Origin origin) {
    super(origin);
    this.channel = channel;
    this.writable = writable;
  }

  @Override
  protected int readSomeAt(ByteBuffer dst, long offset) throws IOException {
    if (offset > Long.MAX_VALUE - dst.remaining() && offset >= channel.size()) {
      return -1; // pread refuses a range ending past Long.MAX_VALUE, even one past the end
    }
    int n;
    do {
      n = channel.read(dst, offset);
    } while (n == 0 && dst.hasRemaining());
    return n;
  }

  @Override
  protected boolean isWritable() {
    return writable;
  }

  @Override
  protected int writeSomeAt(ByteBuffer src, long offset) throws IOException {
    return channel.write(src, offset);
  }

  @Override
  protected long length() throws IOException {
    return channel.size();
  }

  @Override
  protected void setLength(long length) throws IOException {
    long size = channel.size();
    if (length < size) {
      channel.truncate(length);
    } else if (length > size) {
      channel.write(ByteBuffer.allocate(1), length - 1);
    }
  }

  @Override
  Outcome copyFast(long offset, IoArray dst, long dstOffset, long length) {
    if (!(dst instanceof FileArray target)
        || target == this
        || !target.isOpen()
        || !target.writable) {
      return null;
    }
    long done = 0;
    try {
      long available = Math.max(0, Math.min(length, channel.size() - offset));
      FileChannel out = target.channel.position(dstOffset);
      while (done < available) {
        long n = channel.transferTo(offset + done, Math.min(available - done, MAX_TRANSFER), out);
        if (n <= 0) {
          break;
        }
        done += n;
      }
      if (done < length) {
        Outcome rest = copyByBuffer(offset + done, dst, dstOffset + done, length - done);
        return rest.withCount(done + rest.count());
      }
      return Outcome.open(done);
    } catch (IOException | RuntimeException e) {
      // A kernel copy cannot say which side failed; writes fail far more often than reads.
      return target.fail(done, e);
    }
  }

  @Override
  protected void syncBackend() throws IOException {
    if (writable) {
      channel.force(true);
    }
  }

  @Override
  protected void closeBackend() throws IOException {
    channel.close();
  }
}
