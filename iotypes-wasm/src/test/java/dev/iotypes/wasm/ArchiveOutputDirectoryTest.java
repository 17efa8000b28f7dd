package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An {@code output-directory} bound from Java to a {@code Path} named as an archive: written beside
 * it, ended after every handle, and put in place only when main succeeds.
 */
class ArchiveOutputDirectoryTest {
  @TempDir Path dir;

  /** Creates a/b.txt, drops the directory, then writes the file; traps after if {@code how}. */
  private static final String CREATE_DROP_WRITE =
      """
      (module
        (import "iotypes" "output-directory-create"
          (func $create (param i32 i32 i32) (result i32)))
        (import "iotypes" "output-directory-drop" (func $drop (param i32)))
        (import "iotypes" "output-write" (func $write (param i32 i32 i32) (result i32 i32)))
        (memory (export "memory") 1)
        (data (i32.const 16) "a/b.txt")
        (func (export "main") (param $dir i32) (param $how i32)
          (local $out i32)
          (local.set $out (call $create (local.get $dir) (i32.const 16) (i32.const 7)))
          (call $drop (local.get $dir))
          (drop (drop (call $write (local.get $out) (i32.const 16) (i32.const 7))))
          (if (local.get $how) (then unreachable))))
      """;

  private static Map<String, String> entries(Path archive) throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    InputStream file = Files.newInputStream(archive);
    try (ArchiveInputStream<?> in =
        archive.toString().endsWith(".zip")
            ? new ZipArchiveInputStream(file)
            : new TarArchiveInputStream(file)) {
      for (ArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
        entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return entries;
  }

  private Stream<String> listed() throws IOException {
    return Files.list(dir).map(p -> p.getFileName().toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"out.zip", "out.tar"})
  void aGuestThatDropsTheDirectoryAndWritesOnMakesACompleteArchive(String name) throws Exception {
    Guest guest = Wat.guest("main: func(dest: output-directory, how: u32)", CREATE_DROP_WRITE);
    Path archive = dir.resolve(name);

    assertThat(guest.main().bind("dest", archive).bind("how", 0L).call()).isZero();

    assertThat(entries(archive))
        .containsExactly(Map.entry("a/", ""), Map.entry("a/b.txt", "a/b.txt"));
    try (Stream<String> left = listed()) {
      assertThat(left).containsExactly(name);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"out.zip", "out.tar"})
  void aGuestThatTrapsLeavesTheArchiveAsItWasAndNothingBesideIt(String name) throws Exception {
    Guest guest = Wat.guest("main: func(dest: output-directory, how: u32)", CREATE_DROP_WRITE);
    Path archive = Files.writeString(dir.resolve(name), "before");

    assertThatThrownBy(() -> guest.main().bind("dest", archive).bind("how", 1L).call())
        .isInstanceOf(GuestTrap.class);

    assertThat(archive).hasContent("before");
    try (Stream<String> left = listed()) {
      assertThat(left).containsExactly(name);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"out.zip", "out.tar"})
  void withoutAtomicOutputsTheArchiveIsWrittenInPlace(String name) throws Exception {
    Guest guest =
        Guest.load(
            Wat.module("main: func(dest: output-directory, how: u32)", CREATE_DROP_WRITE),
            "test.wasm",
            GuestOptions.DEFAULTS.withAtomicOutputs(false));
    Path archive = dir.resolve(name);

    assertThatThrownBy(() -> guest.main().bind("dest", archive).bind("how", 1L).call())
        .isInstanceOf(GuestTrap.class);

    assertThat(entries(archive)).containsKey("a/b.txt");
  }
}
