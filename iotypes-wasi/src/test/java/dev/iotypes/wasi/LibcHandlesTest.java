package dev.iotypes.wasi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.IoTypes;
import dev.iotypes.Origin;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * From Java, libc runs on the handles a typed main was handed: {@code find.c} walks a map bound as
 * its input directory with {@code opendir}/{@code fopen}, and {@code stamp.c} tells the time of the
 * clock bound to its parameter and draws {@code getentropy} from its random.
 */
class LibcHandlesTest {
  @Test
  void libcOpensTheEntriesOfAMapBoundAsTheInputDirectory() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("b/c.txt", "see\n".getBytes(UTF_8));
    files.put("a.txt", new byte[0]);
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    int status =
        LibcPrograms.call("find", diagnostics)
            .bind("tree", IoTypes.inputDirectory(files, Origin.named("map")))
            .bind("output", output)
            .call();

    assertThat(status).as(diagnostics.toString(UTF_8)).isZero();
    assertThat(output.toString(UTF_8))
        .startsWith("a.txt 0 811c9dc5\nb/\nb/c.txt 4 ")
        .contains("outside tree/..: refused\n", "outside /etc/passwd: refused\n");
  }

  @Test
  void libcTellsTheTimeOfTheClockBoundToTheParameter() throws Exception {
    String first = stamp(42);
    String again = stamp(42);
    String other = stamp(43);

    assertThat(again).isEqualTo(first);
    assertThat(first)
        .startsWith("realtime 946684799.000000000\n")
        .contains("after nanosleep 1.5s 946684800.500000000\n");
    assertThat(other).isNotEqualTo(first);
    assertThat(line(other, "realtime")).isEqualTo(line(first, "realtime"));
  }

  private static String stamp(long seed) throws Exception {
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int status =
        LibcPrograms.call("stamp", diagnostics)
            .bind("clock", IoTypes.fixedClock(Instant.parse("1999-12-31T23:59:59Z")))
            .bind("random", IoTypes.seededRandom(seed))
            .bind("output", output)
            .call();
    assertThat(status).as(diagnostics.toString(UTF_8)).isZero();
    return output.toString(UTF_8);
  }

  private static String line(String text, String what) {
    return text.lines().filter(l -> l.startsWith(what + " ")).findFirst().orElseThrow();
  }
}
