;; bad-buffers.wat — a guest that passes buffers not wholly inside its memory.
;;
;; Memory is exactly one page (65536 bytes, max 1, so it cannot grow). The rule (docs/abi.md):
;; a buffer (ptr, len), len unsigned, must satisfy ptr + len <= 65536 computed without wrapping.
;; Typed mains (custom section iotypes-main), all func(input: input-stream, output:
;; output-stream) -> result; a host test binds an input and an output and calls each by name.
;;
;; Must TRAP, naming the import (e.g. "input-read") and the rule, before any I/O (no byte consumed
;; from the input, none written to the output); if an export returns instead, it returns err (1):
;;   read-past-end            input-read(in, ptr 65552, len 16)
;;   read-at-end              input-read(in, ptr 65536, len 1)
;;   read-straddle            input-read(in, ptr 65528, len 16): ptr + len = 65544
;;   read-len-max             input-read(in, ptr 0, len 0xFFFFFFFF)
;;   read-ptr-high            input-read(in, ptr 0xFFFFFFF0, len 16): ptr + len = 2^32 (wraps to 0)
;;   read-ptr-high-wrap       input-read(in, ptr 0xFFFFFFF0, len 32): wraps to 16 in 32 bits
;;   read-empty-past-end      input-read(in, ptr 65537, len 0): empty, but ptr + len > 65536
;;   write-past-end           output-write(out, ptr 65552, len 16)
;;   write-straddle           output-write(out, ptr 65528, len 16)
;;   write-len-max            output-write(out, ptr 0, len 0xFFFFFFFF)
;;   write-ptr-high           output-write(out, ptr 0xFFFFFFF0, len 16)
;;   media-type-straddle      input-media-type(in, ptr 65530, len 64)
;;   read-at-straddle         array-read-at(anonymous(), ptr 65528, len 16, offset 0)
;;   read-at-len-max          array-read-at(anonymous(), ptr 0, len 0xFFFFFFFF, offset 0)
;;   read-at-ptr-high         array-read-at(anonymous(), ptr 0xFFFFFFF0, len 16, offset 0)
;;   write-at-straddle        array-write-at(anonymous(), ptr 65528, len 16, offset 0)
;;   write-at-ptr-high        array-write-at(anonymous(), ptr 0xFFFFFFF0, len 16, offset 0)
;;
;; Must NOT trap (the boundary itself is fine); they return ok (0) when the call behaved:
;;   main                     input-read(in, ptr 65520, len 16), the last 16 bytes; writes them
;;                            to the output; ok if the read reported open or ended.
;;   read-empty-at-end        input-read(in, ptr 65536, len 0): ok if the count is 0.
;;   write-last-byte          output-write(out, ptr 65535, len 1) writes "!": ok if count 1, open.
(module
  (import "iotypes" "input-read" (func $input_read (param i32 i32 i32) (result i32 i32)))
  (import "iotypes" "input-media-type" (func $input_media_type (param i32 i32 i32) (result i32)))
  (import "iotypes" "output-write" (func $output_write (param i32 i32 i32) (result i32 i32)))
  (import "iotypes" "array-read-at" (func $array_read_at (param i32 i32 i32 i64) (result i32 i32)))
  (import "iotypes" "array-write-at" (func $array_write_at (param i32 i32 i32 i64) (result i32 i32)))
  (import "iotypes" "anonymous" (func $anonymous (result i32)))
  (memory (export "memory") 1 1)
  (data (i32.const 65535) "!")

  (func $read (param $in i32) (param $ptr i32) (param $len i32) (result i32)
    (drop (drop (call $input_read (local.get $in) (local.get $ptr) (local.get $len))))
    (i32.const 1))
  (func $write (param $out i32) (param $ptr i32) (param $len i32) (result i32)
    (drop (drop (call $output_write (local.get $out) (local.get $ptr) (local.get $len))))
    (i32.const 1))
  (func $read_at (param $ptr i32) (param $len i32) (result i32)
    (drop (drop (call $array_read_at (call $anonymous) (local.get $ptr) (local.get $len) (i64.const 0))))
    (i32.const 1))
  (func $write_at (param $ptr i32) (param $len i32) (result i32)
    (drop (drop (call $array_write_at (call $anonymous) (local.get $ptr) (local.get $len) (i64.const 0))))
    (i32.const 1))

  (func (export "read-past-end") (param $in i32) (param $out i32) (result i32)
    (call $read (local.get $in) (i32.const 65552) (i32.const 16)))
  (func (export "read-at-end") (param $in i32) (param $out i32) (result i32)
    (call $read (local.get $in) (i32.const 65536) (i32.const 1)))
  (func (export "read-straddle") (param $in i32) (param $out i32) (result i32)
    (call $read (local.get $in) (i32.const 65528) (i32.const 16)))
  (func (export "read-len-max") (param $in i32) (param $out i32) (result i32)
    (call $read (local.get $in) (i32.const 0) (i32.const 0xFFFFFFFF)))
  (func (export "read-ptr-high") (param $in i32) (param $out i32) (result i32)
    (call $read (local.get $in) (i32.const 0xFFFFFFF0) (i32.const 16)))
  (func (export "read-ptr-high-wrap") (param $in i32) (param $out i32) (result i32)
    (call $read (local.get $in) (i32.const 0xFFFFFFF0) (i32.const 32)))
  (func (export "read-empty-past-end") (param $in i32) (param $out i32) (result i32)
    (call $read (local.get $in) (i32.const 65537) (i32.const 0)))
  (func (export "write-past-end") (param $in i32) (param $out i32) (result i32)
    (call $write (local.get $out) (i32.const 65552) (i32.const 16)))
  (func (export "write-straddle") (param $in i32) (param $out i32) (result i32)
    (call $write (local.get $out) (i32.const 65528) (i32.const 16)))
  (func (export "write-len-max") (param $in i32) (param $out i32) (result i32)
    (call $write (local.get $out) (i32.const 0) (i32.const 0xFFFFFFFF)))
  (func (export "write-ptr-high") (param $in i32) (param $out i32) (result i32)
    (call $write (local.get $out) (i32.const 0xFFFFFFF0) (i32.const 16)))
  (func (export "media-type-straddle") (param $in i32) (param $out i32) (result i32)
    (drop (call $input_media_type (local.get $in) (i32.const 65530) (i32.const 64)))
    (i32.const 1))
  (func (export "read-at-straddle") (param $in i32) (param $out i32) (result i32)
    (call $read_at (i32.const 65528) (i32.const 16)))
  (func (export "read-at-len-max") (param $in i32) (param $out i32) (result i32)
    (call $read_at (i32.const 0) (i32.const 0xFFFFFFFF)))
  (func (export "read-at-ptr-high") (param $in i32) (param $out i32) (result i32)
    (call $read_at (i32.const 0xFFFFFFF0) (i32.const 16)))
  (func (export "write-at-straddle") (param $in i32) (param $out i32) (result i32)
    (call $write_at (i32.const 65528) (i32.const 16)))
  (func (export "write-at-ptr-high") (param $in i32) (param $out i32) (result i32)
    (call $write_at (i32.const 0xFFFFFFF0) (i32.const 16)))

  (func (export "main") (param $in i32) (param $out i32) (result i32)
    (local $n i32) (local $st i32)
    (call $input_read (local.get $in) (i32.const 65520) (i32.const 16))
    (local.set $st)
    (local.set $n)
    (if (i32.eq (local.get $st) (i32.const 2)) (then (return (i32.const 1))))
    (call $output_write (local.get $out) (i32.const 65520) (local.get $n))
    (local.set $st)
    (drop)
    (i32.ne (local.get $st) (i32.const 0)))
  (func (export "read-empty-at-end") (param $in i32) (param $out i32) (result i32)
    (call $input_read (local.get $in) (i32.const 65536) (i32.const 0))
    (drop)
    (i32.ne (i32.const 0)))
  (func (export "write-last-byte") (param $in i32) (param $out i32) (result i32)
    (local $st i32)
    (call $output_write (local.get $out) (i32.const 65535) (i32.const 1))
    (local.set $st)
    (i32.or (i32.ne (i32.const 1)) (i32.ne (local.get $st) (i32.const 0))))

  (@custom "iotypes-main" "main: func(input: input-stream, output: output-stream) -> result\nread-past-end: func(input: input-stream, output: output-stream) -> result\nread-at-end: func(input: input-stream, output: output-stream) -> result\nread-straddle: func(input: input-stream, output: output-stream) -> result\nread-len-max: func(input: input-stream, output: output-stream) -> result\nread-ptr-high: func(input: input-stream, output: output-stream) -> result\nread-ptr-high-wrap: func(input: input-stream, output: output-stream) -> result\nread-empty-past-end: func(input: input-stream, output: output-stream) -> result\nwrite-past-end: func(input: input-stream, output: output-stream) -> result\nwrite-straddle: func(input: input-stream, output: output-stream) -> result\nwrite-len-max: func(input: input-stream, output: output-stream) -> result\nwrite-ptr-high: func(input: input-stream, output: output-stream) -> result\nmedia-type-straddle: func(input: input-stream, output: output-stream) -> result\nread-at-straddle: func(input: input-stream, output: output-stream) -> result\nread-at-len-max: func(input: input-stream, output: output-stream) -> result\nread-at-ptr-high: func(input: input-stream, output: output-stream) -> result\nwrite-at-straddle: func(input: input-stream, output: output-stream) -> result\nwrite-at-ptr-high: func(input: input-stream, output: output-stream) -> result\nread-empty-at-end: func(input: input-stream, output: output-stream) -> result\nwrite-last-byte: func(input: input-stream, output: output-stream) -> result\n")
)
