package dev.iotypes.wasm;

import dev.iotypes.Advice;
import dev.iotypes.Failure;
import dev.iotypes.IoArray;
import dev.iotypes.MediaType;
import dev.iotypes.Origin;
import dev.iotypes.Outcome;
import dev.iotypes.Pseudonym;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * An I/O array over a file channel that a preopen opened beneath itself ({@code openat} with {@code
 * O_NOFOLLOW}), so the file is the one the confined walk found: there is no path to reopen. The
 * core's file arrays open by path; this one takes the channel. Failure is sticky, as for every
 * array.
 */
final class ChannelArray implements IoArray {
  private final FileChannel channel;
  private final Origin origin;
  private Failure failed = Failure.NONE;
  private boolean closed;

  ChannelArray(FileChannel channel, Origin origin) {
    this.channel = channel;
    this.origin = origin;
  }

  @Override
  public Outcome readAt(ByteBuffer dst, long offset) {
    check(offset);
    if (failed != Failure.NONE) {
      return Outcome.failed(0, failed);
    }
    long done = 0;
    try {
      while (dst.hasRemaining()) {
        int n = channel.read(dst, offset + done);
        if (n < 0) {
          return Outcome.ended(done);
        }
        done += n;
      }
      return Outcome.open(done);
    } catch (IOException | RuntimeException e) {
      return fail(done, e);
    }
  }

  @Override
  public Outcome writeAt(ByteBuffer src, long offset) {
    check(offset);
    if (offset + src.remaining() < 0) {
      throw new IllegalArgumentException("write past Long.MAX_VALUE");
    }
    if (failed != Failure.NONE) {
      return Outcome.failed(0, failed);
    }
    long done = 0;
    try {
      while (src.hasRemaining()) {
        done += channel.write(src, offset + done);
      }
      return Outcome.open(done);
    } catch (IOException | RuntimeException e) {
      return fail(done, e);
    }
  }

  @Override
  public Outcome len() {
    if (failed != Failure.NONE) {
      return Outcome.failed(0, failed);
    }
    try {
      return Outcome.open(channel.size());
    } catch (IOException | RuntimeException e) {
      return fail(0, e);
    }
  }

  @Override
  public Outcome setLen(long length) {
    if (length < 0) {
      throw new IllegalArgumentException("length < 0: " + length);
    }
    if (failed != Failure.NONE) {
      return Outcome.failed(0, failed);
    }
    try {
      long size = channel.size();
      if (length < size) {
        channel.truncate(length);
      } else if (length > size) {
        channel.write(ByteBuffer.wrap(new byte[1]), length - 1);
      }
      return Outcome.open(0);
    } catch (IOException | RuntimeException e) {
      return fail(0, e);
    }
  }

  @Override
  public void advise(long offset, long length, Advice advice) {}

  @Override
  public Outcome flush() {
    if (failed != Failure.NONE) {
      return Outcome.failed(0, failed);
    }
    try {
      if (!closed) {
        channel.force(false);
      }
      return Outcome.open(0);
    } catch (IOException | RuntimeException e) {
      return fail(0, e);
    }
  }

  @Override
  public MediaType mediaType() {
    return origin.mediaType();
  }

  @Override
  public Pseudonym pseudonym() {
    return origin.pseudonym();
  }

  @Override
  public Outcome copyTo(long offset, IoArray dst, long dstOffset, long length) {
    if (offset < 0 || dstOffset < 0 || length < 0) {
      throw new IllegalArgumentException("negative offset or length");
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(length, 1 << 16));
    long done = 0;
    while (done < length) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), length - done));
      Outcome r = readAt(buffer, offset + done);
      buffer.flip();
      Outcome w = dst.writeAt(buffer, dstOffset + done);
      done += w.count();
      if (w.isFailed()) {
        return Outcome.failed(done, w.failure());
      }
      if (!r.isOpen()) {
        return r.withCount(done);
      }
    }
    return Outcome.open(done);
  }

  @Override
  public void close() {
    closed = true;
    try {
      channel.close();
    } catch (IOException e) {
      // released anyway
    }
  }

  private Outcome fail(long done, Exception e) {
    failed = Failure.from(e);
    return Outcome.failed(done, failed);
  }

  private static void check(long offset) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset < 0: " + offset);
    }
  }
}
