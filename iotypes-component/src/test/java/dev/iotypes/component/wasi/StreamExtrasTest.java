package dev.iotypes.component.wasi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.IoTypes;
import dev.iotypes.MediaType;
import dev.iotypes.Output;
import dev.iotypes.Pseudonym;
import dev.iotypes.component.abi.Value;
import dev.iotypes.component.link.HostInterface;
import dev.iotypes.wasi.WasiOptions;
import dev.iotypes.wasm.GuestException;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code iotypes:io/streams} as the host implements it: a name is rendered only into an output the
 * host handed in, and a declared media type that is none is the guest's bug (a trap).
 */
class StreamExtrasTest {
  private Session session;
  private HostInterface extras;

  @BeforeEach
  void open() throws GuestException {
    session = Session.open(WasiOptions.builder().build(), 100);
    extras = new StreamExtras(session, new Streams(session)).streams();
  }

  @AfterEach
  void close() {
    session.close();
  }

  private Object call(String function, Object... args) {
    return extras.function(function).call(List.of(args));
  }

  private Value.Resource name(String text) {
    return new Value.Resource(session.pseudonym, Pseudonym.of(text));
  }

  @Test
  void aNameIsRenderedOnlyIntoAnOutputTheHostHandedIn() {
    ByteArrayOutputStream handed = new ByteArrayOutputStream();
    Output handedOut = IoTypes.output(handed);
    assertThat(call("write-pseudonym", session.lend(handedOut), name("secret/notes.txt")))
        .isEqualTo(Value.Result.ok(null));
    handedOut.flush();
    assertThat(handed.toString(UTF_8)).isEqualTo("secret/notes.txt");

    // an output the guest made (as wasi:filesystem's write-via-stream makes one over a file)
    ByteArrayOutputStream made = new ByteArrayOutputStream();
    Output madeOut = IoTypes.output(made);
    Value.Resource guestMade =
        new Value.Resource(session.outputStream, new Streams.Out(madeOut, false));
    assertThat(call("write-pseudonym", guestMade, name("secret/notes.txt")))
        .isEqualTo(Value.Result.ok(null));
    madeOut.flush();
    assertThat(made.toString(UTF_8)).isEqualTo("<pseudonym>");
  }

  @Test
  void aDeclaredMediaTypeIsTakenBeforeTheFirstByteOnly() {
    Output out = IoTypes.output(new ByteArrayOutputStream());
    Value.Resource lent = session.lend(out);
    assertThat(call("set-output-media-type", lent, "text/csv; header=present")).isEqualTo(true);
    assertThat(call("output-media-type", lent)).isEqualTo("text/csv; header=present");
    out.write(java.nio.ByteBuffer.wrap(new byte[] {1}));
    assertThat(call("set-output-media-type", lent, "text/plain")).isEqualTo(false);
    assertThat(out.mediaType()).isEqualTo(MediaType.of("text/csv; header=present"));
  }

  @Test
  void aMediaTypeThatIsNoneTraps() {
    Value.Resource lent = session.lend(IoTypes.output(new ByteArrayOutputStream()));
    assertThatThrownBy(() -> call("set-output-media-type", lent, "text/plain\r\nX-Evil: 1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("control character");
    assertThatThrownBy(() -> call("set-output-media-type", lent, "text/" + "x".repeat(1020)))
        .hasMessageContaining("at most 1024 bytes: 1025");
    assertThatThrownBy(() -> call("set-output-media-type", lent, "plain"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
