package dev.iotypes.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.wasm.Guest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every typed main of {@code guests/libc/src} is built, committed, links with libc's imports and is
 * run by some test.
 */
class LibcCorpusTest {
  @Test
  void everyProgramIsCommittedAndKnownToTheTests() throws Exception {
    try (Stream<Path> sources = Files.list(LibcPrograms.DIR.resolve("src"))) {
      assertThat(sources.map(p -> p.getFileName().toString().replaceFirst("\\.c$", "")))
          .containsExactlyInAnyOrderElementsOf(LibcPrograms.ALL);
    }
    for (String name : LibcPrograms.ALL) {
      Guest guest = LibcPrograms.guest(name);
      assertThat(guest.typedMain()).as(name).isPresent();
      assertThat(WasiCommand.isCommand(guest)).as(name + " is a reactor").isFalse();
      assertThat(guest.exportsFunction("_initialize")).as(name).isTrue();
      assertThat(guest.imports())
          .as(name)
          .allMatch(i -> i.startsWith("iotypes.") || i.startsWith("wasi_snapshot_preview1."));
    }
  }

  @Test
  void everyProgramIsRunByATest() throws Exception {
    StringBuilder tests = new StringBuilder();
    try (Stream<Path> files = Files.list(Path.of("src/test/java/dev/iotypes/wasi"))) {
      for (Path p : files.filter(p -> p.getFileName().toString().startsWith("Libc")).toList()) {
        tests.append(Files.readString(p));
      }
    }
    for (String name : LibcPrograms.ALL) {
      assertThat(tests.toString())
          .as(name + " is run by a test")
          .containsPattern("LibcPrograms\\.(run|call)\\(\\s*\"" + name + "\"");
    }
  }
}
