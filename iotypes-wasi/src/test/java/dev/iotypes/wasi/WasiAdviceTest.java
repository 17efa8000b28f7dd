package dev.iotypes.wasi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.Advice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code fd_advise}'s codes are preview1's ({@code advice} in the witx), not the core's order. */
class WasiAdviceTest {
  private static final Map<Integer, Advice> PREVIEW1 =
      Map.of(
          0, Advice.NORMAL,
          1, Advice.SEQUENTIAL,
          2, Advice.RANDOM,
          3, Advice.WILL_NEED,
          4, Advice.DONT_NEED,
          5, Advice.NO_REUSE);

  @Test
  void everyPreview1AdviceMapsToItsCoreAdvice() {
    PREVIEW1.forEach((code, advice) -> assertThat(WasiAdvice.of(code)).isEqualTo(advice));
  }

  @Test
  void anyOtherCodeIsEinval() {
    for (long code : new long[] {-1, 6, 1L << 32, Long.MIN_VALUE}) {
      assertThatThrownBy(() -> WasiAdvice.of(code))
          .isInstanceOfSatisfying(
              Errno.Raised.class, e -> assertThat(e.errno).isEqualTo(Errno.INVAL));
    }
  }

  @Test
  void noPreview1CodeIsACoreEnumsOrdinal() throws IOException {
    List<String> offenders;
    try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/iotypes/wasi"))) {
      offenders =
          files
              .filter(Files::isRegularFile)
              .filter(
                  f -> read(f).matches("(?s).*(\\.ordinal\\(\\)|(Advice|Status)\\.values\\(\\)).*"))
              .map(f -> f.getFileName().toString())
              .toList();
    }
    assertThat(offenders).isEmpty();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
