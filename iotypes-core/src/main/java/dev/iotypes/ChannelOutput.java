package dev.iotypes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * An output over a blocking channel: files, stdout, stderr, sockets. Writes go straight to the
 * channel, so there is nothing for {@link #flush} to push and nothing a crash can lose; inputs over
 * seekable files forward into it with {@link FileChannel#transferTo}.
 */
final class ChannelOutput extends BaseOutput {
  private final WritableByteChannel channel;
  private final Closer closer;

  ChannelOutput(WritableByteChannel channel, Closer closer, Origin origin) {
    super(origin);
    this.channel = channel;
    this.closer = closer;
  }

  WritableByteChannel channel() {
    return channel;
  }

  @Override
  protected int writeSome(ByteBuffer src) throws IOException {
    try {
      return channel.write(src);
    } catch (ClosedChannelException e) {
      throw e;
    } catch (IOException e) {
      // A pipe or socket whose write fails for a reason the exception does not name (the C
      // library's text, in the process's language) lost its reader: EPIPE or ECONNRESET.
      if (Failure.from(e).kind() == Failure.Kind.IO && !seekable()) {
        throw new Failed(Failure.of(Failure.Kind.BROKEN_PIPE, e));
      }
      throw e;
    }
  }

  /** Whether the channel is a file: a pipe or socket has no position (lseek fails, ESPIPE). */
  private boolean seekable() {
    if (!(channel instanceof SeekableByteChannel seekable)) {
      return false;
    }
    try {
      seekable.position();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  protected void closeBackend() throws IOException {
    closer.close();
  }
}
