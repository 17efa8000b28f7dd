package dev.iotypes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The process's standard streams, without reading the real stdin or writing to stdout. */
class StdioTest {
  private static String rendered(Pseudonym pseudonym) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    IoTypes.output(bytes).writePseudonym(pseudonym);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void stdinAndStdoutAreNamedDashAndUntyped() {
    Input stdin = IoTypes.stdin();
    Output stdout = IoTypes.stdout();

    assertThat(rendered(stdin.pseudonym())).isEqualTo("-");
    assertThat(rendered(stdout.pseudonym())).isEqualTo("-");
    assertThat(stdin.pseudonym()).isNotSameAs(stdout.pseudonym());
    assertThat(stdin.mediaType()).isEqualTo(MediaType.OCTET_STREAM);
    assertThat(stdout.mediaType()).isEqualTo(MediaType.OCTET_STREAM);
  }

  @Test
  void stderrIsNamedAndClosingAHandleLeavesTheDescriptorOpen() {
    Output stderr = IoTypes.stderr();
    assertThat(rendered(stderr.pseudonym())).isEqualTo("<stderr>");

    stderr.close();
    Output again = IoTypes.stderr();

    assertThat(again.flush()).isEqualTo(Outcome.open(0));
    assertThat(again.write(java.nio.ByteBuffer.allocate(0))).isEqualTo(Outcome.open(0));
  }
}
