package dev.iotypes.wasm.runtime;

import com.dylibso.chicory.compiler.Cache;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Properties;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Compiled modules on disk, so that a module is compiled to JVM bytecode once per Chicory version
 * rather than once per run.
 *
 * <p>An entry is found by the module's length and CRC-32C and holds the module's own bytes, which
 * must equal the module being loaded: a module crafted to collide with another's checksum is a
 * miss, never the other's code. A cryptographic hash would do the same with no stored copy, but
 * computing one cold (the JCA's set-up, then the digest in the interpreter) cost a run of a 34 KB
 * module 20 ms and more; Chicory's parser is therefore given our key as the module's digest.
 *
 * <p>Each entry is {@code MAGIC, module length (8 bytes), payload length (8), CRC-32C of the rest
 * (4), module, payload}, the payload being what Chicory's compiler stores (a jar of the classes).
 * Writers write a temporary file and rename it into place, so concurrent writers of one module each
 * publish a whole entry and readers never see half of one. An entry that is truncated, corrupt or
 * unreadable is deleted and counts as a miss: the module is compiled again. No failure of the cache
 * ever fails a run.
 *
 * <p>The cache holds at most {@code maxBytes} of entries under its root, every compiler's
 * subdirectory together (so that the entries of a compiler version no longer in use age out too):
 * storing an entry evicts the entries used least recently until the rest fit. A hit is a use, and
 * is recorded as the entry's access time, set explicitly (mount options such as {@code noatime}
 * govern only what reading a file does), leaving its modification time as when it was written.
 *
 * <p>The entries are JVM classes, so the directory is as sensitive as the class path: it is created
 * private to its owner, and a directory that others may write is not used.
 */
public final class ModuleCache {
  private static final byte[] MAGIC =
      "iotypes-module-cache-3\n".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER = MAGIC.length + 2 * Long.BYTES + Integer.BYTES;

  /** The default cap on what a cache root holds: 1 GiB. */
  public static final long DEFAULT_MAX_BYTES = 1L << 30;

  private final Path dir;
  private final long maxBytes;

  private ModuleCache(Path dir, long maxBytes) {
    this.dir = dir;
    this.maxBytes = maxBytes;
  }

  /**
   * A cache in {@code root}, in a subdirectory for this Chicory version, or {@code null} if it
   * cannot be made or is not safe to use.
   */
  public static ModuleCache in(Path root) {
    return in(root, DEFAULT_MAX_BYTES);
  }

  /** As {@link #in(Path)}, the root holding at most {@code maxBytes}. */
  public static ModuleCache in(Path root, long maxBytes) {
    String version = chicoryVersion();
    return version == null ? null : in(root, "chicory-" + version, maxBytes);
  }

  /**
   * A cache in subdirectory {@code compiler} of {@code root}, named for what made its classes (one
   * compiler's classes are never served to another), or {@code null}.
   */
  public static ModuleCache in(Path root, String compiler) {
    return in(root, compiler, DEFAULT_MAX_BYTES);
  }

