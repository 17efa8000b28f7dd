package dev.iotypes.wasi;

import dev.iotypes.BaseInput;
import dev.iotypes.Failed;
import dev.iotypes.Input;
import dev.iotypes.IoTypes;
import dev.iotypes.Origin;
import dev.iotypes.Outcome;
import dev.iotypes.Output;
import dev.iotypes.Pipe;
import dev.iotypes.testing.InputContract;
import dev.iotypes.testing.InputKind;
import dev.iotypes.testing.OneByteAtATime;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Named;

/**
 * The {@link Input} contract, run against the reads a stream descriptor serves once {@code
 * poll_oneoff} put a {@link ReadAhead} in front of its input: the same bytes, in order, with the
 * same end, as the input itself would give.
 */
class ReadAheadContractTest extends InputContract {
  @Override
  protected List<Named<InputKind>> inputs() {
    return List.of(
        Named.of("read-ahead of bytes", (content, f) -> readAhead(IoTypes.input(content))),
        Named.of(
            "read-ahead of a pipe",
            (content, f) -> {
              Pipe pipe = IoTypes.pipe(4096);
              f.async(
                  () -> {
                    try (Output output = pipe.output()) {
                      return output.write(ByteBuffer.wrap(content));
                    }
                  });
              return readAhead(pipe.input());
            }),
        Named.of(
            "read-ahead of one byte at a time",
            (content, f) -> readAhead(OneByteAtATime.input(IoTypes.input(content)))));
  }

  private static Input readAhead(Input input) {
    return new ReadAheadInput(new ReadAhead(input, new Object()), input);
  }

  /** What a descriptor's reads see, as an {@link Input}: built on the public base class. */
  private static final class ReadAheadInput extends BaseInput {
    private final ReadAhead ahead;
    private final Input input;

    ReadAheadInput(ReadAhead ahead, Input input) {
      super(Origin.named("read-ahead"));
      this.ahead = ahead;
      this.input = input;
    }

    @Override
    protected int readSome(ByteBuffer dst) throws Failed {
      Outcome read = ahead.read(dst);
      if (read.isFailed()) {
        throw new Failed(read.failure());
      }
      return read.isEnded() ? -1 : (int) read.count();
    }

    @Override
    protected void closeBackend() {
      input.close();
    }
  }
}
