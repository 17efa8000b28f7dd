package dev.iotypes.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.BooleanSupplier;

/**
 * A typed main's diagnostic output on the command line: standard error, silent once standard
 * output's reader has gone. A C tool in {@code tool | head} dies of SIGPIPE at its next write and
 * says nothing; a guest sees a failed write instead and would explain it ("write error: broken
 * pipe") to a user who asked for nothing more. The run then ends with status 141, as the shell
 * reports a tool killed by SIGPIPE.
 */
final class Diagnostics extends FilterOutputStream {
  private final BooleanSupplier silenced;

  Diagnostics(OutputStream err, BooleanSupplier silenced) {
    super(err);
    this.silenced = silenced;
  }

  @Override
  public void write(int b) throws IOException {
    if (!silenced.getAsBoolean()) {
      out.write(b);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (!silenced.getAsBoolean()) {
      out.write(b, off, len);
    }
  }

  @Override
  public void close() throws IOException {
    flush(); // standard error stays open for iotypes' own messages
  }
}
