package dev.iotypes.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.IoTypes;
import dev.iotypes.Origin;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The libc ports ({@code guests/libc/src/{tac,sort,grep,wc}.c}, built in one clang step at -O2)
 * write what GNU {@code tac}, {@code LC_ALL=C sort}, {@code grep -F} and {@code wc} write, on the
 * same files.
 */
class LibcToolsTest {
  @TempDir Path dir;

  @Test
  void tacReversesLinesAsGnuTacDoes() throws Exception {
    for (Path input : LibcPrograms.inputs(dir)) {
      LibcPrograms.Result ours = LibcPrograms.run("tac", input, Map.of());
      LibcPrograms.Result gnu = LibcPrograms.gnu("tac", input);
      assertThat(ours.outputText()).as(input.toString()).isEqualTo(gnu.outputText());
      assertThat(ours.status()).as(input.toString()).isZero();
      assertThat(ours.diagnostics()).isEmpty();
    }
  }

  @Test
  void tacReadsAPipe() throws Exception {
    Path licence = LibcPrograms.inputs(dir).get(0);
    Process cat = new ProcessBuilder("/usr/bin/cat", licence.toString()).start();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int status =
        LibcPrograms.call("tac", new ByteArrayOutputStream())
            .bind("inputs", List.of(IoTypes.input(cat.getInputStream(), Origin.named("-"))))
            .bind("output", output)
            .call();
    cat.waitFor();
    assertThat(status).isZero();
    assertThat(output.toString(StandardCharsets.ISO_8859_1))
        .isEqualTo(LibcPrograms.gnu("tac", licence).outputText());
  }

  @Test
  void wcCountsAsGnuWcDoesWithEveryFlag() throws Exception {
    for (Path input : LibcPrograms.inputs(dir)) {
      for (int flags = 0; flags < 8; flags++) {
        Map<String, Object> values =
            Map.of("lines", (flags & 1) != 0, "words", (flags & 2) != 0, "bytes", (flags & 4) != 0);
        List<String> args = new ArrayList<>();
        if ((flags & 1) != 0) {
          args.add("-l");
        }
        if ((flags & 2) != 0) {
          args.add("-w");
        }
        if ((flags & 4) != 0) {
          args.add("-c");
        }
        LibcPrograms.Result ours = LibcPrograms.run("wc", input, values);
        // GNU wc, given the file by name from its directory, prints the name as ours renders
        // the pseudonym, the file's name.
        List<String> command = new ArrayList<>(List.of("/usr/bin/wc"));
        command.addAll(args);
        command.add(input.getFileName().toString());
        Process gnu = new ProcessBuilder(command).directory(input.getParent().toFile()).start();
        String expected =
            new String(gnu.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(gnu.waitFor()).isZero();
        String what = input.getFileName() + " " + args;
        assertThat(ours.outputText()).as(what).isEqualTo(expected);
        assertThat(ours.status()).as(what).isZero();
      }
    }
  }

  @Test
  void sortOrdersLinesAsGnuSortInTheCLocale() throws Exception {
    for (Path input : LibcPrograms.inputs(dir)) {
      LibcPrograms.Result ours = LibcPrograms.run("sort", input, Map.of());
      LibcPrograms.Result gnu = LibcPrograms.gnu("sort", input);
      assertThat(ours.outputText()).as(input.toString()).isEqualTo(gnu.outputText());
      assertThat(ours.status()).as(input.toString()).isZero();
    }
  }

  @Test
  void grepMatchesFixedStringsAsGnuGrepDoesWithEveryFlag() throws Exception {
    List<Path> inputs = LibcPrograms.inputs(dir);
    List<String> patterns = List.of("the", "The", "LICENSE", "a", "zzz-none", "", "ab");
    int compared = 0;
    for (Path input : inputs) {
      for (String pattern : patterns) {
        for (int flags = 0; flags < 8; flags++) {
          boolean ignoreCase = (flags & 1) != 0;
          boolean count = (flags & 2) != 0;
          boolean lineNumber = (flags & 4) != 0;
          Map<String, Object> values = new LinkedHashMap<>();
          values.put("ignore-case", ignoreCase);
          values.put("count", count);
          values.put("line-number", lineNumber);
          values.put("pattern", pattern);
          List<String> args = new ArrayList<>(List.of("-F"));
          if (ignoreCase) {
            args.add("-i");
          }
          if (count) {
            args.add("-c");
          }
          if (lineNumber) {
            args.add("-n");
          }
          args.addAll(List.of("-e", pattern));
          LibcPrograms.Result ours = LibcPrograms.run("grep", input, values);
          LibcPrograms.Result gnu = LibcPrograms.gnu("grep", input, args.toArray(String[]::new));
          String what = input.getFileName() + " " + args;
          assertThat(ours.outputText()).as(what).isEqualTo(gnu.outputText());
          assertThat(ours.status()).as(what).isEqualTo(gnu.status());
          compared++;
        }
      }
    }
    assertThat(compared).isEqualTo(inputs.size() * patterns.size() * 8);
  }

  @Test
  void grepSaysWhyAPatternOfSeveralLinesIsRefusedAndExitsTwo() throws Exception {
    Path input = Files.writeString(dir.resolve("notes.txt"), "a\n");
    LibcPrograms.Result ours =
        LibcPrograms.run(
            "grep",
            input,
            Map.of("ignore-case", false, "count", false, "line-number", false, "pattern", "a\nb"));
    assertThat(ours.status()).isEqualTo(2);
    assertThat(ours.diagnostics()).isEqualTo("grep: a pattern of several lines is not supported\n");
  }
}
