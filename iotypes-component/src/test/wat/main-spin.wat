;; A typed main that never returns, for the time limit: its output must not be put in place.
(component
  (type $streams-t (instance (export "output-stream" (type (sub resource)))))
  (import "wasi:io/streams@0.2.0" (instance $streams (type $streams-t)))
  (alias export $streams "output-stream" (type $out))
  (core module $m
    (func (export "main") (param i32) (result i32)
      (loop $forever (br $forever))
      (i32.const 0)))
  (core instance $i (instantiate $m))
  (type $r (result))
  (func (export "main") (param "output" (borrow $out)) (result $r) (canon lift (core func $i "main")))
)
