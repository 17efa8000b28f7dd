;; A typed main inside an exported instance made from exports: main(code: u32) -> u32 returns its
;; argument plus one; a second function beside it is no typed main.
(component
  (core module $m
    (func (export "main") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
    (func (export "other") (result i32) (i32.const 9)))
  (core instance $i (instantiate $m))
  (func $main (param "code" u32) (result u32) (canon lift (core func $i "main")))
  (func $other (result u32) (canon lift (core func $i "other")))
  (instance $r (export "main" (func $main)) (export "other" (func $other)))
  (export "app" (instance $r))
)
