package dev.iotypes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;

/**
 * An input over a blocking channel: files, stdin, sockets. When the channel is a seekable file,
 * {@link #skip} moves the position and {@link #forward} hands the bytes to the kernel ({@code
 * sendfile}/{@code copy_file_range} via {@link FileChannel#transferTo}) so they never enter the
 * JVM.
 */
final class ChannelInput extends BaseInput {
  private static final long MAX_TRANSFER = 1L << 30;

  private final ReadableByteChannel channel;
  private final FileChannel file; // non-null only when the channel is seekable
  private final Closer closer;

  ChannelInput(ReadableByteChannel channel, Closer closer, Origin origin) {
    super(origin);
    this.channel = channel;
    this.closer = closer;
    this.file = seekable(channel);
  }

  /** The channel as a file that can be positioned, or {@code null} for a pipe, tty or socket. */
  static FileChannel seekable(ReadableByteChannel channel) {
    if (channel instanceof FileChannel fc) {
      try {
        fc.position(fc.position());
        return fc.size() >= 0 ? fc : null;
      } catch (IOException e) {
        return null;
      }
    }
    return null;
  }

  @Override
  protected int readSome(ByteBuffer dst) throws IOException {
    int n;
    do {
      n = channel.read(dst);
    } while (n == 0 && dst.hasRemaining());
    return n;
  }

  @Override
  protected long skipSome(long count) throws IOException {
    if (file == null) {
      return super.skipSome(count);
    }
    long position = file.position();
    long size = file.size();
    if (position >= size) {
      return -1;
    }
    long n = Math.min(count, size - position);
    file.position(position + n);
    return n;
  }

  @Override
  Outcome forwardFast(Output output, long count) {
    if (file == null || !(output instanceof ChannelOutput target) || !target.isOpen()) {
      return null;
    }
    if (count > 0) {
      target.starting();
    }
    long done = 0;
    long position = -1;
    try {
      position = file.position();
      while (done < count && !Interruption.requested()) { // the generic loop reports it
        long n = file.transferTo(position, Math.min(count - done, MAX_TRANSFER), target.channel());
        if (n <= 0) {
          if (position >= file.size()) {
            file.position(position);
            return end(done);
          }
          break; // the kernel declined: finish with the generic loop
        }
        position += n;
        done += n;
      }
      file.position(position);
    } catch (IOException | RuntimeException e) {
      // The input goes on after what the output took, as after the generic loop.
      skipForwarded(position);
      // A kernel copy cannot say which side failed; writes fail far more often than file reads.
      return target.fail(done, e);
    }
    if (done == count) {
      return Outcome.open(done);
    }
    Outcome rest = forwardByBuffer(output, count - done);
    return rest.withCount(done + rest.count());
  }

  private void skipForwarded(long position) {
    try {
      if (position >= 0) {
        file.position(position);
      }
    } catch (IOException | RuntimeException e) {
      // The input's own next read reports whatever broke its file.
    }
  }

  @Override
  protected void closeBackend() throws IOException {
    closer.close();
  }
}
