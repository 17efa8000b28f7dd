package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What ships holds no hooks for tests, and recognises exceptions by type, not by name. */
class SeamsTest {
  private static final Pattern NAME_COMPARED =
      Pattern.compile("getClass\\(\\)\\s*\\.\\s*get(Simple|Canonical)?Name\\(\\)\\s*\\.\\s*equals");

  @Test
  void mainCallShipsNoChicoryType() {
    List<String> signatures = new ArrayList<>();
    for (Method m : MainCall.class.getDeclaredMethods()) {
      signatures.add(m.toGenericString());
    }
    for (Executable c : MainCall.class.getDeclaredConstructors()) {
      signatures.add(c.toGenericString());
    }
    for (Field f : MainCall.class.getDeclaredFields()) {
      signatures.add(f.toGenericString());
    }
    assertThat(signatures).noneMatch(s -> s.contains("com.dylibso."));
  }

  @Test
  void noExceptionIsRecognisedByTheSpellingOfItsClassName() throws IOException {
    List<String> offenders;
    try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
      offenders =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(f -> NAME_COMPARED.matcher(read(f)).find())
              .map(Path::toString)
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
