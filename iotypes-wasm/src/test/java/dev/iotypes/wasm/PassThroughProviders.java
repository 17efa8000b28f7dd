package dev.iotypes.wasm;

import dev.iotypes.Input;
import dev.iotypes.IoTypes;
import dev.iotypes.Origin;
import dev.iotypes.Output;
import dev.iotypes.testing.Fixture;
import dev.iotypes.testing.Sink;
import java.io.ByteArrayOutputStream;

/**
 * Provider guests that pass bytes through unchanged, so that the contract suites can compare what a
 * provided stream moved with what it was given: every byte crosses the provider's memory and
 * exports.
 */
final class PassThroughProviders {
  private PassThroughProviders() {}

  /** Serves the host input it was started with through {@code input-read}, up to 64 KiB a call. */
  private static final String INPUT =
      """
      (module
        (import "iotypes" "input-read" (func $read (param i32 i32 i32) (result i32 i32)))
        (memory (export "memory") 2)
        (global $src (mut i32) (i32.const 0))
        (func (export "init") (param i32) (global.set $src (local.get 0)))
        (func (export "input-read") (param $len i32) (result i32 i32 i32)
          (local $n i32) (local $st i32)
          (call $read (global.get $src) (i32.const 1024)
            (select (local.get $len) (i32.const 65536) (i32.lt_u (local.get $len) (i32.const 65536))))
          (local.set $st)
          (local.set $n)
          (i32.const 1024) (local.get $n) (local.get $st)))
      """;

  /** Writes what it is given to the host output it was started with, 4 KiB of room a call. */
  private static final String OUTPUT =
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
          (call $write (global.get $sink) (i32.const 1024) (local.get $len)))
        (func (export "output-flush") (result i32) (call $flush (global.get $sink))))
      """;

  private static Guest inputGuest;
  private static Guest outputGuest;

  /** A provided input yielding exactly {@code content}. */
  static Input input(byte[] content, Fixture fixture) throws Exception {
    if (inputGuest == null) {
      inputGuest = Wat.guest("init: func(src: input-stream)", INPUT);
    }
    Provider provider =
        fixture.register(inputGuest.main().bind("src", IoTypes.input(content)).start());
    return provider.input(Origin.named("provided.bin"));
  }

  /** A provided output and what reached the provider's own sink. */
  static Sink output(Fixture fixture) throws Exception {
    if (outputGuest == null) {
      outputGuest = Wat.guest("init: func(sink: output-stream)", OUTPUT);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Provider provider = fixture.register(outputGuest.main().bind("sink", bytes).start());
    Output output = provider.output(Origin.named("provided.bin"));
    return Sink.of(output, bytes::toByteArray);
  }
}
