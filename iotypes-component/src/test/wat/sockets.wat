;; A command that asks for a network and a TCP socket, as a toolchain's networking code would:
;; it gets the network, drops it, and is told the socket is not-supported. Its run returns the
;; error code's case index through exit-with-code, so the test reads it as the exit status.
(component
  (type $network-t (instance
    (export "network" (type $n (sub resource)))
    (type $ec (enum "unknown" "access-denied" "not-supported" "invalid-argument" "out-of-memory"
      "timeout" "concurrency-conflict" "not-in-progress" "would-block" "invalid-state"
      "new-socket-limit" "address-not-bindable" "address-in-use" "remote-unreachable"
      "connection-refused" "connection-reset" "connection-aborted" "datagram-too-large"
      "name-unresolvable" "temporary-resolver-failure" "permanent-resolver-failure"))
    (export "error-code" (type (eq $ec)))
    (type $af (enum "ipv4" "ipv6"))
    (export "ip-address-family" (type (eq $af)))))
  (import "wasi:sockets/network@0.2.3" (instance $network (type $network-t)))
  (alias export $network "network" (type $net))
  (alias export $network "error-code" (type $error-code))
  (alias export $network "ip-address-family" (type $family))
  (type $instance-network-t (instance
    (alias outer 1 $net (type $n0))
    (export "network" (type $n (eq $n0)))
    (export "instance-network" (func (result (own $n))))))
  (import "wasi:sockets/instance-network@0.2.3" (instance $inet (type $instance-network-t)))
  (type $tcp-t (instance (export "tcp-socket" (type (sub resource)))))
  (import "wasi:sockets/tcp@0.2.3" (instance $tcp (type $tcp-t)))
  (alias export $tcp "tcp-socket" (type $socket))
  (type $create-t (instance
    (alias outer 1 $socket (type $s0))
    (export "tcp-socket" (type $s (eq $s0)))
    (alias outer 1 $error-code (type $e0))
    (export "error-code" (type $e (eq $e0)))
    (alias outer 1 $family (type $f0))
    (export "ip-address-family" (type $f (eq $f0)))
    (export "create-tcp-socket" (func (param "address-family" $f) (result (result (own $s) (error $e)))))))
  (import "wasi:sockets/tcp-create-socket@0.2.3" (instance $create (type $create-t)))
  (type $exit-t (instance (export "exit-with-code" (func (param "status-code" u8)))))
  (import "wasi:cli/exit@0.2.3" (instance $exit (type $exit-t)))

  (core module $m
    (import "h" "instance-network" (func $inet (result i32)))
    (import "h" "drop-network" (func $drop (param i32)))
    (import "h" "create-tcp-socket" (func $create (param i32 i32)))
    (import "h" "exit-with-code" (func $exit (param i32)))
    (memory (export "memory") 1)
    (func (export "run") (result i32)
      (call $drop (call $inet))
      (call $create (i32.const 0) (i32.const 100))
      ;; err (1) with the error code at 104, where a payload aligned as own<tcp-socket> starts
      (call $exit
        (i32.add (i32.mul (i32.load8_u (i32.const 100)) (i32.const 100))
          (i32.load8_u (i32.const 104))))
      (i32.const 0)))
  (core module $slots
    (table (export "t") 4 funcref)
    (func (export "instance-network") (result i32) (call_indirect (result i32) (i32.const 0)))
    (func (export "drop-network") (param i32) (call_indirect (param i32) (local.get 0) (i32.const 1)))
    (func (export "create-tcp-socket") (param i32 i32)
      (call_indirect (param i32 i32) (local.get 0) (local.get 1) (i32.const 2)))
    (func (export "exit-with-code") (param i32) (call_indirect (param i32) (local.get 0) (i32.const 3))))
  (core instance $h (instantiate $slots))
  (core instance $i (instantiate $m (with "h" (instance $h))))
  (alias core export $i "memory" (core memory $mem))
  (alias export $inet "instance-network" (func $f-inet))
  (alias export $create "create-tcp-socket" (func $f-create))
  (alias export $exit "exit-with-code" (func $f-exit))
  (core func $l-inet (canon lower (func $f-inet)))
  (core func $l-drop (canon resource.drop $net))
  (core func $l-create (canon lower (func $f-create) (memory $mem)))
  (core func $l-exit (canon lower (func $f-exit)))
  (core module $fill
    (import "s" "t" (table 4 funcref))
    (import "f" "a" (func $a (result i32)))
    (import "f" "b" (func $b (param i32)))
    (import "f" "c" (func $c (param i32 i32)))
    (import "f" "d" (func $d (param i32)))
    (elem (i32.const 0) func $a $b $c $d))
  (core instance (instantiate $fill
    (with "s" (instance $h))
    (with "f" (instance
      (export "a" (func $l-inet)) (export "b" (func $l-drop))
      (export "c" (func $l-create)) (export "d" (func $l-exit))))))
  (type $r (result))
  (func $run (result $r) (canon lift (core func $i "run")))
  (instance $cli (export "run" (func $run)))
  (export "wasi:cli/run@0.2.3" (instance $cli))
)
