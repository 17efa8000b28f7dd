/**
 * How a guest runs, whatever its ABI: module loading and the module cache, guest memory, limits,
 * the watchdog. Public for iotypes' own host modules (WASI preview1, components), not an API: it
 * must never import {@code dev.iotypes.wasm.abi} or a WASI class.
 */
package dev.iotypes.wasm.runtime;
