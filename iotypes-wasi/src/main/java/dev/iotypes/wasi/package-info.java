/**
 * libc compatibility mode: WASI preview1 programs run unchanged, each descriptor backed by an I/O
 * type, with the classic preopened-directory filesystem confined beneath its roots. Built on {@code
 * iotypes-wasm}'s runtime; nothing in {@code iotypes-wasm} may import it.
 */
package dev.iotypes.wasi;
