;; A command that never returns: its run loops forever, for the time limit.
(component
  (core module $m
    (func (export "run") (result i32)
      (loop $forever (br $forever))
      (i32.const 0)))
  (core instance $i (instantiate $m))
  (type $r (result))
  (func $run (result $r) (canon lift (core func $i "run")))
  (instance $cli (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $cli))
)
