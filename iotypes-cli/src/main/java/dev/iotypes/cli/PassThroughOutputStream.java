package dev.iotypes.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A filter that changes only what its subclass overrides, usually {@code close}. {@link
 * FilterOutputStream}'s own {@code write(byte[], int, int)} hands the bytes to the wrapped stream
 * one at a time; this one passes the whole array on, so a filter over a process's stdin or a file
 * never costs a call per byte.
 */
abstract class PassThroughOutputStream extends FilterOutputStream {
  PassThroughOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
  }
}
