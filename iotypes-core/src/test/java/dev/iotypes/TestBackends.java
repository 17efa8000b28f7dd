package dev.iotypes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Test-only backends: ones that move a single byte per call (so every loop above them must cope
 * with short counts), and ones that fail on demand and count how often they are touched (so sticky
 * states can be shown to leave the backend alone).
 */
final class TestBackends {
  private TestBackends() {}

  /** The host detail every failing backend reports: it must never reach code, only outputs. */
  static final String SECRET = "/home/alice/secret-plans.txt";

  static IOException failure(String reason) {
    return new IOException(reason + ": " + SECRET);
  }

  /** An input that hands over one byte per read, whatever room the caller offers. */
  static final class FailingReadChannel implements ReadableByteChannel {
    private final byte[] content;
    private final int failAfter;
    private int position;
    int touches;
    boolean closed;

    FailingReadChannel(byte[] content, int failAfter) {
      this.content = content;
      this.failAfter = failAfter;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      touches++;
      if (position >= failAfter) {
        throw failure("Input/output error");
      }
      if (position >= content.length) {
        return -1;
      }
      int n = Math.min(dst.remaining(), Math.min(failAfter, content.length) - position);
      dst.put(content, position, n);
      position += n;
      return n;
    }

    @Override
    public boolean isOpen() {
      return !closed;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** Takes bytes until {@code failAfter} were taken, then throws; keeps what it took. */
  static final class FailingWriteChannel implements WritableByteChannel {
    private final long failAfter;
    private final String reason;
    final ByteArrayOutputStream taken = new ByteArrayOutputStream();
    int touches;
    boolean closed;

    FailingWriteChannel(long failAfter, String reason) {
      this.failAfter = failAfter;
      this.reason = reason;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      touches++;
      long room = failAfter - taken.size();
      if (room <= 0) {
        throw failure(reason);
      }
      int n = (int) Math.min(room, src.remaining());
      byte[] bytes = new byte[n];
      src.get(bytes);
      taken.write(bytes, 0, n);
      return n;
    }

    @Override
    public boolean isOpen() {
      return !closed;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** A {@code java.io} input that may fail after some bytes and counts every call. */
  static final class CountingInputStream extends InputStream {
    private final byte[] content;
    private final int failAfter;
    private int position;
    int touches;
    boolean closed;

    CountingInputStream(byte[] content, int failAfter) {
      this.content = content;
      this.failAfter = failAfter;
    }

    CountingInputStream(byte[] content) {
      this(content, Integer.MAX_VALUE);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      touches++;
      if (position >= failAfter) {
        throw failure("Input/output error");
      }
      if (position >= content.length) {
        return -1;
      }
      int n = Math.min(len, Math.min(failAfter, content.length) - position);
      System.arraycopy(content, position, b, off, n);
      position += n;
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      touches++;
      return super.skip(n);
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** A {@code java.io} output that fails once {@code failAfter} bytes were written. */
  static final class FailingOutputStream extends OutputStream {
    private final long failAfter;
    final ByteArrayOutputStream taken = new ByteArrayOutputStream();
    int touches;
    boolean failFlush;

    FailingOutputStream(long failAfter) {
      this.failAfter = failAfter;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      touches++;
      if (taken.size() + len > failAfter) {
        throw failure("No space left on device");
      }
      taken.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      touches++;
      if (failFlush) {
        throw failure("Disk quota exceeded");
      }
    }
  }

  /** An anonymous array that fails on demand and counts every backend call. */
  static final class FailingArray extends BaseArray {
    private final IoArray memory = IoTypes.anonymous();
    boolean failNext;
    int touches;

    FailingArray(byte[] content) {
      super(Origin.NONE);
      memory.writeAt(ByteBuffer.wrap(content), 0);
    }

    private void touch() throws IOException {
      touches++;
      if (failNext) {
        throw failure("Input/output error");
      }
    }

    @Override
    protected int readSomeAt(ByteBuffer dst, long offset) throws IOException {
      touch();
      Outcome read = memory.readAt(dst, offset);
      return read.count() == 0 ? -1 : (int) read.count();
    }

    @Override
    protected int writeSomeAt(ByteBuffer src, long offset) throws IOException {
      touch();
      return (int) memory.writeAt(src, offset).count();
    }

    @Override
    protected long length() throws IOException {
      touch();
      return memory.len().count();
    }

    @Override
    protected void setLength(long length) throws IOException {
      touch();
      memory.setLen(length);
    }

    @Override
    protected void adviseBackend(long offset, long length, Advice advice) {
      touches++;
    }

    @Override
    protected void flushBackend() throws IOException {
      touch();
    }

    @Override
    protected void closeBackend() {
      memory.close();
    }
  }
}
