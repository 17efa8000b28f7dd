/**
 * iotypes' Wasm-to-JVM compiler, plugged into Chicory as its {@code Machine} ({@code
 * docs/engine.md}), and the guest memory it reads and writes directly. Knows nothing of I/O types:
 * it must never import {@code dev.iotypes} (core), the typed-main host, WASI or the CLI.
 */
package dev.iotypes.engine;
