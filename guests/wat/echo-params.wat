;; echo-params.wat — a typed main that takes every kind of parameter and writes back what the host
;; passed it, so that tests see the core lowering itself (docs/abi.md, "Typed main").
;;
;; Writes one line per core parameter, in order, each the value as an unsigned decimal of its 64
;; bits (an i32 zero-extended, an f64 as its bit pattern), except the output handle; then the
;; bytes of `label` and a '\n' if it is present; then the bytes of each input of `inputs`, each
;; followed by '\n'. Returns ok.
;;
;;   flag  tiny  small  word  half  count  delta  big  offset  ratio  mode
;;   label-present  label  limit-present  limit  inputs-first  inputs-count
(module
  (import "iotypes" "output-write" (func $write (param i32 i32 i32) (result i32 i32)))
  (import "iotypes" "input-forward" (func $forward (param i32 i32 i64) (result i64 i32)))
  (memory (export "memory") 1)
  (global $out (mut i32) (i32.const 0))

  (@custom "iotypes-main" "enum mode { fast, best }\n/// Echoes what the host lowered.\nmain: func(\n  /// -f, --flag: a flag\n  flag: bool,\n  tiny: u8,\n  small: s8,\n  word: u16,\n  half: s16,\n  /// -n: a count\n  /// default: 10\n  count: u32,\n  delta: s32,\n  big: u64,\n  offset: s64,\n  ratio: f64,\n  /// how hard to try\n  /// default: fast\n  mode: mode,\n  label: option<string>,\n  limit: option<u32>,\n  /// what to read\n  inputs: list<input-stream>,\n  output: output-stream\n) -> result\n")

  ;; Writes $v in decimal and a newline.
  (func $line (param $v i64)
    (local $p i32)
    (local.set $p (i32.const 64))
    (i32.store8 (local.get $p) (i32.const 10))
    (loop $digits
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p)
        (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $v) (i64.const 10)))))
      (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
      (br_if $digits (i64.ne (local.get $v) (i64.const 0))))
    global.get $out
    local.get $p
    (i32.sub (i32.const 65) (local.get $p))
    call $write
    drop
    drop)

  ;; Copies the input $h to the output, then a newline.
  (func $copy (param $h i32)
    local.get $h
    global.get $out
    i64.const 0x7fffffffffffffff
    call $forward
    drop
    drop
    (i32.store8 (i32.const 64) (i32.const 10))
    global.get $out
    i32.const 64
    i32.const 1
    call $write
    drop
    drop)

  (func (export "main")
    (param $flag i32) (param $tiny i32) (param $small i32) (param $word i32) (param $half i32)
    (param $count i32) (param $delta i32) (param $big i64) (param $offset i64) (param $ratio f64)
    (param $mode i32) (param $has-label i32) (param $label i32) (param $has-limit i32)
    (param $limit i32) (param $first i32) (param $n i32) (param $output i32) (result i32)
    (local $i i32)
    (global.set $out (local.get $output))
    (call $line (i64.extend_i32_u (local.get $flag)))
    (call $line (i64.extend_i32_u (local.get $tiny)))
    (call $line (i64.extend_i32_u (local.get $small)))
    (call $line (i64.extend_i32_u (local.get $word)))
    (call $line (i64.extend_i32_u (local.get $half)))
    (call $line (i64.extend_i32_u (local.get $count)))
    (call $line (i64.extend_i32_u (local.get $delta)))
    (call $line (local.get $big))
    (call $line (local.get $offset))
    (call $line (i64.reinterpret_f64 (local.get $ratio)))
    (call $line (i64.extend_i32_u (local.get $mode)))
    (call $line (i64.extend_i32_u (local.get $has-label)))
    (call $line (i64.extend_i32_u (local.get $label)))
    (call $line (i64.extend_i32_u (local.get $has-limit)))
    (call $line (i64.extend_i32_u (local.get $limit)))
    (call $line (i64.extend_i32_u (local.get $first)))
    (call $line (i64.extend_i32_u (local.get $n)))
    (if (local.get $has-label) (then (call $copy (local.get $label))))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (call $copy (i32.add (local.get $first) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    (i32.const 0)))
