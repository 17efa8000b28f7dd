;; forged-handles.wat — a guest that names handles it was never given.
;;
;; Typed mains (custom section iotypes-main), all func(input: input-stream, output: output-stream)
;; -> result, so a host test binds an input and an output and calls each export by name:
;;
;;   main                     baseline: forwards the input to the output, returns ok (0). Must not trap.
;;   read-handle-zero         input-read on handle 0 (never valid).
;;   read-forged              input-read on 12345, a handle never issued.
;;   read-negative            input-read on -1 (0xFFFFFFFF).
;;   read-wrong-type          input-read on the output handle.
;;   read-after-drop          input-drop(input), then input-read on it.
;;   write-wrong-type         output-write on the input handle.
;;   write-after-drop         output-drop(output), then output-write on it.
;;   drop-twice               input-drop(input) twice.
;;   forward-wrong-type       input-forward(output, input, 1): both handles swapped.
;;   pseudonym-forged         output-write-pseudonym(output, 12345).
;;   pseudonym-wrong-type     output-write-pseudonym(output, input): an input is no pseudonym.
;;   error-drop-forged        error-drop(12345).
;;   array-len-on-input       array-len(input): an input is no array.
;;
;; Every export but main must TRAP in the named import, with a message naming the function
;; (e.g. "input-read") and the rule (forged / dropped / wrong-typed handle), before any I/O:
;; nothing is read from the input and nothing written to the output. Reaching the end of an
;; export means the host did not trap: it then returns err (1).
(module
  (import "iotypes" "input-read" (func $input_read (param i32 i32 i32) (result i32 i32)))
  (import "iotypes" "input-forward" (func $input_forward (param i32 i32 i64) (result i64 i32)))
  (import "iotypes" "input-drop" (func $input_drop (param i32)))
  (import "iotypes" "output-write" (func $output_write (param i32 i32 i32) (result i32 i32)))
  (import "iotypes" "output-write-pseudonym" (func $output_write_pseudonym (param i32 i32) (result i32 i32)))
  (import "iotypes" "output-drop" (func $output_drop (param i32)))
  (import "iotypes" "error-drop" (func $error_drop (param i32)))
  (import "iotypes" "array-len" (func $array_len (param i32) (result i64 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "data")

  (func (export "main") (param $in i32) (param $out i32) (result i32)
    (local $st i32)
    (loop $more
      (call $input_forward (local.get $in) (local.get $out) (i64.const 0x7fffffffffffffff))
      (local.set $st)
      (drop)
      (br_if $more (i32.eqz (local.get $st))))
    (i32.ne (local.get $st) (i32.const 1)))  ;; ok (0) iff ended

  (func (export "read-handle-zero") (param $in i32) (param $out i32) (result i32)
    (drop (drop (call $input_read (i32.const 0) (i32.const 16) (i32.const 16))))
    (i32.const 1))
  (func (export "read-forged") (param $in i32) (param $out i32) (result i32)
    (drop (drop (call $input_read (i32.const 12345) (i32.const 16) (i32.const 16))))
    (i32.const 1))
  (func (export "read-negative") (param $in i32) (param $out i32) (result i32)
    (drop (drop (call $input_read (i32.const -1) (i32.const 16) (i32.const 16))))
    (i32.const 1))
  (func (export "read-wrong-type") (param $in i32) (param $out i32) (result i32)
    (drop (drop (call $input_read (local.get $out) (i32.const 16) (i32.const 16))))
    (i32.const 1))
  (func (export "read-after-drop") (param $in i32) (param $out i32) (result i32)
    (call $input_drop (local.get $in))
    (drop (drop (call $input_read (local.get $in) (i32.const 16) (i32.const 16))))
    (i32.const 1))
  (func (export "write-wrong-type") (param $in i32) (param $out i32) (result i32)
    (drop (drop (call $output_write (local.get $in) (i32.const 0) (i32.const 4))))
    (i32.const 1))
  (func (export "write-after-drop") (param $in i32) (param $out i32) (result i32)
    (call $output_drop (local.get $out))
    (drop (drop (call $output_write (local.get $out) (i32.const 0) (i32.const 4))))
    (i32.const 1))
  (func (export "drop-twice") (param $in i32) (param $out i32) (result i32)
    (call $input_drop (local.get $in))
    (call $input_drop (local.get $in))
    (i32.const 1))
  (func (export "forward-wrong-type") (param $in i32) (param $out i32) (result i32)
    (drop (drop (call $input_forward (local.get $out) (local.get $in) (i64.const 1))))
    (i32.const 1))
  (func (export "pseudonym-forged") (param $in i32) (param $out i32) (result i32)
    (drop (drop (call $output_write_pseudonym (local.get $out) (i32.const 12345))))
    (i32.const 1))
  (func (export "pseudonym-wrong-type") (param $in i32) (param $out i32) (result i32)
    (drop (drop (call $output_write_pseudonym (local.get $out) (local.get $in))))
    (i32.const 1))
  (func (export "error-drop-forged") (param $in i32) (param $out i32) (result i32)
    (call $error_drop (i32.const 12345))
    (i32.const 1))
  (func (export "array-len-on-input") (param $in i32) (param $out i32) (result i32)
    (drop (drop (call $array_len (local.get $in))))
    (i32.const 1))

  (@custom "iotypes-main" "main: func(input: input-stream, output: output-stream) -> result\nread-handle-zero: func(input: input-stream, output: output-stream) -> result\nread-forged: func(input: input-stream, output: output-stream) -> result\nread-negative: func(input: input-stream, output: output-stream) -> result\nread-wrong-type: func(input: input-stream, output: output-stream) -> result\nread-after-drop: func(input: input-stream, output: output-stream) -> result\nwrite-wrong-type: func(input: input-stream, output: output-stream) -> result\nwrite-after-drop: func(input: input-stream, output: output-stream) -> result\ndrop-twice: func(input: input-stream, output: output-stream) -> result\nforward-wrong-type: func(input: input-stream, output: output-stream) -> result\npseudonym-forged: func(input: input-stream, output: output-stream) -> result\npseudonym-wrong-type: func(input: input-stream, output: output-stream) -> result\nerror-drop-forged: func(input: input-stream, output: output-stream) -> result\narray-len-on-input: func(input: input-stream, output: output-stream) -> result\n")
)
