package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.Failure;
import dev.iotypes.Input;
import dev.iotypes.IoTypes;
import dev.iotypes.Origin;
import dev.iotypes.Outcome;
import dev.iotypes.Output;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Virtualization: one guest implements an output or an input that another guest (or Java code)
 * consumes, the two sharing nothing but calls.
 */
class ProviderTest {
  /** An output that upper-cases what it is given and writes it to its own sink. */
  private static final String UPPER_OUTPUT =
      """
      (module
        (import "iotypes" "output-write" (func $write (param i32 i32 i32) (result i32 i32)))
        (import "iotypes" "output-flush" (func $flush (param i32) (result i32)))
        (memory (export "memory") 1)
        (global $sink (mut i32) (i32.const 0))
        (func (export "init") (param i32) (global.set $sink (local.get 0)))
        (func (export "output-buffer") (param $len i32) (result i32 i32)
          (i32.const 1024) (i32.const 4096))
        (func (export "output-write") (param $len i32) (result i32 i32)
          (local $i i32) (local $c i32)
          (block $done (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
            (local.set $c (i32.load8_u (i32.add (i32.const 1024) (local.get $i))))
            (if (i32.and (i32.ge_u (local.get $c) (i32.const 97)) (i32.le_u (local.get $c) (i32.const 122)))
              (then (i32.store8 (i32.add (i32.const 1024) (local.get $i)) (i32.sub (local.get $c) (i32.const 32)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
          (call $write (global.get $sink) (i32.const 1024) (local.get $len)))
        (func (export "output-flush") (result i32) (call $flush (global.get $sink))))
      """;

  /** An input of {@code count} bytes 'x', served 7 at a time. */
  private static final String XS_INPUT =
      """
      (module
        (memory (export "memory") 1)
        (data (i32.const 64) "xxxxxxx")
        (global $left (mut i32) (i32.const 0))
        (func (export "init") (param i32) (global.set $left (local.get 0)))
        (func (export "input-read") (param $len i32) (result i32 i32 i32)
          (local $n i32)
          (local.set $n (select (local.get $len) (i32.const 7) (i32.lt_u (local.get $len) (i32.const 7))))
          (local.set $n (select (local.get $n) (global.get $left) (i32.lt_u (local.get $n) (global.get $left))))
          (global.set $left (i32.sub (global.get $left) (local.get $n)))
          (i32.const 64) (local.get $n) (select (i32.const 1) (i32.const 0) (i32.eqz (global.get $left)))))
      """;

  @Test
  void oneGuestsOutputIsAnotherGuestsOutputStream() throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    Guest upper = Wat.guest("init: func(sink: output-stream)", UPPER_OUTPUT);
    try (Provider provider = upper.main().bind("sink", sink).start();
        Output shouting = provider.output(Origin.named("upper"))) {
      Guest hello = Guest.load(GuestToolsTest.GUESTS.resolve("hello.wasm"));
      assertThat(hello.main().bind(0, shouting).call()).isZero();
    }
    assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("HELLO, WORLD\n");
  }

  @Test
  void oneGuestsInputIsAnotherGuestsInputStream() throws Exception {
    Guest xs = Wat.guest("init: func(count: u32)", XS_INPUT);
    try (Provider provider = xs.main().bind("count", 100_000L).start()) {
      Input input = provider.input(Origin.named("xs"));
      Guest wc = Guest.load(GuestToolsTest.GUESTS.resolve("wc.wasm"));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThat(wc.main().bind("inputs", List.of(input)).bind("output", out).call()).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("     0      1 100000 xs\n");
    }
  }

  @Test
  void aProviderThatBreaksTheProtocolFailsTheStreamForGood() throws Exception {
    String liar =
        """
        (module
          (memory 1)
          (func (export "init"))
          (func (export "output-buffer") (param i32) (result i32 i32) (i32.const 65530) (i32.const 100))
          (func (export "output-write") (param i32) (result i32 i32) (local.get 0) (i32.const 0))
          (func (export "output-flush") (result i32) (i32.const 0)))
        """;
    try (Provider provider = Wat.guest("init: func()", liar).main().start()) {
      Output output = provider.output(Origin.NONE);
      Outcome written = output.write(ByteBuffer.wrap(new byte[10]));
      assertThat(written.isFailed()).isTrue();
      assertThat(written.failure()).isNotEqualTo(Failure.NONE);
      assertThat(output.write(ByteBuffer.wrap(new byte[1]))).isEqualTo(written.withCount(0));
    }
  }

  @Test
  void javaCodeConsumesAProvidedInputLikeAnyOther() throws Exception {
    Guest xs = Wat.guest("init: func(count: u32)", XS_INPUT);
    try (Provider provider = xs.main().bind("count", 20L).start()) {
      Input input = provider.input(Origin.NONE);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Outcome forwarded = input.forward(IoTypes.output(out), Long.MAX_VALUE);
      assertThat(forwarded.count()).isEqualTo(20);
      assertThat(forwarded.isEnded()).isTrue();
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("x".repeat(20));
    }
  }

  @Test
  void aProvidedOutputThatTakesFiftyBytesAndFailsReportsFiftyTaken() throws Exception {
    String takesFifty =
        """
        (module
          (memory 1)
          (func (export "init"))
          (func (export "output-buffer") (param i32) (result i32 i32) (i32.const 1024) (i32.const 4096))
          (func (export "output-write") (param $len i32) (result i32 i32)
            (select (local.get $len) (i32.const 50) (i32.lt_u (local.get $len) (i32.const 50)))
            (i32.const 2))
          (func (export "output-flush") (result i32) (i32.const 0)))
        """;
    try (Provider provider = Wat.guest("init: func()", takesFifty).main().start()) {
      Output output = provider.output(Origin.NONE);
      ByteBuffer hundred = ByteBuffer.wrap(new byte[100]);
      Outcome written = output.write(hundred);
      assertThat(written.isFailed()).isTrue();
      assertThat(written.count()).isEqualTo(50);
      assertThat(hundred.position()).isEqualTo(50);
      assertThat(output.write(ByteBuffer.wrap(new byte[1]))).isEqualTo(written.withCount(0));
    }
  }

  @Test
  void aProvidedInputThatDeliversFiftyBytesAndFailsReportsFiftyRead() throws Exception {
    String deliversFifty =
        """
        (module
          (memory 1)
          (data (i32.const 64) "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy")
          (func (export "init"))
          (func (export "input-read") (param i32) (result i32 i32 i32)
            (i32.const 64) (i32.const 50) (i32.const 2)))
        """;
    try (Provider provider = Wat.guest("init: func()", deliversFifty).main().start()) {
      Input input = provider.input(Origin.NONE);
      ByteBuffer buffer = ByteBuffer.allocate(100);
      Outcome read = input.read(buffer);
      assertThat(read.isFailed()).isTrue();
      assertThat(read.count()).isEqualTo(50);
      assertThat(buffer.flip())
          .isEqualTo(ByteBuffer.wrap("y".repeat(50).getBytes(StandardCharsets.UTF_8)));
      assertThat(input.read(ByteBuffer.allocate(1))).isEqualTo(read.withCount(0));
    }
  }
}
