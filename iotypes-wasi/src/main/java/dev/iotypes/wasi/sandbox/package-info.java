/**
 * The file-system sandbox beneath a preopen, as small operations: {@link
 * dev.iotypes.wasi.sandbox.Beneath} walks a path component by component from an open directory and
 * never leaves it, {@link dev.iotypes.wasi.sandbox.DirFd} names an entry through the directory's
 * descriptor, {@link dev.iotypes.wasi.sandbox.Rename} renames between two walks.
 *
 * <p>Its failures are its own: a {@link dev.iotypes.wasi.sandbox.SandboxException} carries a {@link
 * dev.iotypes.wasi.sandbox.SandboxException.Kind}, told from exception types and from the file
 * system itself, never from message text. Nothing here knows WASI; preview1 maps kinds to errno in
 * one place ({@code Errno}).
 */
package dev.iotypes.wasi.sandbox;
