;; A main that returns ok without dropping the output it was lent: the borrow outlives the call,
;; which the Canonical ABI traps, so the run fails and the output is not put in place.
(component
  (type $streams-t (instance (export "output-stream" (type (sub resource)))))
  (import "wasi:io/streams@0.2.0" (instance $streams (type $streams-t)))
  (alias export $streams "output-stream" (type $out))
  (core module $m (func (export "main") (param i32) (result i32) (i32.const 0)))
  (core instance $i (instantiate $m))
  (type $r (result))
  (func (export "main") (param "output" (borrow $out)) (result $r) (canon lift (core func $i "main")))
)
