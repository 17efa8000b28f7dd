package dev.iotypes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The modules point one way (cli → component → wasi → wasm → engine, core; the engine knows no I/O
 * type), and the public API of {@code dev.iotypes.wasm} names no Chicory type: read from the
 * sources of every module, which only this module sees all of.
 */
class LayeringTest {
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?([\\w.]+)", Pattern.MULTILINE);

  @ParameterizedTest(name = "{0} never imports {1}")
  @CsvSource({
    "iotypes-core, dev.iotypes.(wasm|wasi|cli|engine|testing)\\b|com.dylibso",
    "iotypes-engine, dev.iotypes.(wasm|wasi|cli|testing)\\b|dev.iotypes.[A-Z]",
    "iotypes-wasm, dev.iotypes.(wasi|component|cli|testing)\\b",
    "iotypes-wasi, dev.iotypes.(component|cli|testing)\\b",
    "iotypes-component, dev.iotypes.(cli|testing)\\b",
    "iotypes-testing, dev.iotypes.(wasm|wasi|cli|engine)\\b|com.dylibso",
  })
  void aLayerNeverImportsTheOnesAboveIt(String module, String forbidden) {
    Pattern bad = Pattern.compile(forbidden);
    List<String> offenders =
        imports(Path.of("..", module, "src", "main", "java")).stream()
            .filter(i -> bad.matcher(i).lookingAt())
            .toList();
    assertThat(offenders).as(module).isEmpty();
  }

  @ParameterizedTest(name = "the public {0} names no Chicory type")
  @CsvSource({
    "Guest",
    "GuestOptions",
    "MainCall",
    "Provider",
    "TypedMain",
    "GuestException",
    "HostImports"
  })
  void thePublicApiNamesNoChicoryType(String type) throws Exception {
    Class<?> c = Class.forName("dev.iotypes.wasm." + type);
    for (var m : c.getMethods()) {
      if (m.getDeclaringClass() != c) {
        continue;
      }
      assertThat(m.getReturnType().getName()).as(m.toString()).doesNotStartWith("com.dylibso");
      for (Class<?> p : m.getParameterTypes()) {
        assertThat(p.getName()).as(m.toString()).doesNotStartWith("com.dylibso");
      }
    }
  }

  private static List<String> imports(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(f -> f.toString().endsWith(".java"))
          .flatMap(
              f -> {
                Matcher m = IMPORT.matcher(read(f));
                Stream.Builder<String> found = Stream.builder();
                while (m.find()) {
                  found.add(m.group(1));
                }
                return found.build();
              })
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
