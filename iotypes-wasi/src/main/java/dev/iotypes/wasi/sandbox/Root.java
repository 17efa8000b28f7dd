package dev.iotypes.wasi.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;

/**
 * A preopened host directory: the root no resolution leaves. {@code readOnly} and {@code
 * outwardLinks} (whether the guest may make symbolic links that lead out of it) are the embedder's
 * word, kept here for the layer above to enforce; the walk itself never changes anything.
 */
public record Root(
    Path host, SecureDirectoryStream<Path> stream, boolean readOnly, boolean outwardLinks) {
  /** A root whose guest may make no symbolic link that leads out of it. */
  public Root(Path host, SecureDirectoryStream<Path> stream, boolean readOnly) {
    this(host, stream, readOnly, false);
  }

  /** Opens {@code host}; fails on a platform that cannot open entries relative to a directory. */
  public static Root open(Path host, boolean readOnly) throws IOException {
    return open(host, readOnly, false);
  }

  /** {@link #open(Path, boolean)}, saying whether the guest may make links that lead out. */
  public static Root open(Path host, boolean readOnly, boolean outwardLinks) throws IOException {
    DirectoryStream<Path> stream = Files.newDirectoryStream(host);
    if (stream instanceof SecureDirectoryStream<Path> secure) {
      return new Root(host, secure, readOnly, outwardLinks);
    }
    stream.close();
    throw new IOException(
        "this platform cannot confine paths (no SecureDirectoryStream) for " + host);
  }
}
