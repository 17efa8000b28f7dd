package dev.iotypes.testing;

import dev.iotypes.BaseArray;
import dev.iotypes.BaseInput;
import dev.iotypes.BaseOutput;
import dev.iotypes.Failed;
import dev.iotypes.Input;
import dev.iotypes.IoArray;
import dev.iotypes.Origin;
import dev.iotypes.Outcome;
import dev.iotypes.Output;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Wrappers whose backend moves a single byte per call, whatever room it is offered, so every loop
 * above them must cope with short counts: okio's {@code ONE_BYTE_AT_A_TIME} factory. Each is built
 * on the public base classes, as an implementation in another module would be.
 */
public final class OneByteAtATime {
  private OneByteAtATime() {}

  public static Input input(Input delegate) {
    return new OneByteInput(delegate);
  }

  public static Output output(Output delegate) {
    return new OneByteOutput(delegate);
  }

  public static IoArray array(IoArray delegate) {
    return new OneByteArray(delegate);
  }

  private static Origin origin(Input delegate) {
    return new Origin(delegate.pseudonym(), delegate.mediaType());
  }

  private static Outcome check(Outcome outcome) throws Failed {
    if (outcome.isFailed()) {
      throw new Failed(outcome.failure());
    }
    return outcome;
  }

  private static final class OneByteInput extends BaseInput {
    private final Input delegate;

    OneByteInput(Input delegate) {
      super(origin(delegate));
      this.delegate = delegate;
    }

    @Override
    protected int readSome(ByteBuffer dst) throws IOException {
      ByteBuffer one = dst.slice(dst.position(), 1);
      if (check(delegate.read(one)).count() == 0) {
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

  private static final class OneByteOutput extends BaseOutput {
    private final Output delegate;

    OneByteOutput(Output delegate) {
      super(new Origin(delegate.pseudonym(), delegate.mediaType()));
      this.delegate = delegate;
    }

    @Override
    protected int writeSome(ByteBuffer src) throws IOException {
      check(delegate.write(src.slice(src.position(), 1)));
      src.position(src.position() + 1);
      return 1;
    }

    @Override
    protected void flushBackend() throws IOException {
      check(delegate.flush());
    }

    @Override
    protected void closeBackend() {
      delegate.close();
    }
  }

  private static final class OneByteArray extends BaseArray {
    private final IoArray delegate;

    OneByteArray(IoArray delegate) {
      super(new Origin(delegate.pseudonym(), delegate.mediaType()));
      this.delegate = delegate;
    }

    @Override
    protected int readSomeAt(ByteBuffer dst, long offset) throws IOException {
      ByteBuffer one = dst.slice(dst.position(), 1);
      if (check(delegate.readAt(one, offset)).count() == 0) {
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
  }
}
