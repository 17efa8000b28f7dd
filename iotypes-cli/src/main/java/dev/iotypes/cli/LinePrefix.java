package dev.iotypes.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Standard error as a provider guest writes to it: each line starts with the guest's tag ({@code
 * [gunzip.wasm] }), so that the user can tell which of the composed guests said what. Closing
 * flushes and leaves the stream below open: it is the process's.
 */
final class LinePrefix extends OutputStream {
  private final OutputStream out;
  private final byte[] prefix;
  private boolean atLineStart = true;

  LinePrefix(OutputStream out, String prefix) {
    this.out = out;
    this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    int start = off;
    int end = off + len;
    for (int i = off; i < end; i++) {
      if (atLineStart) {
        out.write(b, start, i - start);
        out.write(prefix);
        start = i;
        atLineStart = false;
      }
      if (b[i] == '\n') {
        atLineStart = true;
      }
    }
    out.write(b, start, end - start);
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    flush();
  }
}
