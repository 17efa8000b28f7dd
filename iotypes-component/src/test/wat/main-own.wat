;; A main that takes its input as own<input-stream>: the stream would become the guest's to close,
;; so it is no typed main the host binds (a borrow is).
(component
  (type $streams-t (instance (export "input-stream" (type (sub resource)))))
  (import "wasi:io/streams@0.2.0" (instance $streams (type $streams-t)))
  (alias export $streams "input-stream" (type $in))
  (core module $m (func (export "main") (param i32) (result i32) (i32.const 0)))
  (core instance $i (instantiate $m))
  (type $r (result))
  (func (export "main") (param "input" (own $in)) (result $r) (canon lift (core func $i "main")))
)
