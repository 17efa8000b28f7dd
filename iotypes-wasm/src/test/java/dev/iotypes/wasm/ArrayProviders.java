package dev.iotypes.wasm;

import dev.iotypes.IoArray;
import dev.iotypes.IoTypes;
import dev.iotypes.Origin;
import dev.iotypes.testing.Fixture;

/**
 * A provider guest that keeps a growable array in its own memory, so that the array contract can
 * run against a provided array: every byte read or written crosses the provider's memory and
 * exports. Its typed main reads the initial content from an input; the bytes live from address
 * 65536 on, and the bytes past the length are kept zero, so that growing shows zeros.
 */
final class ArrayProviders {
  private ArrayProviders() {}

  static final String ARRAY =
      """
      (module
        (import "iotypes" "input-read" (func $read (param i32 i32 i32) (result i32 i32)))
        (memory (export "memory") 2)
        (global $len (mut i64) (i64.const 0))
        (global $base i64 (i64.const 65536))
        ;; makes the memory hold [base, base + end); false if it cannot
        (func $reach (param $end i64) (result i32)
          (local $need i64)
          (if (i64.gt_u (local.get $end) (i64.const 0x7fff0000)) (then (return (i32.const 0))))
          (local.set $need (i64.sub
            (i64.shr_u (i64.add (i64.add (global.get $base) (local.get $end)) (i64.const 65535)) (i64.const 16))
            (i64.extend_i32_u (memory.size))))
          (if (i64.gt_s (local.get $need) (i64.const 0))
            (then (return (i32.ne (memory.grow (i32.wrap_i64 (local.get $need))) (i32.const -1)))))
          (i32.const 1))
        (func (export "init") (param $src i32)
          (local $n i32) (local $st i32)
          (loop $more
            (drop (call $reach (i64.add (global.get $len) (i64.const 65536))))
            (call $read (local.get $src) (i32.wrap_i64 (i64.add (global.get $base) (global.get $len))) (i32.const 65536))
            (local.set $st)
            (local.set $n)
            (global.set $len (i64.add (global.get $len) (i64.extend_i32_u (local.get $n))))
            (br_if $more (i32.eqz (local.get $st))))
          ;; what the last read left past the length is zero already: reads never write past count
          )
        (func (export "array-len") (result i64 i32) (global.get $len) (i32.const 0))
        (func (export "array-read-at") (param $len i32) (param $offset i64) (result i32 i32 i32)
          (local $n i64)
          (if (i64.ge_u (local.get $offset) (global.get $len))
            (then (return (i32.const 0) (i32.const 0) (i32.const 1))))
          (local.set $n (i64.sub (global.get $len) (local.get $offset)))
          (if (i64.gt_u (local.get $n) (i64.extend_i32_u (local.get $len)))
            (then (local.set $n (i64.extend_i32_u (local.get $len)))))
          (i32.wrap_i64 (i64.add (global.get $base) (local.get $offset)))
          (i32.wrap_i64 (local.get $n))
          (select (i32.const 0) (i32.const 1)
            (i64.lt_u (i64.add (local.get $offset) (local.get $n)) (global.get $len))))
        (func (export "array-buffer") (param $len i32) (result i32 i32)
          (i32.const 0) (i32.const 65536))
        (func (export "array-write-at") (param $len i32) (param $offset i64) (result i32 i32)
          (local $end i64)
          (local.set $end (i64.add (local.get $offset) (i64.extend_i32_u (local.get $len))))
          (if (i32.eqz (call $reach (local.get $end)))
            (then (return (i32.const 0) (i32.const 2))))
          (memory.copy (i32.wrap_i64 (i64.add (global.get $base) (local.get $offset))) (i32.const 0) (local.get $len))
          (if (i64.gt_u (local.get $end) (global.get $len)) (then (global.set $len (local.get $end))))
          (local.get $len) (i32.const 0))
        (func (export "array-set-len") (param $new i64) (result i32)
          (if (i32.eqz (call $reach (local.get $new))) (then (return (i32.const 2))))
          (if (i64.lt_u (local.get $new) (global.get $len))
            (then (memory.fill (i32.wrap_i64 (i64.add (global.get $base) (local.get $new))) (i32.const 0)
              (i32.wrap_i64 (i64.sub (global.get $len) (local.get $new))))))
          (global.set $len (local.get $new))
          (i32.const 0))
        (func (export "array-flush") (result i32) (i32.const 0)))
      """;

  private static Guest arrayGuest;

  /** A provided, writable array holding exactly {@code content}. */
  static IoArray array(byte[] content, Fixture fixture) throws Exception {
    if (arrayGuest == null) {
      arrayGuest = Wat.guest("init: func(src: input-stream)", ARRAY);
    }
    Provider provider =
        fixture.register(arrayGuest.main().bind("src", IoTypes.input(content)).start());
    return provider.array(Origin.named("provided.bin"));
  }
}
