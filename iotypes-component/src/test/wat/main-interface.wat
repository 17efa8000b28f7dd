;; A typed main inside an exported interface, as wit-component emits one: `main` is lifted, then
;; given to a nested component that exports it, and that component's instance is exported as the
;; interface iotypes:main/run. main(code: u32) -> u32 returns its argument: the exit status.
(component
  (core module $m
    (func (export "main") (param i32) (result i32) (local.get 0)))
  (core instance $i (instantiate $m))
  (func $main (param "code" u32) (result u32) (canon lift (core func $i "main")))
  (component $run
    (import "import-func-main" (func $f (param "code" u32) (result u32)))
    (export "main" (func $f)))
  (instance $r (instantiate $run (with "import-func-main" (func $main))))
  (export "iotypes:main/run@0.1.0" (instance $r))
)