  /** As {@link #in(Path, String)}, the root holding at most {@code maxBytes}. */
  public static ModuleCache in(Path root, String compiler, long maxBytes) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes < 0: " + maxBytes);
    }
    try {
      Path dir = root.resolve(compiler);
      Files.createDirectories(dir);
      if (!privateTo(root) || !privateTo(dir)) {
        return null;
      }
      return new ModuleCache(dir, maxBytes);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  public Path dir() {
    return dir;
  }

  /**
   * The module's key, which Chicory's parser records as the module's digest: its length and CRC-32C
   * (computed in hardware, with no set-up). A key names an entry; only the module's bytes prove it.
   */
  public static String key(byte[] module) {
    return module.length + "-" + HexFormat.of().toHexDigits(crc(module, 0, module.length));
  }

  /** What was stored for exactly these module bytes, or {@code null}. */
  public byte[] get(byte[] module) {
    Path file = file(module);
    byte[] entry;
    try {
      entry = Files.readAllBytes(file);
    } catch (IOException | RuntimeException e) {
      return null; // none, or unreadable: a miss
    }
    ByteBuffer header = ByteBuffer.wrap(entry);
    if (entry.length < HEADER
        || !Arrays.equals(entry, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
        || header.getLong(MAGIC.length) < 0
        || header.getLong(MAGIC.length + Long.BYTES) < 0
        || header.getLong(MAGIC.length) + header.getLong(MAGIC.length + Long.BYTES)
            != entry.length - HEADER
        || header.getInt(MAGIC.length + 2 * Long.BYTES)
            != crc(entry, HEADER, entry.length - HEADER)) {
      delete(file);
      return null;
    }
    int moduleEnd = HEADER + (int) header.getLong(MAGIC.length);
    if (!Arrays.equals(entry, HEADER, moduleEnd, module, 0, module.length)) {
      return null; // another module with the same length and checksum
    }
    used(file);
    return Arrays.copyOfRange(entry, moduleEnd, entry.length);
  }

  /** Stores {@code payload} for these module bytes, replacing what was there. */
  public void put(byte[] module, byte[] payload) {
    Path file = file(module);
    if ((long) HEADER + module.length + payload.length > maxBytes) {
      return; // would evict everything else and still not fit
    }
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      ByteBuffer entry = ByteBuffer.allocate(HEADER + module.length + payload.length);
      entry.put(MAGIC).putLong(module.length).putLong(payload.length).putInt(0);
      entry.put(module).put(payload);
      entry.putInt(
          MAGIC.length + 2 * Long.BYTES, crc(entry.array(), HEADER, entry.capacity() - HEADER));
      Files.write(tmp, entry.array());
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        return; // no half-written entries, ever: go without the cache instead
      }
      tmp = null;
      Eviction.trim(dir.getParent(), maxBytes);
    } catch (IOException | RuntimeException e) {
      // A full disk or a read-only home makes every run compile; it never fails one.
    } finally {
      if (tmp != null) {
        delete(tmp);
      }
    }
  }

  /** Deletes the entry for these module bytes, if any. */
  public void evict(byte[] module) {
    delete(file(module));
  }

  /**
   * Chicory's view of this cache while it compiles {@code module}: nothing to find (a hit never
   * gets that far), and what it stores is held until {@link Pending#publish()}, which stores it
   * under the module's bytes once the module has proved itself by being instantiated.
   */
  public Pending pendingFor(byte[] module) {
    return new Pending(module);
  }

  /** Chicory's compiled classes for one module, not yet in the cache. */
  public final class Pending implements Cache {
    private final byte[] module;
    private byte[] payload;

    private Pending(byte[] module) {
      this.module = module;
    }

    @Override
    public byte[] get(String key) {
      return null;
    }

    @Override
    public synchronized void putIfAbsent(String key, byte[] payload) {
      this.payload = payload;
    }

    /** Stores the classes, if Chicory made any, and lets go of them. */
    public synchronized void publish() {
      if (payload != null) {
        put(module, payload);
        payload = null;
      }
    }
  }

  /** Records a use of {@code file}, for eviction: its access time, now. */
  private static void used(Path file) {
    try {
      Files.getFileAttributeView(file, BasicFileAttributeView.class)
          .setTimes(null, FileTime.from(Instant.now()), null);
    } catch (IOException | RuntimeException e) {
      // It ages as if unused: evicted sooner, compiled again later.
    }
  }

  /** The entry's file, named by the module's key. */
  public Path file(byte[] module) {
    return dir.resolve(key(module) + ".jar");
  }

  /** Whether {@code dir} is a real directory of this user's that nobody else may write. */
  private static boolean privateTo(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try {
      if (!ownedByMe(dir)) {
        return false;
      }
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
      if (permissions.contains(PosixFilePermission.GROUP_WRITE)
          || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      }
      return true;
    } catch (UnsupportedOperationException e) {
      return true; // not POSIX: the platform's own per-user directories apply
    }
  }

  /**
   * Whether this process's user owns {@code dir}. On Linux, {@code /proc/self} belongs to the
   * process's user, and comparing uids costs two stat calls; elsewhere the user is looked up by
   * name, which goes through the name service and costs milliseconds of every start.
   */
  private static boolean ownedByMe(Path dir) throws IOException {
    try {
      Object mine = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return mine.equals(Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      UserPrincipal me =
          dir.getFileSystem()
              .getUserPrincipalLookupService()
              .lookupPrincipalByName(System.getProperty("user.name"));
      return Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).equals(me);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException | RuntimeException e) {
      // Another writer may be replacing it; the next run tries again.
    }
  }

  private static int crc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }

  /**
   * The Chicory compiler's version: compiled classes are only valid for the compiler that made
   * them.
   */
  public static String chicoryVersion() {
    try (InputStream in =
        Cache.class.getResourceAsStream(
            "/META-INF/maven/com.dylibso.chicory/compiler/pom.properties")) {
      if (in != null) {
        Properties properties = new Properties();
        properties.load(in);
        String version = properties.getProperty("version");
        if (version != null && version.matches("[A-Za-z0-9._-]+")) {
          return version;
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return null;
  }
}
