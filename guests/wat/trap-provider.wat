;; trap-provider.wat — an input provider that passes its input through and traps (unreachable)
;; when asked for more once it has provided `after` bytes: a provider that breaks mid-stream, for
;; the composition tests. The consumer must see a failed input, never a trap of its own.
(module
  (import "iotypes" "input-read" (func $read (param i32 i32 i32) (result i32 i32)))
  (memory (export "memory") 2)
  (global $src (mut i32) (i32.const 0))
  (global $left (mut i64) (i64.const 0))

  (@custom "iotypes-main" "/// Provide INPUT's first AFTER bytes, then trap.\nmain: func(\n  /// bytes to provide before the trap\n  after: u64,\n  input: input-stream\n) -> result\n")

  (func $main (export "main") (param $after i64) (param $src i32) (result i32)
    (global.set $left (local.get $after))
    (global.set $src (local.get $src))
    (i32.const 0))

  (func $input-read (export "input-read") (param $len i32) (result i32 i32 i32)
    (local $n i32) (local $st i32)
    (if (i64.eqz (global.get $left)) (then unreachable))
    (if (i32.gt_u (local.get $len) (i32.const 65536)) (then (local.set $len (i32.const 65536))))
    (if (i64.lt_u (global.get $left) (i64.extend_i32_u (local.get $len)))
      (then (local.set $len (i32.wrap_i64 (global.get $left)))))
    (call $read (global.get $src) (i32.const 1024) (local.get $len))
    (local.set $st)
    (local.set $n)
    (global.set $left (i64.sub (global.get $left) (i64.extend_i32_u (local.get $n))))
    (i32.const 1024) (local.get $n) (local.get $st)))
