package dev.iotypes.wasm.abi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.Advice;
import dev.iotypes.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The status and advice codes are the ones {@code docs/abi.md} writes in its table of codes. */
class CodesTest {
  private static final Path ABI = Path.of("..", "docs", "abi.md");
  private static final Path SOURCES =
      Path.of("src", "main", "java", "dev", "iotypes", "wasm", "abi");
  private static final Pattern ROW =
      Pattern.compile("^\\| `(status|advice)` \\| `([a-z-]+)` \\| (\\d+) \\|$", Pattern.MULTILINE);

  @Test
  void everyStatusHasTheCodeTheDocumentGivesIt() throws IOException {
    Map<String, Integer> documented = table("status");
    assertThat(documented).hasSize(Status.values().length);
    for (Status status : Status.values()) {
      assertThat(Codes.status(status)).as(status.name()).isEqualTo(documented.get(name(status)));
    }
  }

  @Test
  void everyAdviceHasTheCodeTheDocumentGivesIt() throws IOException {
    Map<String, Integer> documented = table("advice");
    assertThat(documented).hasSize(Advice.values().length);
    for (Advice advice : Advice.values()) {
      Integer code = documented.get(name(advice));
      assertThat(code).as(advice.name()).isNotNull();
      assertThat(Codes.advice(code)).isEqualTo(advice);
    }
  }

  @Test
  void aCodeTheDocumentDoesNotGiveIsNoAdvice() {
    assertThat(Codes.advice(-1)).isNull();
    assertThat(Codes.advice(Advice.values().length)).isNull();
    assertThat(Codes.advice(1L << 32)).isNull();
    assertThat(Codes.advice(Long.MIN_VALUE)).isNull();
  }

  @Test
  void noCodeOfTheAbiIsAnEnumsOrdinal() throws IOException {
    List<String> offenders;
    try (Stream<Path> files = Files.list(SOURCES)) {
      offenders =
          files
              .filter(f -> !f.getFileName().toString().equals("Codes.java"))
              .filter(f -> read(f).contains(".ordinal()") || read(f).contains(".values()"))
              .map(f -> f.getFileName().toString())
              .toList();
    }
    assertThat(offenders).isEmpty();
  }

  /** The rows of {@code kind} in the document's table of codes: WIT name to code. */
  private static Map<String, Integer> table(String kind) throws IOException {
    Map<String, Integer> codes = new LinkedHashMap<>();
    Matcher m = ROW.matcher(Files.readString(ABI));
    while (m.find()) {
      if (m.group(1).equals(kind)) {
        codes.put(m.group(2), Integer.parseInt(m.group(3)));
      }
    }
    return codes;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String name(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
