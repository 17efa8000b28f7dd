package dev.iotypes.wasm;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.IoTypes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An array parameter bound to a stream (the Java API): read to its end first, as GNU tac does. */
class ArrayFromStreamTest {
  @TempDir Path dir;

  @Test
  void tacOverAnInputStreamMatchesGnuTac() throws Exception {
    StringBuilder text = new StringBuilder();
    Random random = new Random(5);
    for (int i = 0; i < 5000; i++) {
      text.append("line ").append(random.nextInt(1000)).append(i % 9 == 0 ? "\n\n" : "\n");
    }
    text.append("no newline at the end");
    byte[] bytes = text.toString().getBytes(UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Guest tac = Guest.load(GuestToolsTest.GUESTS.resolve("tac.wasm"));
    assertThat(tac.main().bind(0, new ByteArrayInputStream(bytes)).bind(1, out).call()).isZero();
    assertThat(out.toByteArray()).isEqualTo(gnuTac(bytes));
  }

  @Test
  void anInputLongerThanTheArrayLimitIsRefusedBeforeTheRun() throws Exception {
    Guest tac =
        Guest.load(
            Files.readAllBytes(GuestToolsTest.GUESTS.resolve("tac.wasm")),
            "tac.wasm",
            GuestOptions.DEFAULTS.withMaxAnonymousLength(10));
    assertThatThrownBy(
            () ->
                tac.main()
                    .bind(0, IoTypes.input(new byte[11]))
                    .bind(1, new ByteArrayOutputStream())
                    .call())
        .isInstanceOf(GuestException.class)
        .hasMessageContaining("longer than maxAnonymousLength (10 bytes)");
  }

  private byte[] gnuTac(byte[] text) throws Exception {
    Path in = Files.write(dir.resolve("in"), text);
    Process tac = new ProcessBuilder("tac", in.toString()).start();
    byte[] out = tac.getInputStream().readAllBytes();
    assertThat(tac.waitFor()).isZero();
    return out;
  }
}
