package dev.iotypes.wasm;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An output bound from a path replaces its file only when main succeeds (the Java API). */
class AtomicOutputsTest {
  private static final String GUEST =
      """
      (module
        (import "iotypes" "output-write" (func $write (param i32 i32 i32) (result i32 i32)))
        (memory 1)
        (data (i32.const 0) "new bytes\\n")
        (func (export "main") (param $out i32) (param $how i32) (result i32)
          (drop (drop (call $write (local.get $out) (i32.const 0) (i32.const 10))))
          (if (i32.eq (local.get $how) (i32.const 2)) (then unreachable))
          (local.get $how)))
      """;

  private static final String MAIN = "main: func(output: output-stream, how: u32) -> result";
  private static final byte[] OLD = {'o', 'l', 'd', 0, (byte) 0xff};

  @TempDir Path dir;

  @Test
  void okReplacesTheFile() throws Exception {
    Path out = Files.write(dir.resolve("out.txt"), OLD);
    assertThat(Wat.guest(MAIN, GUEST).main().bind(0, out).bind(1, 0L).call()).isZero();
    assertThat(Files.readString(out)).isEqualTo("new bytes\n");
    assertThat(names()).containsExactly("out.txt");
  }

  @Test
  void errLeavesTheOldFileByteIdentical() throws Exception {
    Path out = Files.write(dir.resolve("out.txt"), OLD);
    assertThat(Wat.guest(MAIN, GUEST).main().bind(0, out).bind(1, 1L).call()).isEqualTo(1);
    assertThat(Files.readAllBytes(out)).isEqualTo(OLD);
    assertThat(names()).containsExactly("out.txt");
  }

  @Test
  void aTrapAfterWritingLeavesTheOldFileByteIdentical() throws Exception {
    Path out = Files.write(dir.resolve("out.txt"), OLD);
    Guest guest = Wat.guest(MAIN, GUEST);
    assertThatThrownBy(() -> guest.main().bind(0, out).bind(1, 2L).call())
        .isInstanceOf(GuestTrap.class);
    assertThat(Files.readAllBytes(out)).isEqualTo(OLD);
    assertThat(names()).containsExactly("out.txt");
  }

  @Test
  void aNewFileAppearsOnlyOnOk() throws Exception {
    Path out = dir.resolve("new.txt");
    Guest guest = Wat.guest(MAIN, GUEST);
    guest.main().bind(0, out).bind(1, 1L).call();
    assertThat(out).doesNotExist();
    guest.main().bind(0, out).bind(1, 0L).call();
    assertThat(Files.readString(out)).isEqualTo("new bytes\n");
  }

  @Test
  void withoutAtomicOutputsWhatWasWrittenBeforeATrapIsInTheFile() throws Exception {
    Path out = Files.write(dir.resolve("out.txt"), OLD);
    Guest guest =
        Guest.load(
            Wat.module(MAIN, GUEST), "w.wasm", GuestOptions.DEFAULTS.withAtomicOutputs(false));
    assertThatThrownBy(() -> guest.main().bind(0, out).bind(1, 2L).call())
        .isInstanceOf(GuestTrap.class);
    assertThat(Files.readString(out, UTF_8)).isEqualTo("new bytes\n");
  }

  private List<String> names() throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).toList();
    }
  }
}
