package dev.iotypes.wasm;

import com.dylibso.chicory.compiler.Cache;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Properties;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Compiled modules on disk, keyed by the module's SHA-256, so that a module is compiled to JVM
 * bytecode once per Chicory version rather than once per run.
 *
 * <p>Each entry is {@code MAGIC, payload length (8 bytes), CRC-32C of the payload (4 bytes),
 * payload}: the check is against a torn or damaged file, not an adversary (the directory is the
 * owner's alone), so a checksum the CPU computes in hardware serves where a cryptographic hash
 * would cost start-up on every run. Writers write a temporary file and rename it into place, so
 * concurrent writers of one module each publish a whole entry and readers never see half of one. An
 * entry that is truncated, corrupt or unreadable is deleted and counts as a miss: the module is
 * compiled again. No failure of the cache ever fails a run.
 *
 * <p>The entries are JVM classes, so the directory is as sensitive as the class path: it is created
 * private to its owner, and a directory that others may write is not used.
 */
final class ModuleCache implements Cache {
  private static final byte[] MAGIC =
      "iotypes-module-cache-2\n".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER = MAGIC.length + Long.BYTES + Integer.BYTES;
  private static final int HASH = 32;

  private final Path dir;

  private ModuleCache(Path dir) {
    this.dir = dir;
  }

  /**
   * A cache in {@code root}, in a subdirectory for this Chicory version, or {@code null} if it
   * cannot be made or is not safe to use.
   */
  static ModuleCache in(Path root) {
    try {
      String version = chicoryVersion();
      if (version == null) {
        return null; // classes from an unknown compiler could be another's
      }
      Path dir = root.resolve("chicory-" + version);
      Files.createDirectories(dir);
      if (!privateTo(root) || !privateTo(dir)) {
        return null;
      }
      return new ModuleCache(dir);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  Path dir() {
    return dir;
  }

  @Override
  public byte[] get(String key) {
    Path file = file(key);
    byte[] entry;
    try {
      entry = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
    ByteBuffer header = ByteBuffer.wrap(entry);
    if (entry.length < HEADER
        || !Arrays.equals(entry, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
        || header.getLong(MAGIC.length) != entry.length - HEADER
        || header.getInt(MAGIC.length + Long.BYTES) != crc(entry, HEADER, entry.length - HEADER)) {
      delete(file);
      return null;
    }
    return Arrays.copyOfRange(entry, HEADER, entry.length);
  }

  @Override
  public void putIfAbsent(String key, byte[] payload) {
    Path file = file(key);
    if (Files.exists(file)) {
      return;
    }
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      ByteBuffer entry = ByteBuffer.allocate(HEADER + payload.length);
      entry.put(MAGIC).putLong(payload.length).putInt(crc(payload, 0, payload.length)).put(payload);
      Files.write(tmp, entry.array());
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        return; // no half-written entries, ever: go without the cache instead
      }
      tmp = null;
    } catch (IOException | RuntimeException e) {
      // A full disk or a read-only home makes every run compile; it never fails one.
    } finally {
      if (tmp != null) {
        delete(tmp);
      }
    }
  }

  /** Deletes the entry for {@code key}, if any. */
  void evict(String key) {
    delete(file(key));
  }

  /** The entry's file: the key ({@code sha256:BASE64}) as hex, or hashed if it is anything else. */
  Path file(String key) {
    byte[] digest = null;
    if (key.startsWith("sha256:")) {
      try {
        digest = java.util.Base64.getDecoder().decode(key.substring("sha256:".length()));
      } catch (IllegalArgumentException e) {
        digest = null;
      }
    }
    if (digest == null || digest.length != HASH) {
      byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
      digest = sha256(bytes, 0, bytes.length);
    }
    return dir.resolve(HexFormat.of().formatHex(digest) + ".jar");
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

  private static byte[] sha256(byte[] bytes, int offset, int length) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(bytes, offset, length);
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The Chicory compiler's version: compiled classes are only valid for the compiler that made
   * them.
   */
  static String chicoryVersion() {
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
