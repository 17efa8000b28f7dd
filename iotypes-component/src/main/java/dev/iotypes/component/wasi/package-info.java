/**
 * WASI 0.2 for command components, on the I/O types: streams are {@code Input} and {@code Output},
 * files and directories the preview1 mode's sandbox, clocks and random the same options'.
 */
package dev.iotypes.component.wasi;
