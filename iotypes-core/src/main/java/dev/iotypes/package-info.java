/**
 * The I/O types as a plain Java library: {@link dev.iotypes.Input}, {@link dev.iotypes.Output},
 * {@link dev.iotypes.IoArray} and their constructors in {@link dev.iotypes.IoTypes}, with the
 * sticky state machine written once in the base classes. The bottom layer: it must never import
 * WebAssembly (Chicory), WASI or any other iotypes module.
 */
package dev.iotypes;
