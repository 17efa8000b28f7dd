/**
 * WebAssembly guests get I/O types: the public API ({@link dev.iotypes.wasm.Guest}, {@link
 * dev.iotypes.wasm.MainCall}, {@link dev.iotypes.wasm.Provider}) of the ABI in {@code
 * wit/io-types.wit}. No Chicory type appears in it; nothing here or below imports the WASI layer.
 */
package dev.iotypes.wasm;
