;; guests/components/cat.wat, its main typed with the streams as a WIT world's `use` makes them
;; (componentize-js emits this): type imports bound with eq to wasi:io's resources, which the host
;; binds to the types they equal.
;;   main: func(inputs: list<borrow<input-stream>>, output: borrow<output-stream>) -> result
;; An input that fails is skipped (its error dropped) and main returns err at the end, as GNU cat
;; goes on to the next file and exits 1.
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
    (type $splice-r (result u64 (error $sev)))
    (export "[method]output-stream.blocking-splice"
      (func (param "self" (borrow $os)) (param "src" (borrow $is)) (param "len" u64)
        (result $splice-r)))
    (type $flush-r (result (error $sev)))
    (export "[method]output-stream.blocking-flush"
      (func (param "self" (borrow $os)) (result $flush-r)))))
  (import "wasi:io/streams@0.2.0" (instance $streams (type $streams-t)))
  (alias export $streams "input-stream" (type $in))
  (alias export $streams "output-stream" (type $out0))
  (import "input-stream" (type $in-use (eq $in)))
  (import "output-stream" (type $out (eq $out0)))
  (alias export $streams "[method]output-stream.blocking-splice" (func $splice))
  (alias export $streams "[method]output-stream.blocking-flush" (func $flush))

  (core module $m
    (import "h" "splice" (func $splice (param i32 i32 i64 i32)))
    (import "h" "flush" (func $flush (param i32 i32)))
    (import "h" "drop-in" (func $drop-in (param i32)))
    (import "h" "drop-out" (func $drop-out (param i32)))
    (import "h" "drop-error" (func $drop-error (param i32)))
    (memory (export "memory") 1)
    ;; a bump allocator from 1024 up, for the list of handles the host passes
    (global $next (mut i32) (i32.const 1024))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      (local.set $p
        (i32.and
          (i32.add (global.get $next) (i32.sub (local.get 2) (i32.const 1)))
          (i32.sub (i32.const 0) (local.get 2))))
      (global.set $next (i32.add (local.get $p) (local.get 3)))
      (if (i32.gt_u (global.get $next) (i32.mul (memory.size) (i32.const 65536)))
        (then
          (if (i32.eq (memory.grow (i32.const 16)) (i32.const -1)) (then unreachable))))
      (local.get $p))
    ;; result<u64, stream-error> at 16: tag at 16; ok payload at 24; error case at 24, own<error> at 28
    (func (export "main") (param $list i32) (param $count i32) (param $out i32) (result i32)
      (local $i i32) (local $in i32) (local $failed i32)
      (block $done
        (loop $each
          (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
          (local.set $in (i32.load (i32.add (local.get $list) (i32.shl (local.get $i) (i32.const 2)))))
          (block $next
            (loop $copy
              (call $splice (local.get $out) (local.get $in) (i64.const -1) (i32.const 16))
              (if (i32.eqz (i32.load8_u (i32.const 16))) (then (br $copy)))
              ;; an error: closed (1) ends this input; last-operation-failed (0) fails the run
              (if (i32.eqz (i32.load8_u (i32.const 24)))
                (then
                  (call $drop-error (i32.load (i32.const 28)))
                  (local.set $failed (i32.const 1))))))
          (call $drop-in (local.get $in))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $each)))
      (call $flush (local.get $out) (i32.const 16))
      (if (i32.load8_u (i32.const 16))
        (then
          (if (i32.eqz (i32.load8_u (i32.const 20)))
            (then (call $drop-error (i32.load (i32.const 24)))))
          (local.set $failed (i32.const 1))))
      (call $drop-out (local.get $out))
      (local.get $failed)))
  (core module $slots
    (table (export "t") 5 funcref)
    (func (export "splice") (param i32 i32 i64 i32)
      (call_indirect (param i32 i32 i64 i32)
        (local.get 0) (local.get 1) (local.get 2) (local.get 3) (i32.const 0)))
    (func (export "flush") (param i32 i32)
      (call_indirect (param i32 i32) (local.get 0) (local.get 1) (i32.const 1)))
    (func (export "drop-in") (param i32) (call_indirect (param i32) (local.get 0) (i32.const 2)))
    (func (export "drop-out") (param i32) (call_indirect (param i32) (local.get 0) (i32.const 3)))
    (func (export "drop-error") (param i32) (call_indirect (param i32) (local.get 0) (i32.const 4))))
  (core instance $h (instantiate $slots))
  (core instance $i (instantiate $m (with "h" (instance $h))))
  (alias core export $i "memory" (core memory $mem))
  (alias core export $i "realloc" (core func $realloc))
  (core func $l-splice (canon lower (func $splice) (memory $mem)))
  (core func $l-flush (canon lower (func $flush) (memory $mem)))
  (core func $l-drop-in (canon resource.drop $in))
  (core func $l-drop-out (canon resource.drop $out))
  (core func $l-drop-error (canon resource.drop $err))
  (core module $fill
    (import "s" "t" (table 5 funcref))
    (import "f" "a" (func $a (param i32 i32 i64 i32)))
    (import "f" "b" (func $b (param i32 i32)))
    (import "f" "c" (func $c (param i32)))
    (import "f" "d" (func $d (param i32)))
    (import "f" "e" (func $e (param i32)))
    (elem (i32.const 0) func $a $b $c $d $e))
  (core instance (instantiate $fill
    (with "s" (instance $h))
    (with "f" (instance
      (export "a" (func $l-splice)) (export "b" (func $l-flush))
      (export "c" (func $l-drop-in)) (export "d" (func $l-drop-out))
      (export "e" (func $l-drop-error))))))
  (type $r (result))
  (func (export "main")
    (param "inputs" (list (borrow $in-use))) (param "output" (borrow $out)) (result $r)
    (canon lift (core func $i "main") (memory $mem) (realloc (core func $realloc))))
)
