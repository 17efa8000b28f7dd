package dev.iotypes.wasm;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.IoTypes;
import dev.iotypes.MediaType;
import dev.iotypes.Origin;
import dev.iotypes.Output;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A guest declares its output's media type, and the embedder sees it on the {@link Output}. */
class OutputMediaTypeTest {
  @TempDir Path dir;

  private static Guest mediaTypes() throws GuestException {
    return Guest.load(GuestToolsTest.GUESTS.resolve("media-types.wasm"));
  }

  @Test
  void theTypeDeclaredBeforeTheFirstWriteIsWhatTheHostSeesAndALateOneIsRefused() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Output output = IoTypes.output(bytes, Origin.named("report")); // no extension: octet-stream
    int status = mediaTypes().main().bind(0, IoTypes.input(new byte[0])).bind(1, output).call();
    assertThat(status).as("declared before writing: taken; after: refused").isZero();
    assertThat(output.mediaType()).isEqualTo(MediaType.of("text/csv; charset=utf-8"));
    assertThat(bytes.toString(UTF_8)).isEqualTo("a,b\ntext/csv; charset=utf-8");
  }

  @Test
  void theDeclaredTypeReplacesTheOneGuessedFromTheName() throws Exception {
    Output output = IoTypes.output(new ByteArrayOutputStream(), Origin.named("out.txt"));
    assertThat(output.mediaType().essence()).isEqualTo("text/plain");
    Guest guest = mediaTypes();
    TypedMain twice =
        guest.typedMains().stream().filter(m -> m.export().equals("set-twice")).findFirst().get();
    assertThat(guest.call(twice).bind(0, IoTypes.input(new byte[0])).bind(1, output).call())
        .isZero();
    assertThat(output.mediaType()).isEqualTo(MediaType.of("image/png"));
  }

  @ParameterizedTest
  @CsvSource({
    "malformed, not a media type",
    "control-character, control character in the media type",
    "not-utf8, not UTF-8",
    "too-long, at most 1024 bytes",
    "outside-memory, output-set-media-type",
    "input-handle, is not a output-stream"
  })
  void aBadMediaTypeIsMisuseAndTrapsNamingTheRule(String export, String rule) throws Exception {
    Guest guest = mediaTypes();
    TypedMain main =
        guest.typedMains().stream().filter(m -> m.export().equals(export)).findFirst().get();
    Output output = IoTypes.output(new ByteArrayOutputStream(), Origin.named("out"));
    assertThatThrownBy(
            () -> guest.call(main).bind(0, IoTypes.input(new byte[0])).bind(1, output).call())
        .isInstanceOf(GuestTrap.class)
        .hasMessageContaining("output-set-media-type")
        .hasMessageContaining(rule);
    assertThat(output.mediaType()).isEqualTo(MediaType.OCTET_STREAM);
  }

  @Test
  void upperGivesItsOutputTheTypeOfItsInput() throws Exception {
    Path notes = Files.writeString(dir.resolve("page.html"), "<p>hi</p>\n");
    Output output = IoTypes.output(new ByteArrayOutputStream(), Origin.named("-"));
    Guest upper = Guest.load(GuestToolsTest.GUESTS.resolve("upper.wasm"));
    assertThat(upper.main().bind(0, notes).bind(1, output).call()).isZero();
    assertThat(output.mediaType().essence()).isEqualTo("text/html");
  }
}
