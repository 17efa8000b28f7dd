;; media-types.wat — a guest declaring the media type of its output (output-set-media-type).
;;
;; The rule (docs/abi.md): the string is UTF-8, at most 1024 bytes, wholly inside memory, and a
;; media type (type/subtype, optional parameters, no control characters); anything else is misuse
;; and traps before any I/O. Declaring is taken (1) before the output's first write of bytes, and
;; refused (0, nothing changed) after it.
;; Typed mains (custom section iotypes-main), all func(input: input-stream, output:
;; output-stream) -> result; a host test binds an input and an output and calls each by name.
;;
;; Must NOT trap; they return ok (0) when the host behaved:
;;   main                declares "text/csv; charset=utf-8" (taken), writes "a,b\n", declares
;;                       "image/png" (refused), then writes the output's media type as read back
;;                       with output-media-type: the output holds "a,b\ntext/csv; charset=utf-8".
;;   set-twice           declares "text/csv; charset=utf-8", then "image/png", both taken before
;;                       any write; ok if output-media-type then reads back the 9 bytes image/png.
;;
;; Must TRAP, naming output-set-media-type, with nothing written and nothing read:
;;   malformed           "not a type"
;;   control-character   text/plain; a="x<LF>y": a quoted parameter with a line feed in it
;;   not-utf8            "text/" followed by the byte 0xff
;;   too-long            1025 bytes
;;   outside-memory      ptr 65530, len 16
;;   input-handle        the input's handle, which is no output
(module
  (import "iotypes" "output-write" (func $write (param i32 i32 i32) (result i32 i32)))
  (import "iotypes" "output-media-type" (func $type (param i32 i32 i32) (result i32)))
  (import "iotypes" "output-set-media-type" (func $set (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1 1)
  (data (i32.const 0) "text/csv; charset=utf-8")
  (data (i32.const 32) "image/png")
  (data (i32.const 48) "a,b\n")
  (data (i32.const 64) "not a type")
  (data (i32.const 80) "text/plain; a=\"x\ny\"")
  (data (i32.const 112) "text/\ff")

  (func (export "main") (param $in i32) (param $out i32) (result i32)
    (local $first i32) (local $late i32) (local $n i32)
    (local.set $first (call $set (local.get $out) (i32.const 0) (i32.const 23)))
    (drop (drop (call $write (local.get $out) (i32.const 48) (i32.const 4))))
    (local.set $late (call $set (local.get $out) (i32.const 32) (i32.const 9)))
    (local.set $n (call $type (local.get $out) (i32.const 256) (i32.const 64)))
    (drop (drop (call $write (local.get $out) (i32.const 256) (local.get $n))))
    (i32.eqz (i32.and (i32.eq (local.get $first) (i32.const 1)) (i32.eqz (local.get $late)))))

  (func (export "set-twice") (param $in i32) (param $out i32) (result i32)
    (local $first i32) (local $second i32)
    (local.set $first (call $set (local.get $out) (i32.const 0) (i32.const 23)))
    (local.set $second (call $set (local.get $out) (i32.const 32) (i32.const 9)))
    (i32.eqz
      (i32.and
        (i32.and (local.get $first) (local.get $second))
        (i32.eq (call $type (local.get $out) (i32.const 256) (i32.const 64)) (i32.const 9)))))

  (func (export "malformed") (param $in i32) (param $out i32) (result i32)
    (drop (call $set (local.get $out) (i32.const 64) (i32.const 10)))
    (i32.const 1))
  (func (export "control-character") (param $in i32) (param $out i32) (result i32)
    (drop (call $set (local.get $out) (i32.const 80) (i32.const 19)))
    (i32.const 1))
  (func (export "not-utf8") (param $in i32) (param $out i32) (result i32)
    (drop (call $set (local.get $out) (i32.const 112) (i32.const 6)))
    (i32.const 1))
  (func (export "too-long") (param $in i32) (param $out i32) (result i32)
    (drop (call $set (local.get $out) (i32.const 0) (i32.const 1025)))
    (i32.const 1))
  (func (export "outside-memory") (param $in i32) (param $out i32) (result i32)
    (drop (call $set (local.get $out) (i32.const 65530) (i32.const 16)))
    (i32.const 1))
  (func (export "input-handle") (param $in i32) (param $out i32) (result i32)
    (drop (call $set (local.get $in) (i32.const 32) (i32.const 9)))
    (i32.const 1))

  (@custom "iotypes-main" "main: func(input: input-stream, output: output-stream) -> result\nset-twice: func(input: input-stream, output: output-stream) -> result\nmalformed: func(input: input-stream, output: output-stream) -> result\ncontrol-character: func(input: input-stream, output: output-stream) -> result\nnot-utf8: func(input: input-stream, output: output-stream) -> result\ntoo-long: func(input: input-stream, output: output-stream) -> result\noutside-memory: func(input: input-stream, output: output-stream) -> result\ninput-handle: func(input: input-stream, output: output-stream) -> result\n")
)
