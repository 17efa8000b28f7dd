package dev.iotypes.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.wasm.Guest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every C program of {@code guests/wasi/src} is built, committed, and run by some test. */
class WasiCorpusTest {
  @Test
  void everyProgramIsCommittedAndKnownToTheTests() throws Exception {
    try (Stream<Path> sources = Files.list(WasiPrograms.DIR.resolve("src"))) {
      assertThat(sources.map(p -> p.getFileName().toString().replaceFirst("\\.c$", "")))
          .containsExactlyInAnyOrderElementsOf(WasiPrograms.ALL);
    }
    for (String name : WasiPrograms.ALL) {
      Guest guest = WasiPrograms.guest(name);
      assertThat(WasiCommand.isCommand(guest)).as(name).isTrue();
      assertThat(guest.imports()).as(name).allMatch(i -> i.startsWith("wasi_snapshot_preview1."));
    }
  }

  @Test
  void everyProgramIsRunByATest() throws Exception {
    StringBuilder tests = new StringBuilder();
    try (Stream<Path> files = Files.list(Path.of("src/test/java/dev/iotypes/wasi"))) {
      for (Path p : files.filter(p -> p.getFileName().toString().startsWith("Wasi")).toList()) {
        tests.append(Files.readString(p));
      }
    }
    for (String name : WasiPrograms.ALL) {
      assertThat(tests.toString())
          .as(name + " is run by a test")
          .containsPattern("WasiPrograms\\.(iotypes|node)\\(\\s*(\\S+,\\s*)*\"" + name + "\"");
    }
  }
}
