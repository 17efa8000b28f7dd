/**
 * The contract suites of the I/O types, for any module that implements one: extend {@link
 * dev.iotypes.testing.InputContract}, {@link dev.iotypes.testing.OutputContract} or {@link
 * dev.iotypes.testing.IoArrayContract} and list the implementations. Depends on {@code
 * iotypes-core} and the test libraries only; used at test scope, never by main code.
 */
package dev.iotypes.testing;
