package dev.iotypes.component.wasi;

import dev.iotypes.component.abi.Value;
import dev.iotypes.component.link.HostInterface;
import dev.iotypes.wasi.FileSystem;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code wasi:filesystem} over the preview1 mode's {@link FileSystem}: the same preopens, the same
 * confined walk (no {@code ..} above a preopen, no link leading out), the same bound names in
 * I/O-types mode. Each method is a thin call; errors become {@code error-code} in {@link
 * ErrorCodes}.
 */
final class Filesystem {
  private final Session s;

  Filesystem(Session s, Streams streams) {
    this.s = s;
  }

  private FileSystem fs() {
    return s.files;
  }

  private static FileSystem.Node node(Object resource) {
    return (FileSystem.Node) ((Value.Resource) resource).rep();
  }

  /** Runs {@code op}: its value as {@code ok}, a filesystem failure as {@code err(error-code)}. */
  private static Value.Result attempt(Supplier<Object> op) {
    try {
      return Value.Result.ok(op.get());
    } catch (FileSystem.Failed e) {
      return Value.Result.error(new Value.Enum(ErrorCodes.of(e.errno())));
    }
  }

  private static boolean bit(Object flags, int i) {
    return (((Value.Flags) flags).bits() & 1 << i) != 0;
  }

  HostInterface preopens() {
    return new HostInterface("wasi:filesystem/preopens@0.2.0")
        .function(
            "get-directories",
            a -> {
              List<Object> out = new ArrayList<>();
              for (FileSystem.Preopen p : fs().preopens()) {
                out.add(
                    new Value.Tuple(List.of(new Value.Resource(s.descriptor, p.node()), p.name())));
              }
              return out;
            });
  }

  HostInterface types() {
    return new HostInterface("wasi:filesystem/types@0.2.0")
        .resource("descriptor", s.descriptor)
        .resource("directory-entry-stream", s.directoryEntryStream)
        .function(
            "[method]descriptor.read-via-stream",
            a ->
                attempt(
                    () ->
                        new Value.Resource(
                            s.inputStream,
                            new Streams.In(fs().readVia(node(a.get(0)), (Long) a.get(1)), false))))
        .function(
            "[method]descriptor.write-via-stream",
            a ->
                attempt(
                    () ->
                        new Value.Resource(
                            s.outputStream,
                            new Streams.Out(
                                fs().writeVia(node(a.get(0)), (Long) a.get(1)), false))))
        .function(
            "[method]descriptor.append-via-stream",
            a ->
                attempt(
                    () ->
                        new Value.Resource(
                            s.outputStream,
                            new Streams.Out(fs().appendVia(node(a.get(0))), false))))
        .function("[method]descriptor.get-flags", a -> attempt(() -> flags(node(a.get(0)))))
        .function(
            "[method]descriptor.get-type",
            a -> attempt(() -> new Value.Enum(type(fs().filetype(node(a.get(0)))))))
        .function("[method]descriptor.stat", a -> attempt(() -> stat(fs().stat(node(a.get(0))))))
        .function(
            "[method]descriptor.stat-at",
            a ->
                attempt(
                    () -> stat(fs().statAt(node(a.get(0)), (String) a.get(2), bit(a.get(1), 0)))))
        .function(
            "[method]descriptor.metadata-hash", a -> attempt(() -> hash(fs().stat(node(a.get(0))))))
        .function(
            "[method]descriptor.metadata-hash-at",
            a ->
                attempt(
                    () -> hash(fs().statAt(node(a.get(0)), (String) a.get(2), bit(a.get(1), 0)))))
        .function(
            "[method]descriptor.open-at",
            a ->
                attempt(
                    () -> {
                      Object open = a.get(3);
                      Object flags = a.get(4);
                      FileSystem.Node n =
                          fs().openAt(
                                  node(a.get(0)),
                                  (String) a.get(2),
                                  bit(a.get(1), 0),
                                  bit(open, 0),
                                  bit(open, 1),
                                  bit(open, 2),
                                  bit(open, 3),
                                  bit(flags, 0),
                                  bit(flags, 1),
                                  fdflags(flags));
                      return new Value.Resource(s.descriptor, n);
                    }))
        .function(
            "[method]descriptor.read",
            a ->
                attempt(
                    () -> {
                      byte[] b = fs().read(node(a.get(0)), (Long) a.get(1), (Long) a.get(2));
                      return new Value.Tuple(List.of(b, b.length == 0 && (Long) a.get(1) > 0));
                    }))
        .function(
            "[method]descriptor.write",
            a -> attempt(() -> fs().write(node(a.get(0)), (byte[]) a.get(1), (Long) a.get(2))))
        .function(
            "[method]descriptor.set-size",
            a ->
                attempt(
                    () -> {
                      fs().setSize(node(a.get(0)), (Long) a.get(1));
                      return null;
                    }))
        .function("[method]descriptor.sync", a -> Value.Result.ok(null))
        .function("[method]descriptor.sync-data", a -> Value.Result.ok(null))
        .function("[method]descriptor.advise", a -> Value.Result.ok(null))
        .function(
            "[method]descriptor.read-directory",
            a ->
                attempt(
                    () ->
                        new Value.Resource(
                            s.directoryEntryStream, fs().readDirectory(node(a.get(0))).iterator())))
        .function(
            "[method]directory-entry-stream.read-directory-entry",
            a -> {
              @SuppressWarnings("unchecked")
              Iterator<FileSystem.Entry> it =
                  (Iterator<FileSystem.Entry>) ((Value.Resource) a.get(0)).rep();
              if (!it.hasNext()) {
                return Value.Result.ok(Optional.empty());
              }
              FileSystem.Entry e = it.next();
              return Value.Result.ok(
                  Optional.of(
                      new Value.Record(List.of(new Value.Enum(type(e.filetype())), e.name()))));
            })
        .function(
            "[method]descriptor.create-directory-at",
            a -> unit(() -> fs().createDirectoryAt(node(a.get(0)), (String) a.get(1))))
        .function(
            "[method]descriptor.remove-directory-at",
            a -> unit(() -> fs().removeDirectoryAt(node(a.get(0)), (String) a.get(1))))
        .function(
            "[method]descriptor.unlink-file-at",
            a -> unit(() -> fs().unlinkFileAt(node(a.get(0)), (String) a.get(1))))
        .function(
            "[method]descriptor.rename-at",
            a ->
                unit(
                    () ->
                        fs().renameAt(
                                node(a.get(0)),
                                (String) a.get(1),
                                node(a.get(2)),
                                (String) a.get(3))))
        .function(
            "[method]descriptor.symlink-at",
            a -> unit(() -> fs().symlinkAt(node(a.get(0)), (String) a.get(1), (String) a.get(2))))
        .function(
            "[method]descriptor.readlink-at",
            a -> attempt(() -> fs().readlinkAt(node(a.get(0)), (String) a.get(1))))
        .function(
            "[method]descriptor.link-at",
            a ->
                unit(
                    () ->
                        fs().linkAt(
                                node(a.get(0)),
                                (String) a.get(2),
                                bit(a.get(1), 0),
                                node(a.get(3)),
                                (String) a.get(4))))
        .function(
            "[method]descriptor.set-times",
            a -> unit(() -> fs().setTimes(node(a.get(0)), time(a.get(1)), time(a.get(2)))))
        .function(
            "[method]descriptor.set-times-at",
            a ->
                unit(
                    () ->
                        fs().setTimesAt(
                                node(a.get(0)),
                                (String) a.get(2),
                                bit(a.get(1), 0),
                                time(a.get(3)),
                                time(a.get(4)))))
        .function(
            "[method]descriptor.is-same-object",
            a -> FileSystem.same(node(a.get(0)), node(a.get(1))))
        .function(
            "filesystem-error-code",
            a -> {
              Object rep = ((Value.Resource) a.get(0)).rep();
              if (rep instanceof Streams.Failure f && f.errno() != null) {
                return Optional.of(new Value.Enum(ErrorCodes.of(f.errno())));
              }
              return Optional.empty();
            });
  }

