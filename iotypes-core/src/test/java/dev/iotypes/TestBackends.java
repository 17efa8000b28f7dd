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
  static final class OneByteInput extends BaseInput {
    private final Input delegate;

    OneByteInput(Input delegate) {
      super(new Origin(delegate.pseudonym(), delegate.mediaType()));
      this.delegate = delegate;
    }

    @Override
    protected int readSome(ByteBuffer dst) throws IOException {
      ByteBuffer one = dst.slice(dst.position(), 1);
      Outcome read = delegate.read(one);
      if (read.isFailed()) {
        throw new Failed(read.failure());
      }
      if (read.count() == 0) {
        return -1;
      }
      dst.position(dst.position() + 1);
      return 1;
    }

    @Override
    protected void closeBackend() {
      delegate.close();
    }
  }

  /** An output whose backend takes one byte per call, so writes loop over short counts. */
  static final class OneByteOutput extends BaseOutput {
    private final Output delegate;

    OneByteOutput(Output delegate) {
      super(new Origin(delegate.pseudonym(), delegate.mediaType()));
      this.delegate = delegate;
    }

    @Override
    protected int writeSome(ByteBuffer src) throws IOException {
      Outcome written = delegate.write(src.slice(src.position(), 1));
      if (written.isFailed()) {
        throw new Failed(written.failure());
      }
      src.position(src.position() + 1);
      return 1;
    }

    @Override
    protected void flushBackend() throws IOException {
      Outcome flushed = delegate.flush();
      if (flushed.isFailed()) {
        throw new Failed(flushed.failure());
      }
    }

    @Override
    protected void closeBackend() {
      delegate.close();
    }
  }

  /** An array whose backend reads and writes one byte per call. */
  static final class OneByteArray extends BaseArray {
    private final IoArray delegate;

    OneByteArray(IoArray delegate) {
      super(new Origin(delegate.pseudonym(), delegate.mediaType()));
      this.delegate = delegate;
    }

    @Override
    protected int readSomeAt(ByteBuffer dst, long offset) throws IOException {
      ByteBuffer one = dst.slice(dst.position(), 1);
      Outcome read = check(delegate.readAt(one, offset));
      if (read.count() == 0) {
        return -1;
      }
      dst.position(dst.position() + 1);
      return 1;
    }

    @Override
    protected int writeSomeAt(ByteBuffer src, long offset) throws IOException {
      check(delegate.writeAt(src.slice(src.position(), 1), offset));
      src.position(src.position() + 1);
      return 1;
    }

    @Override
    protected long length() throws IOException {
      return check(delegate.len()).count();
    }

    @Override
    protected void setLength(long length) throws IOException {
      check(delegate.setLen(length));
    }

    @Override
    protected void flushBackend() throws IOException {
      check(delegate.flush());
    }

    @Override
    protected void closeBackend() {
      delegate.close();
    }

    private static Outcome check(Outcome outcome) throws Failed {
      if (outcome.isFailed()) {
        throw new Failed(outcome.failure());
      }
      return outcome;
    }
  }

  /** Yields {@code content}, but throws once {@code failAfter} bytes were read; counts calls. */
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
