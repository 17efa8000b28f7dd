package dev.iotypes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.cli.MainTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From the command line, a guest declares the media type of an output that has none of its own
 * ({@code -}, a file without an extension) and reads it back: the host kept it.
 */
class DeclaredMediaTypeTest {
  @TempDir Path dir;

  @Test
  void standardOutputCarriesTheTypeTheGuestDeclared() {
    Result result = MainTest.run("run", MainTest.guest("media-types"), "data:,", "-");
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.outText()).isEqualTo("a,b\ntext/csv; charset=utf-8");
  }

  @Test
  void aFileWithoutAnExtensionCarriesItToo() throws IOException {
    Path out = dir.resolve("report");
    Result result = MainTest.run("run", MainTest.guest("media-types"), "data:,", out.toString());
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(Files.readString(out)).isEqualTo("a,b\ntext/csv; charset=utf-8");
  }
}
