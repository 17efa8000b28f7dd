;; Two exported interfaces with a function main each: which one to run is not said, so neither is.
(component
  (core module $m (func (export "main") (result i32) (i32.const 0)))
  (core instance $i (instantiate $m))
  (func $main (result u32) (canon lift (core func $i "main")))
  (instance $a (export "main" (func $main)))
  (instance $b (export "main" (func $main)))
  (export "a" (instance $a))
  (export "b" (instance $b))
)
