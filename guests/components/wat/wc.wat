;; wc as a typed-main component: lines, words and bytes of each input, then a total when there is
;; more than one, printed as GNU wc prints them for regular files (each count right-aligned to the
;; width of the total byte count), without the names: a wasi:io stream carries none.
;;   main: func(inputs: list<borrow<input-stream>>, output: borrow<output-stream>) -> result
;; Words as GNU wc 9 counts them in the C locale: a printable byte starts a word, space, \t, \n,
;; \v, \f and \r end one, any other byte does neither. An input that fails is counted up to the
;; failure and main returns err.
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
    ;; 0..4095 scratch (results at 16, digits at 512, a line at 1024); 65536.. the read buffer;
    ;; 131072.. the arguments, then the counts (three i64 per input)
    (memory (export "memory") 3)
    (global $next (mut i32) (i32.const 131072))
    (global $reading (mut i32) (i32.const 0))
    (global $failed (mut i32) (i32.const 0))
    (func $ensure (param $end i32)
      (local $have i32)
      (local.set $have (i32.mul (memory.size) (i32.const 65536)))
      (if (i32.gt_u (local.get $end) (local.get $have))
        (then
          (if (i32.eq
                (memory.grow
                  (i32.add (i32.shr_u (i32.sub (local.get $end) (local.get $have)) (i32.const 16))
                    (i32.const 1)))
                (i32.const -1))
            (then unreachable)))))
    ;; the arguments are bump-allocated; every read's bytes land in the one read buffer
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      (if (global.get $reading)
        (then
          (if (i32.gt_u (local.get 3) (i32.const 65536)) (then unreachable))
          (return (i32.const 65536))))
      (local.set $p (i32.and (i32.add (global.get $next) (i32.const 7)) (i32.const -8)))
      (global.set $next (i32.add (local.get $p) (local.get 3)))
      (call $ensure (global.get $next))
      (local.get $p))
    ;; counts one input into the three i64 at $at
    (func $count (param $in i32) (param $at i32)
      (local $lines i64) (local $words i64) (local $bytes i64) (local $inword i32)
      (local $p i32) (local $end i32) (local $c i32) (local $space i32)
      (block $done
        (loop $more
          (call $read (local.get $in) (i64.const 65536) (i32.const 16))
          (if (i32.load8_u (i32.const 16))
            (then
              (if (i32.eqz (i32.load8_u (i32.const 20)))
                (then
                  (call $drop-error (i32.load (i32.const 24)))
                  (global.set $failed (i32.const 1))))
              (br $done)))
          (local.set $p (i32.load (i32.const 20)))
          (local.set $end (i32.add (local.get $p) (i32.load (i32.const 24))))
          (local.set $bytes
            (i64.add (local.get $bytes) (i64.extend_i32_u (i32.load (i32.const 24)))))
          (block $eob
            (loop $byte
              (br_if $eob (i32.ge_u (local.get $p) (local.get $end)))
              (local.set $c (i32.load8_u (local.get $p)))
              (if (i32.eq (local.get $c) (i32.const 10))
                (then (local.set $lines (i64.add (local.get $lines) (i64.const 1)))))
              (local.set $space
                (i32.or (i32.eq (local.get $c) (i32.const 32))
                  (i32.lt_u (i32.sub (local.get $c) (i32.const 9)) (i32.const 5))))
              (if (local.get $space)
                (then (local.set $inword (i32.const 0)))
                (else
                  ;; a printable byte starts a word; any other neither starts nor ends one
                  (if (i32.and (i32.eqz (local.get $inword))
                        (i32.lt_u (i32.sub (local.get $c) (i32.const 33)) (i32.const 94)))
                    (then
                      (local.set $words (i64.add (local.get $words) (i64.const 1)))
                      (local.set $inword (i32.const 1))))))
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (br $byte)))
          (br $more)))
      (i64.store (local.get $at) (local.get $lines))
      (i64.store offset=8 (local.get $at) (local.get $words))
      (i64.store offset=16 (local.get $at) (local.get $bytes)))
    (func $digits (param $v i64) (result i32)
      (local $n i32)
      (local.set $n (i32.const 1))
      (block $done
        (loop $more
          (br_if $done (i64.lt_u (local.get $v) (i64.const 10)))
          (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
          (local.set $n (i32.add (local.get $n) (i32.const 1)))
          (br $more)))
      (local.get $n))
    ;; writes $v right-aligned in $width at $pos; returns the position after it
    (func $number (param $v i64) (param $width i32) (param $pos i32) (result i32)
      (local $n i32) (local $i i32)
      (local.set $n (call $digits (local.get $v)))
      (block $padded
        (loop $pad
          (br_if $padded (i32.ge_s (local.get $n) (local.get $width)))
          (i32.store8 (local.get $pos) (i32.const 32))
          (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
          (local.set $width (i32.sub (local.get $width) (i32.const 1)))
          (br $pad)))
      (local.set $i (local.get $n))
      (loop $digit
        (local.set $i (i32.sub (local.get $i) (i32.const 1)))
        (i32.store8 (i32.add (local.get $pos) (local.get $i))
          (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $v) (i64.const 10)))))
        (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
        (br_if $digit (i32.gt_s (local.get $i) (i32.const 0))))
      (i32.add (local.get $pos) (local.get $n)))
    ;; prints the three counts at $at, then " total" if $total, then a newline
    (func $line (param $out i32) (param $at i32) (param $width i32) (param $total i32)
      (local $pos i32)
      (local.set $pos (call $number (i64.load (local.get $at)) (local.get $width) (i32.const 1024)))
      (i32.store8 (local.get $pos) (i32.const 32))
      (local.set $pos (call $number (i64.load offset=8 (local.get $at)) (local.get $width)
        (i32.add (local.get $pos) (i32.const 1))))
      (i32.store8 (local.get $pos) (i32.const 32))
      (local.set $pos (call $number (i64.load offset=16 (local.get $at)) (local.get $width)
        (i32.add (local.get $pos) (i32.const 1))))
      (if (local.get $total)
        (then
          ;; " total" as little-endian bytes
          (i32.store (local.get $pos) (i32.const 0x746f7420))
          (i32.store16 offset=4 (local.get $pos) (i32.const 0x6c61))
          (local.set $pos (i32.add (local.get $pos) (i32.const 6)))))
      (i32.store8 (local.get $pos) (i32.const 10))
      (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
      (call $write (local.get $out) (i32.const 1024) (i32.sub (local.get $pos) (i32.const 1024))
        (i32.const 16))
      (if (i32.load8_u (i32.const 16))
        (then
          (if (i32.eqz (i32.load8_u (i32.const 20)))
            (then (call $drop-error (i32.load (i32.const 24)))))
          (global.set $failed (i32.const 1)))))
    (func (export "main") (param $list i32) (param $count i32) (param $out i32) (result i32)
      (local $i i32) (local $counts i32) (local $at i32) (local $total i32) (local $width i32)
      (global.set $reading (i32.const 1))
      (local.set $counts (i32.and (i32.add (global.get $next) (i32.const 7)) (i32.const -8)))
      (local.set $total (i32.add (local.get $counts) (i32.mul (local.get $count) (i32.const 24))))
      (call $ensure (i32.add (local.get $total) (i32.const 24)))
      (i64.store (local.get $total) (i64.const 0))
      (i64.store offset=8 (local.get $total) (i64.const 0))
      (i64.store offset=16 (local.get $total) (i64.const 0))
      (block $done
        (loop $each
          (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
          (local.set $at (i32.add (local.get $counts) (i32.mul (local.get $i) (i32.const 24))))
          (call $count
            (i32.load (i32.add (local.get $list) (i32.shl (local.get $i) (i32.const 2))))
            (local.get $at))
          (i64.store (local.get $total)
            (i64.add (i64.load (local.get $total)) (i64.load (local.get $at))))
          (i64.store offset=8 (local.get $total)
            (i64.add (i64.load offset=8 (local.get $total)) (i64.load offset=8 (local.get $at))))
          (i64.store offset=16 (local.get $total)
            (i64.add (i64.load offset=16 (local.get $total)) (i64.load offset=16 (local.get $at))))
          (call $drop-in (i32.load (i32.add (local.get $list) (i32.shl (local.get $i) (i32.const 2)))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $each)))
      (local.set $width (call $digits (i64.load offset=16 (local.get $total))))
      (local.set $i (i32.const 0))
      (block $printed
        (loop $print
          (br_if $printed (i32.ge_u (local.get $i) (local.get $count)))
          (call $line (local.get $out)
            (i32.add (local.get $counts) (i32.mul (local.get $i) (i32.const 24)))
            (local.get $width) (i32.const 0))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $print)))
      (if (i32.gt_u (local.get $count) (i32.const 1))
        (then (call $line (local.get $out) (local.get $total) (local.get $width) (i32.const 1))))
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
    (param "inputs" (list (borrow $in))) (param "output" (borrow $out)) (result $r)
    (canon lift (core func $i "main") (memory $mem) (realloc (core func $realloc))))
)
