;; head as a typed-main component, documented: the first N lines of each input, one input after
;; another (as `head -n N` of each, without GNU's "==> name <==" headers: a stream has no name).
;;   main: func(lines: u32, inputs: list<borrow<input-stream>>, output: borrow<output-stream>)
;;     -> result
;; Its help, the short flag -n and the default 10 come from the doc comment of main in head.wit,
;; carried in the custom section package-docs at the end as wasm-tools reads a component's (version
;; byte 0, then wit-parser's PackageMetadata as JSON, the world named "root" as `wasm-tools
;; component wit` decodes it). An input that fails ends that input and main returns err.
(component
  (type $error-t (instance (export "error" (type (sub resource)))))
  (import "wasi:io/error@0.2.0" (instance $error (type $error-t)))
  (alias export $error "error" (type $err))
  (type $streams-t (instance
    (alias outer 1 $err (type $e0))
    (export "error" (type $e (eq $e0)))
    (type $se (variant (case "last-operation-failed" (own $e)) (case "closed")))
    (export "stream-error" (type $sev (eq $se)))
    (export "input-stream" (type $is (sub resource)))
    (export "output-stream" (type $os (sub resource)))
    (type $bytes (list u8))
    (type $read-r (result $bytes (error $sev)))
    (export "[method]input-stream.blocking-read"
      (func (param "self" (borrow $is)) (param "len" u64) (result $read-r)))
    (type $write-r (result (error $sev)))
    (export "[method]output-stream.blocking-write-and-flush"
      (func (param "self" (borrow $os)) (param "contents" $bytes) (result $write-r)))))
  (import "wasi:io/streams@0.2.0" (instance $streams (type $streams-t)))
  (alias export $streams "input-stream" (type $in))
  (alias export $streams "output-stream" (type $out))
  (alias export $streams "[method]input-stream.blocking-read" (func $read))
  (alias export $streams "[method]output-stream.blocking-write-and-flush" (func $write))

  (core module $m
    (import "h" "read" (func $read (param i32 i64 i32)))
    (import "h" "write" (func $write (param i32 i32 i32 i32)))
    (import "h" "drop-in" (func $drop-in (param i32)))
    (import "h" "drop-out" (func $drop-out (param i32)))
    (import "h" "drop-error" (func $drop-error (param i32)))
    ;; 0..4095 scratch (results at 16); 65536.. the read buffer; 131072.. the arguments
    (memory (export "memory") 3)
    (global $next (mut i32) (i32.const 131072))
    (global $reading (mut i32) (i32.const 0))
    (global $failed (mut i32) (i32.const 0))
    ;; the arguments are bump-allocated; every read's bytes land in the one read buffer
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      (if (global.get $reading)
        (then
          (if (i32.gt_u (local.get 3) (i32.const 65536)) (then unreachable))
          (return (i32.const 65536))))
      (local.set $p (i32.and (i32.add (global.get $next) (i32.const 7)) (i32.const -8)))
      (global.set $next (i32.add (local.get $p) (local.get 3)))
      (if (i32.gt_u (global.get $next) (i32.mul (memory.size) (i32.const 65536)))
        (then (if (i32.eq (memory.grow (i32.const 16)) (i32.const -1)) (then unreachable))))
      (local.get $p))
    ;; an error result at 16 (case at 20, own<error> at 24): last-operation-failed fails the run
    (func $failure
      (if (i32.eqz (i32.load8_u (i32.const 20)))
        (then
          (call $drop-error (i32.load (i32.const 24)))
          (global.set $failed (i32.const 1)))))
    ;; copies the first $lines lines of $in to $out
    (func $head (param $lines i32) (param $in i32) (param $out i32)
      (local $p i32) (local $end i32) (local $start i32)
      (block $done
        (loop $more
          (br_if $done (i32.eqz (local.get $lines)))
          (call $read (local.get $in) (i64.const 65536) (i32.const 16))
          (if (i32.load8_u (i32.const 16)) (then (call $failure) (br $done)))
          (local.set $start (i32.load (i32.const 20)))
          (local.set $p (local.get $start))
          (local.set $end (i32.add (local.get $p) (i32.load (i32.const 24))))
          (block $eob
            (loop $byte
              (br_if $eob (i32.ge_u (local.get $p) (local.get $end)))
              (if (i32.eq (i32.load8_u (local.get $p)) (i32.const 10))
                (then
                  (local.set $lines (i32.sub (local.get $lines) (i32.const 1)))
                  (if (i32.eqz (local.get $lines))
                    (then (local.set $end (i32.add (local.get $p) (i32.const 1)))))))
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (br $byte)))
          (call $write (local.get $out) (local.get $start)
            (i32.sub (local.get $end) (local.get $start)) (i32.const 16))
          (if (i32.load8_u (i32.const 16)) (then (call $failure) (br $done)))
          (br $more))))
    (func (export "main") (param $lines i32) (param $list i32) (param $count i32) (param $out i32)
      (result i32)
      (local $i i32) (local $in i32)
      (global.set $reading (i32.const 1))
      (block $done
        (loop $each
          (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
          (local.set $in (i32.load (i32.add (local.get $list) (i32.shl (local.get $i) (i32.const 2)))))
          (call $head (local.get $lines) (local.get $in) (local.get $out))
          (call $drop-in (local.get $in))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $each)))
      (call $drop-out (local.get $out))
      (global.get $failed)))
  (core module $slots
    (table (export "t") 5 funcref)
    (func (export "read") (param i32 i64 i32)
      (call_indirect (param i32 i64 i32) (local.get 0) (local.get 1) (local.get 2) (i32.const 0)))
    (func (export "write") (param i32 i32 i32 i32)
      (call_indirect (param i32 i32 i32 i32)
        (local.get 0) (local.get 1) (local.get 2) (local.get 3) (i32.const 1)))
    (func (export "drop-in") (param i32) (call_indirect (param i32) (local.get 0) (i32.const 2)))
    (func (export "drop-out") (param i32) (call_indirect (param i32) (local.get 0) (i32.const 3)))
    (func (export "drop-error") (param i32) (call_indirect (param i32) (local.get 0) (i32.const 4))))
  (core instance $h (instantiate $slots))
  (core instance $i (instantiate $m (with "h" (instance $h))))
  (alias core export $i "memory" (core memory $mem))
  (alias core export $i "realloc" (core func $realloc))
  (core func $l-read (canon lower (func $read) (memory $mem) (realloc (core func $realloc))))
  (core func $l-write (canon lower (func $write) (memory $mem)))
  (core func $l-drop-in (canon resource.drop $in))
  (core func $l-drop-out (canon resource.drop $out))
  (core func $l-drop-error (canon resource.drop $err))
  (core module $fill
    (import "s" "t" (table 5 funcref))
    (import "f" "a" (func $a (param i32 i64 i32)))
    (import "f" "b" (func $b (param i32 i32 i32 i32)))
    (import "f" "c" (func $c (param i32)))
    (import "f" "d" (func $d (param i32)))
    (import "f" "e" (func $e (param i32)))
    (elem (i32.const 0) func $a $b $c $d $e))
  (core instance (instantiate $fill
    (with "s" (instance $h))
    (with "f" (instance
      (export "a" (func $l-read)) (export "b" (func $l-write))
      (export "c" (func $l-drop-in)) (export "d" (func $l-drop-out))
      (export "e" (func $l-drop-error))))))
  (type $r (result))
  (func (export "main")
    (param "lines" u32) (param "inputs" (list (borrow $in))) (param "output" (borrow $out))
    (result $r)
    (canon lift (core func $i "main") (memory $mem) (realloc (core func $realloc))))
  (@custom "package-docs"
    "\00{\"worlds\":{\"root\":{\"funcs\":{\"main\":"
    "\"Print the first lines of each INPUT, one input after another.\\n\\n"
    "-n, --lines: how many lines of each input to print\\ndefault: 10\\n\\n"
    "inputs: the files to read (- for stdin)\\noutput: where the lines go\"}}}}")
)
