;; Values through real core code: each export lifts what its core function returns, each
;; parameter is lowered into the guest's memory by the host; strings in UTF-8 and UTF-16,
;; parameters past the flat limit, post-return, and a host import lowered into the guest.
(component
  (type $host-t (instance
    (export "double" (func (param "x" u32) (result u32)))
    (export "greet" (func (param "name" string) (result string)))))
  (import "test:host/api@1.0.0" (instance $host (type $host-t)))

  (core module $m
    (import "host" "double" (func $double (param i32) (result i32)))
    (import "host" "greet" (func $greet (param i32 i32 i32)))
    (memory (export "memory") 1)
    (global $top (mut i32) (i32.const 1024))
    (global $posts (mut i32) (i32.const 0))
    ;; a bump allocator: (old, old-size, align, new-size) -> ptr
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      (local.set $p
        (i32.and
          (i32.add (global.get $top) (i32.sub (local.get 2) (i32.const 1)))
          (i32.sub (i32.const 0) (local.get 2))))
      (global.set $top (i32.add (local.get $p) (local.get 3)))
      (local.get $p))
    ;; (ptr, len) -> pointer to (ptr, len): the string or list it was given
    (func $pair (export "echo") (param i32 i32) (result i32)
      (i32.store (i32.const 16) (local.get 0))
      (i32.store (i32.const 20) (local.get 1))
      (i32.const 16))
    (func (export "add") (param i32 i32) (result i32)
      (i32.add (local.get 0) (local.get 1)))
    ;; seventeen u32 spilled to memory at the pointer: their sum
    (func (export "sum17") (param $p i32) (result i32)
      (local $i i32) (local $s i32)
      (loop $next
        (local.set $s
          (i32.add (local.get $s)
            (i32.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $next (i32.lt_u (local.get $i) (i32.const 17))))
      (local.get $s))
    ;; record {a: u8, b: string, c: f64} flattened to (i32, i32, i32, f64): stored back at 32
    (func (export "echo-record") (param i32 i32 i32 f64) (result i32)
      (i32.store8 (i32.const 32) (local.get 0))
      (i32.store (i32.const 36) (local.get 1))
      (i32.store (i32.const 40) (local.get 2))
      (f64.store (i32.const 48) (local.get 3))
      (i32.const 32))
    (func (export "post") (param i32)
      (global.set $posts (i32.add (global.get $posts) (i32.const 1))))
    (func (export "posts") (result i32) (global.get $posts))
    (func (export "call-double") (param i32) (result i32)
      (i32.add (call $double (local.get 0)) (i32.const 1)))
    ;; greet through the host: the result written at 64 by the lowered import
    (func (export "call-greet") (param i32 i32) (result i32)
      (call $greet (local.get 0) (local.get 1) (i32.const 64))
      (i32.const 64))
    ;; a pointer past the end of memory, as a hostile guest would return
    (func (export "bad") (result i32)
      (i32.store (i32.const 80) (i32.const 65530))
      (i32.store (i32.const 84) (i32.const 100))
      (i32.const 80)))

  ;; the host functions reach $m through a table that is filled once they are lowered with $m's
  ;; memory, as wit-component's shim and fixup modules do
  (core module $shim
    (table (export "t") 2 funcref)
    (type $d (func (param i32) (result i32)))
    (type $g (func (param i32 i32 i32)))
    (func (export "double") (param i32) (result i32)
      (call_indirect (type $d) (local.get 0) (i32.const 0)))
    (func (export "greet") (param i32 i32 i32)
      (call_indirect (type $g) (local.get 0) (local.get 1) (local.get 2) (i32.const 1))))
  (core module $fixup
    (import "shim" "t" (table 2 funcref))
    (import "f" "double" (func $a (param i32) (result i32)))
    (import "f" "greet" (func $b (param i32 i32 i32)))
    (elem (i32.const 0) func $a $b))
  (core instance $shim-mem (instantiate $shim))
  (core instance $i (instantiate $m (with "host" (instance $shim-mem))))
  (alias core export $i "memory" (core memory $mem))
  (alias core export $i "realloc" (core func $realloc))
  (alias export $host "double" (func $double))
  (alias export $host "greet" (func $greet))
  (core func $double-low (canon lower (func $double)))
  (core func $greet-low (canon lower (func $greet) (memory $mem) (realloc $realloc)))
  (core instance (instantiate $fixup
    (with "shim" (instance $shim-mem))
    (with "f" (instance (export "double" (func $double-low)) (export "greet" (func $greet-low))))))

  (func (export "echo-string") (param "s" string) (result string)
    (canon lift (core func $i "echo") (memory $mem) (realloc $realloc)))
  (func (export "echo-string-utf16") (param "s" string) (result string)
    (canon lift (core func $i "echo") (memory $mem) (realloc $realloc) string-encoding=utf16))
  (func (export "echo-string-latin1") (param "s" string) (result string)
    (canon lift (core func $i "echo") (memory $mem) (realloc $realloc) string-encoding=latin1+utf16))
  (func (export "echo-bytes") (param "b" (list u8)) (result (list u8))
    (canon lift (core func $i "echo") (memory $mem) (realloc $realloc)))
  (func (export "echo-words") (param "w" (list u32)) (result (list u32))
    (canon lift (core func $i "echo") (memory $mem) (realloc $realloc)))
  (func (export "add") (param "a" u32) (param "b" u32) (result u32)
    (canon lift (core func $i "add") (post-return (core func $i "post"))))
  (func (export "posts") (result u32) (canon lift (core func $i "posts")))
  (func (export "sum17")
    (param "a" u32) (param "b" u32) (param "c" u32) (param "d" u32) (param "e" u32)
    (param "f" u32) (param "g" u32) (param "h" u32) (param "i" u32) (param "j" u32)
    (param "k" u32) (param "l" u32) (param "m" u32) (param "n" u32) (param "o" u32)
    (param "p" u32) (param "q" u32) (result u32)
    (canon lift (core func $i "sum17") (memory $mem) (realloc $realloc)))
  (type $rec (record (field "a" u8) (field "b" string) (field "c" f64)))
  (export $rec-e "rec" (type $rec))
  (func (export "echo-record") (param "r" $rec-e) (result $rec-e)
    (canon lift (core func $i "echo-record") (memory $mem) (realloc $realloc)))
  (func (export "call-double") (param "x" u32) (result u32)
    (canon lift (core func $i "call-double")))
  (func (export "call-greet") (param "name" string) (result string)
    (canon lift (core func $i "call-greet") (memory $mem) (realloc $realloc)))
  (func (export "bad") (result string)
    (canon lift (core func $i "bad") (memory $mem)))
)
