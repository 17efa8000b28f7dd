package dev.iotypes.wasi.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;

/**
 * A preopened host directory: the root no resolution leaves. {@code readOnly} is the embedder's
 * word, kept here for the layer above to enforce; the walk itself never changes anything.
 */
public record Root(Path host, SecureDirectoryStream<Path> stream, boolean readOnly) {
  /** Opens {@code host}; fails on a platform that cannot open entries relative to a directory. */
  public static Root open(Path host, boolean readOnly) throws IOException {
    DirectoryStream<Path> stream = Files.newDirectoryStream(host);
    if (stream instanceof SecureDirectoryStream<Path> secure) {
      return new Root(host, secure, readOnly);
    }
    stream.close();
    throw new IOException(
        "this platform cannot confine paths (no SecureDirectoryStream) for " + host);
  }
}
