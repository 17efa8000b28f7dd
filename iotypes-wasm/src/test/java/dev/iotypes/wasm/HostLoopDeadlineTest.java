package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A host call that moves bytes for the guest never outlasts the run's timeout: data that is always
 * there (a pipe fed by its own reader, an endless host input, zeros) would otherwise keep the host
 * copying forever, with the embedder's thread lost and a core pinned.
 */
class HostLoopDeadlineTest {
  private static final String MAIN = "main: func(input: input-stream, output: output-stream)";

  private static final String IMPORTS =
      """
      (import "iotypes" "pipe" (func $pipe (result i32 i32)))
      (import "iotypes" "output-write" (func $write (param i32 i32 i32) (result i32 i32)))
      (import "iotypes" "input-forward" (func $forward (param i32 i32 i64) (result i64 i32)))
      (import "iotypes" "input-skip" (func $skip (param i32 i64) (result i64 i32)))
      (import "iotypes" "output-write-zeros" (func $zeros (param i32 i64) (result i64 i32)))
      (memory 1) (data (i32.const 0) "abc")
      """;

  /** An input that never ends and never blocks. */
  private static final class Endless extends InputStream {
    @Override
    public int read() {
      return 0;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      Arrays.fill(b, off, off + len, (byte) 0);
      return len;
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a pipe forwarded into itself"
            + " | (call $pipe) (local.set $w) (local.set $r)"
            + " (drop (drop (call $write (local.get $w) (i32.const 0) (i32.const 3))))"
            + " (drop (drop (call $forward (local.get $r) (local.get $w) (i64.const -1))))",
        "an endless host input forwarded"
            + " | (drop (drop (call $forward (local.get $in) (local.get $out) (i64.const -1))))",
        "an endless host input skipped"
            + " | (drop (drop (call $skip (local.get $in) (i64.const 0x7fffffffffffffff))))",
        "zeros written to a host output"
            + " | (drop (drop (call $zeros (local.get $out) (i64.const 0x7fffffffffffffff))))",
      })
  void aHostCallThatWouldCopyForeverEndsAtTheTimeout(String what, String body) throws Exception {
    String wat =
        "(module "
            + IMPORTS
            + "(func (export \"main\") (param $in i32) (param $out i32)"
            + " (local $r i32) (local $w i32) "
            + body.replace("(i64.const -1)", "(i64.const 0x7fffffffffffffff)")
            + "))";
    Guest guest =
        Guest.load(
            Wat.module(MAIN, wat),
            "copier.wasm",
            GuestOptions.DEFAULTS.withTimeout(Duration.ofMillis(300)));
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            assertThatThrownBy(
                    () ->
                        guest
                            .main()
                            .bind(0, new Endless())
                            .bind(1, OutputStream.nullOutputStream())
                            .call())
                .isInstanceOf(LimitExceeded.class)
                .hasMessageStartingWith("copier.wasm: time limit of 300ms reached")
                .extracting(e -> ((LimitExceeded) e).limit())
                .isEqualTo(LimitExceeded.Limit.TIME));
    assertThat(Thread.interrupted()).isFalse();
  }
}
