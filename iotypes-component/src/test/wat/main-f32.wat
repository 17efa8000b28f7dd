;; A main whose parameter is an f32: no kind the command line binds (f64 is).
(component
  (core module $m (func (export "main") (param f32)))
  (core instance $i (instantiate $m))
  (func (export "main") (param "scale" f32) (canon lift (core func $i "main")))
)
