/**
 * The {@code iotypes} import module of {@code docs/abi.md} and the handle table behind it: the
 * typed-main host. Never imports a WASI class.
 */
package dev.iotypes.wasm.abi;
