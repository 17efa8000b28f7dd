package dev.iotypes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A failure's kind does not depend on the language of the C library's messages: the JVM takes the
 * process's locale, so a broken pipe reads "Broken pipe" in English and "Datenübergabe
 * unterbrochen" in German.
 */
class FailureKindTest {
  private static final ByteBuffer DATA =
      ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();

  @Test
  void aWriteToAPipeWhoseReaderIsGoneIsABrokenPipe() throws IOException {
    Pipe pipe = Pipe.open();
    pipe.source().close();
    Output output = new ChannelOutput(pipe.sink(), pipe.sink()::close, Origin.NONE);
    Outcome outcome = output.write(DATA.duplicate());
    assertThat(outcome.isFailed()).isTrue();
    assertThat(outcome.failure().kind()).isEqualTo(Failure.Kind.BROKEN_PIPE);
    output.close();
  }

  @Test
  void aBrokenPipeIsTheSameInGerman() {
    WritableByteChannel german =
        new WritableByteChannel() {
          @Override
          public int write(ByteBuffer src) throws IOException {
            throw new IOException("Datenübergabe unterbrochen");
          }

          @Override
          public boolean isOpen() {
            return true;
          }

          @Override
          public void close() {}
        };
    Output output = new ChannelOutput(german, () -> {}, Origin.NONE);
    Outcome outcome = output.write(DATA.duplicate());
    assertThat(outcome.failure().kind()).isEqualTo(Failure.Kind.BROKEN_PIPE);
    assertThat(outcome.count()).isZero();
  }
}
