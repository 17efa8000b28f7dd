package dev.iotypes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.testing.Fixture;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link IoArray#flush} over a file reaches the disk: {@code fd_sync}, {@code fd_datasync} and the
 * ABI's {@code array-flush} end in it. A disk sync cannot be observed from here, so the channel
 * counts its {@code force} calls.
 */
class FileSyncTest {
  @RegisterExtension final Fixture fixture = Fixture.perTest();

  @Test
  void flushingAWritableFileArrayForcesItToDisk() throws Exception {
    Forcing channel = new Forcing(fixture.newPath(".sync"));
    IoArray array = IoTypes.fileArray(channel, true, Origin.named("sync"));

    array.writeAt(ByteBuffer.wrap(new byte[] {1, 2, 3}), 0);
    assertThat(array.flush()).isEqualTo(Outcome.open(0));

    assertThat(channel.forced).containsExactly(true);
    array.close();
    assertThat(channel.forced).as("close(2) does not fsync").containsExactly(true);
  }

  @Test
  void aFailedSyncIsReportedAndSticks() throws Exception {
    Forcing channel = new Forcing(fixture.newPath(".sync"));
    channel.failing = true;
    IoArray array = IoTypes.fileArray(channel, true, Origin.named("sync"));

    assertThat(array.flush().isFailed()).isTrue();
    assertThat(array.writeAt(ByteBuffer.wrap(new byte[] {1}), 0).isFailed()).isTrue();
    array.close();
  }

  @Test
  void flushingAReadOnlyFileArraySyncsNothing() throws Exception {
    Forcing channel = new Forcing(fixture.newPath(".sync"));
    IoArray array = IoTypes.fileArray(channel, false, Origin.named("sync"));

    assertThat(array.flush()).isEqualTo(Outcome.open(0));
    array.close();

    assertThat(channel.forced).isEmpty();
  }

  /** A file channel that records each {@code force(metaData)}. */
  private static final class Forcing extends FileChannel {
    private final FileChannel file;
    final List<Boolean> forced = new ArrayList<>();
    boolean failing;

    Forcing(Path path) throws IOException {
      file =
          FileChannel.open(
              path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    @Override
    public void force(boolean metaData) throws IOException {
      if (failing) {
        throw new IOException("Input/output error");
      }
      forced.add(metaData);
      file.force(metaData);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return file.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return file.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      return file.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      return file.write(srcs, offset, length);
    }

    @Override
    public long position() throws IOException {
      return file.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      file.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return file.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      file.truncate(size);
      return this;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target)
        throws IOException {
      return file.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count)
        throws IOException {
      return file.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return file.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      return file.write(src, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      return file.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return file.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return file.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      file.close();
    }
  }
}
