/** WebAssembly guests get I/O types: the ABI of {@code wit/io-types.wit} on Chicory. */
package dev.iotypes.wasm;
