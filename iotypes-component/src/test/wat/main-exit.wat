;; A typed main that ends through wasi:cli/exit with the code it is given, before returning.
(component
  (type $exit-t (instance (export "exit-with-code" (func (param "status-code" u8)))))
  (import "wasi:cli/exit@0.2.0" (instance $exit (type $exit-t)))
  (alias export $exit "exit-with-code" (func $f-exit))
  (core func $l-exit (canon lower (func $f-exit)))
  (core module $m
    (import "h" "exit" (func $exit (param i32)))
    (func (export "main") (param i32) (result i32)
      (call $exit (local.get 0))
      (i32.const 0)))
  (core instance $i (instantiate $m (with "h" (instance (export "exit" (func $l-exit))))))
  (type $r (result))
  (func (export "main") (param "code" u8) (result $r) (canon lift (core func $i "main")))
)
