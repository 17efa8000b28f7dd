package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.IoTypes;
import dev.iotypes.Origin;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A pseudonym's or error's text reaches the outputs the host handed in, never guest memory. */
class OpacityTest {
  private static final String SECRET = "/home/alice/secret-plans.txt";

  /**
   * The guest renders its input's pseudonym into the output it was handed and into a pipe it made
   * itself, then reads the pipe back into its memory at 1024, and writes its whole memory to a
   * third output for the test to look at.
   */
  private static final String GUEST =
      """
      (module
        (import "iotypes" "input-pseudonym" (func $name (param i32) (result i32)))
        (import "iotypes" "output-write-pseudonym" (func $write_name (param i32 i32) (result i32 i32)))
        (import "iotypes" "pipe" (func $pipe (result i32 i32)))
        (import "iotypes" "input-read" (func $read (param i32 i32 i32) (result i32 i32)))
        (import "iotypes" "output-drop" (func $output_drop (param i32)))
        (import "iotypes" "output-write" (func $write (param i32 i32 i32) (result i32 i32)))
        (memory (export "memory") 1)
        (func (export "main") (param $in i32) (param $out i32) (param $dump i32)
          (local $p i32) (local $pin i32) (local $pout i32)
          (local.set $p (call $name (local.get $in)))
          (drop (drop (call $write_name (local.get $out) (local.get $p))))
          (call $pipe) (local.set $pout) (local.set $pin)
          (drop (drop (call $write_name (local.get $pout) (local.get $p))))
          (call $output_drop (local.get $pout))
          (drop (drop (call $read (local.get $pin) (i32.const 1024) (i32.const 4096))))
          (drop (drop (call $write (local.get $dump) (i32.const 0) (i32.const 65536))))))
      """;

  @Test
  void pseudonymTextReachesHostOutputsButNeverGuestMemory() throws Exception {
    Guest guest =
        Wat.guest(
            "main: func(input: input-stream, output: output-stream, dump: output-stream)", GUEST);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream memory = new ByteArrayOutputStream();
    guest
        .main()
        .bind(0, IoTypes.input(new java.io.ByteArrayInputStream(new byte[0]), Origin.named(SECRET)))
        .bind(1, out)
        .bind(2, memory)
        .call();

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(SECRET);
    assertThat(memory.size()).isEqualTo(65536);
    String seen = memory.toString(StandardCharsets.ISO_8859_1);
    assertThat(seen).doesNotContain("secret").contains("<pseudonym>");
  }

  /**
   * The guest renders its input's pseudonym into the output it was handed and into a pipe it made,
   * keeps both counts at 0 and 4 of its memory, and writes its memory to a second output.
   */
  private static final String COUNTING_GUEST =
      """
      (module
        (import "iotypes" "input-pseudonym" (func $name (param i32) (result i32)))
        (import "iotypes" "output-write-pseudonym" (func $write_name (param i32 i32) (result i32 i32)))
        (import "iotypes" "pipe" (func $pipe (result i32 i32)))
        (import "iotypes" "output-write" (func $write (param i32 i32 i32) (result i32 i32)))
        (memory (export "memory") 1)
        (func (export "main") (param $in i32) (param $out i32) (param $dump i32)
          (local $p i32) (local $pout i32)
          (local.set $p (call $name (local.get $in)))
          (call $write_name (local.get $out) (local.get $p))
          (drop)
          (local.set $pout)
          (i32.store (i32.const 0) (local.get $pout))
          (call $pipe) (local.set $pout) (drop)
          (call $write_name (local.get $pout) (local.get $p))
          (drop)
          (local.set $pout)
          (i32.store (i32.const 4) (local.get $pout))
          (drop (drop (call $write (local.get $dump) (i32.const 0) (i32.const 8))))))
      """;

  @Test
  void renderingAPseudonymTellsTheGuestNothingOfItsLength() throws Exception {
    Guest guest =
        Wat.guest(
            "main: func(input: input-stream, output: output-stream, dump: output-stream)",
            COUNTING_GUEST);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream counts = new ByteArrayOutputStream();
    guest
        .main()
        .bind(0, IoTypes.input(new java.io.ByteArrayInputStream(new byte[0]), Origin.named(SECRET)))
        .bind(1, out)
        .bind(2, counts)
        .call();

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(SECRET);
    assertThat(counts.toByteArray()).containsExactly(0, 0, 0, 0, 0, 0, 0, 0);
  }
}