  /** A {@code new-timestamp}: null for {@code no-change}, the clock's now, or the time given. */
  private FileTime time(Object newTimestamp) {
    Value.Variant v = (Value.Variant) newTimestamp;
    return switch (v.index()) {
      case 0 -> null;
      case 1 -> FileTime.from(s.options.clock().instant());
      default -> {
        List<Object> dt = ((Value.Record) v.payload()).fields();
        long seconds = (Long) dt.get(0);
        long nanos = (Long) dt.get(1);
        yield FileTime.from(java.time.Instant.ofEpochSecond(seconds, nanos));
      }
    };
  }

  private static Value.Result unit(Runnable op) {
    return attempt(
        () -> {
          op.run();
          return null;
        });
  }

  /** The preview1 fdflags of {@code descriptor-flags}' sync flags: SYNC, DSYNC, RSYNC. */
  private static int fdflags(Object descriptorFlags) {
    return (bit(descriptorFlags, 2) ? SYNC : 0)
        | (bit(descriptorFlags, 3) ? DSYNC : 0)
        | (bit(descriptorFlags, 4) ? RSYNC : 0);
  }

  private static final int DSYNC = 0x2;
  private static final int RSYNC = 0x8;
  private static final int SYNC = 0x10;

  /**
   * {@code descriptor-flags}: read and write, the sync flags it was opened with, and for a
   * directory mutate-directory.
   */
  private Value.Flags flags(FileSystem.Node n) {
    int access = fs().access(n);
    int fd = fs().fdflags(n);
    int bits = (access & 1) | (access & 2);
    bits |= ((fd & SYNC) != 0 ? 1 << 2 : 0) | ((fd & DSYNC) != 0 ? 1 << 3 : 0);
    bits |= (fd & RSYNC) != 0 ? 1 << 4 : 0;
    if (fs().filetype(n) == 3) {
      bits |= 1 << 5;
    }
    return new Value.Flags(bits);
  }

  /** A preview1 filetype as a {@code descriptor-type} case. */
  static int type(int filetype) {
    return switch (filetype) {
      case 1 -> 1;
      case 2 -> 2;
      case 3 -> 3;
      case 4 -> 6;
      case 5, 6 -> 7;
      case 7 -> 5;
      default -> 0;
    };
  }

  private static Value.Record stat(FileSystem.Stat st) {
    return new Value.Record(
        List.of(
            new Value.Enum(type(st.filetype())),
            st.linkCount(),
            st.size(),
            time(st.atim()),
            time(st.mtim()),
            time(st.ctim())));
  }

  private static Optional<Object> time(long nanos) {
    if (nanos == 0) {
      return Optional.empty();
    }
    return Optional.of(
        new Value.Record(
            List.of(
                Math.floorDiv(nanos, 1_000_000_000L),
                (long) Math.floorMod(nanos, 1_000_000_000L))));
  }

  /** What the preview1 adapter turns into an inode number: the device and inode, mixed. */
  private static Value.Record hash(FileSystem.Stat st) {
    return new Value.Record(List.of(st.ino(), st.dev()));
  }
}
