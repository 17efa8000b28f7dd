package dev.iotypes;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A host folder, on any {@code java.nio.file.FileSystem}, as an output directory. A name is walked
 * segment by segment beneath the root, one directory handle at a time ({@link FolderWalk}): a
 * missing parent is created, an existing one must be a directory and not a link, and the file
 * itself is created new ({@code O_CREAT|O_EXCL}, no link followed), so nothing outside the root and
 * nothing already there is ever written.
 */
final class FolderOutputDirectory implements OutputDirectory {
  private final Path root;
  private final Pseudonym pseudonym;
  private final String prefix;
  private boolean closed;

  FolderOutputDirectory(Path root, Origin origin) throws IOException {
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("not a directory: " + root);
    }
    this.root = root;
    this.pseudonym = origin.pseudonym();
    String name = new String(pseudonym.utf8(), StandardCharsets.UTF_8);
    this.prefix = name.isEmpty() || name.endsWith("/") ? name : name + "/";
  }

  @Override
  public Output create(String name) {
    Checks.open(closed, "output directory");
    PortableName.check(name);
    Origin origin = new Origin(Pseudonym.of(prefix + name), MediaType.forName(name));
    try {
      SeekableByteChannel channel = FolderWalk.create(root, name);
      return new ChannelOutput(channel, channel::close, origin);
    } catch (IOException | RuntimeException e) {
      return new StreamOutput(new Refusing(e), origin);
    }
  }

  @Override
  public Pseudonym pseudonym() {
    return pseudonym;
  }

  @Override
  public void close() {
    closed = true;
  }

  /** A stream whose every write fails as the creation did. */
  static final class Refusing extends OutputStream {
    private final Exception cause;

    Refusing(Exception cause) {
      this.cause = cause;
    }

    @Override
    public void write(int b) throws IOException {
      throw cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      write(0);
    }
  }
}
