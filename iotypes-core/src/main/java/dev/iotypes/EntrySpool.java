package dev.iotypes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The bytes of one archive entry, held until the archive can take them: a tar header states the
 * size before the bytes, and a zip holds one entry at a time, so an entry written while another is
 * still open has to wait. They stay in memory while the entry is under {@link #IN_MEMORY_PER_ENTRY}
 * and the archive's allowance lasts; past that they go to a temporary file that is deleted as soon
 * as it is open, so nothing is left behind whatever becomes of the process. {@link #release()}
 * frees either.
 */
final class EntrySpool {
  /** The most of one entry kept in memory: 1 MiB. */
  static final int IN_MEMORY_PER_ENTRY = 1 << 20;

  private static final int FIRST = 8 * 1024;

  private final Allowance memory;
  private byte[] bytes = new byte[0];
  private int held;
  private FileChannel file;
  private long size;

  EntrySpool(Allowance memory) {
    this.memory = memory;
  }

  void write(byte[] b, int off, int len) throws IOException {
    if (file == null) {
      int need = held + len;
      if (need >= 0 && need <= IN_MEMORY_PER_ENTRY && (need <= bytes.length || grow(need))) {
        System.arraycopy(b, off, bytes, held, len);
        held = need;
        size = need;
        return;
      }
      toFile();
    }
    for (ByteBuffer chunk = ByteBuffer.wrap(b, off, len); chunk.hasRemaining(); ) {
      file.write(chunk);
    }
    size += len;
  }

  /** Bytes written so far. */
  long size() {
    return size;
  }

  /** Copies every byte written, from the first, to {@code out}. */
  void copyTo(OutputStream out) throws IOException {
    if (file == null) {
      out.write(bytes, 0, held);
      return;
    }
    file.position(0);
    InputStream in = Channels.newInputStream(file); // not closed: that would close the file
    in.transferTo(out);
  }

  /** Frees the memory or the file; the spool is not used again. */
  void release() throws IOException {
    if (file != null) {
      file.close();
      file = null;
    } else if (bytes != null) {
      memory.give(bytes.length);
    }
    bytes = null;
  }

  private boolean grow(int need) {
    int length = Math.max(need, Math.min(IN_MEMORY_PER_ENTRY, Math.max(FIRST, 2 * bytes.length)));
    if (!memory.take(length - bytes.length)) {
      return false;
    }
    bytes = Arrays.copyOf(bytes, length);
    return true;
  }

  private void toFile() throws IOException {
    Path temp = Files.createTempFile("iotypes-", ".entry");
    try {
      file = FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } finally {
      Files.deleteIfExists(temp); // open, so its bytes live on until the channel closes
    }
    for (ByteBuffer chunk = ByteBuffer.wrap(bytes, 0, held); chunk.hasRemaining(); ) {
      file.write(chunk);
    }
    memory.give(bytes.length);
    bytes = null;
    held = 0;
  }
}
