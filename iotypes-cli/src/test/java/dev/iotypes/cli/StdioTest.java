package dev.iotypes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** Only the process's own standard streams can be a terminal; streams handed in never are. */
class StdioTest {
  @Test
  void javaStreamsHandedInAreNeverATerminal() {
    assertThat(
            Stdio.of(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream()).terminal())
        .isFalse();
  }

  @Test
  void theProcessStreamsAreATerminalWhenItHasAConsole() {
    assertThat(Stdio.system().terminal()).isEqualTo(System.console() != null);
  }
}
