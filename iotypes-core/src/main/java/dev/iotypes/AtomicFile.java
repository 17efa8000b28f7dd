package dev.iotypes;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A file that is replaced only on purpose: the talk's "a way to do fsync which preserves intent".
 * Bytes go to a staged file beside the target (same directory, a hidden name of its own), and the
 * target changes only when the writer says the work succeeded: {@link #commit()} syncs the staged
 * file, renames it over the target in one step and syncs the directory. Until then, and for good
 * after {@link #discard()}, the target holds its old bytes, whatever the program did, however it
 * ended, and whatever a reader of the target saw in the meantime: no one ever sees half a file.
 *
 * <p>The staged file starts with the target's permissions when the target exists (as {@code sed -i}
 * keeps them), else with those a new file gets ({@code 0666} less the umask). The target's owner
 * and other hard links are not carried over: the rename makes a new file. A symbolic link is
 * followed, and the file it points to is replaced. Staged files still pending when the JVM shuts
 * down (an interrupt, {@code SIGTERM}) are deleted; only a {@code SIGKILL} or a crash leaves one
 * behind, under its hidden name.
 */
public final class AtomicFile {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<AtomicFile> PENDING = ConcurrentHashMap.newKeySet();
  private static final int NAME_KEPT = 200; // of the target's name in the staged one

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> PENDING.forEach(AtomicFile::discard), "iotypes-staged-files"));
  }

  private final Path target;
  private final Path staged;
  private boolean settled;

  private AtomicFile(Path target, Path staged) {
    this.target = target;
    this.staged = staged;
  }

  /**
   * Whether writing {@code target} can be staged: it does not exist, or it is a regular file (after
   * links). A device, a FIFO or a directory is written in place or refused, never renamed over.
   */
  public static boolean applies(Path target) {
    return !Files.exists(target) || Files.isRegularFile(target);
  }

  /**
   * Creates the staged file beside {@code target}, empty.
   *
   * @throws AccessDeniedException naming {@code target} if it exists and may not be written, or
   *     naming the directory if no file can be created in it
   * @throws IOException if the directory is missing or the file cannot be made
   */
  public static AtomicFile create(Path target) throws IOException {
    Objects.requireNonNull(target, "target");
    Path real = Files.exists(target) ? target.toRealPath() : target.toAbsolutePath().normalize();
    boolean replacing = Files.exists(real);
    if (replacing && !Files.isWritable(real)) {
      throw new AccessDeniedException(target.toString());
    }
    Path directory = real.getParent();
    String name = real.getFileName().toString();
    String kept = name.length() > NAME_KEPT ? name.substring(0, NAME_KEPT) : name;
    Set<PosixFilePermission> mode = replacing ? posixMode(real) : null;
    while (true) {
      byte[] random = new byte[6];
      RANDOM.nextBytes(random);
      Path staged = directory.resolve("." + kept + ".iotypes-" + HexFormat.of().formatHex(random));
      try {
        createStaged(staged, replacing, mode);
      } catch (FileAlreadyExistsException e) {
        continue;
      } catch (AccessDeniedException e) {
        throw new AccessDeniedException(
            directory.toString(), null, "cannot create a file beside " + name);
      }
      AtomicFile file = new AtomicFile(real, staged);
      PENDING.add(file);
      return file;
    }
  }

  /**
   * A new file gets the mode {@code open(2)} gives ({@code 0666} less the umask); a replacement
   * gets the old file's mode, set before any byte is written, so no one reads it under looser
   * permissions.
   */
  private static void createStaged(Path staged, boolean replacing, Set<PosixFilePermission> mode)
      throws IOException {
    if (mode == null && replacing) {
      Files.createFile(staged); // not POSIX: the file system's default
      return;
    }
    try {
      Files.createFile(
          staged,
          PosixFilePermissions.asFileAttribute(
              replacing
                  ? PosixFilePermissions.fromString("rw-------")
                  : PosixFilePermissions.fromString("rw-rw-rw-")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(staged);
      return;
    }
    if (mode != null) {
      Files.setPosixFilePermissions(staged, mode);
    }
  }

  private static Set<PosixFilePermission> posixMode(Path file) throws IOException {
    try {
      return Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException e) {
      return null;
    }
  }

  /** The file being replaced, its links resolved. */
  public Path target() {
    return target;
  }

  /** Where the new bytes go until {@link #commit()}: beside the target, under a hidden name. */
  public Path staged() {
    return staged;
  }

  /**
   * Puts the staged file in place of the target: syncs its bytes, renames it over the target
   * atomically, then syncs the directory where the file system allows it. Write through every
   * handle on the staged file, and close them, first. Committing twice, or after {@link
   * #discard()}, is refused.
   *
   * @throws IOException if the sync or the rename fails; the staged file is then deleted and the
   *     target left as it was
   */
  public synchronized void commit() throws IOException {
    if (settled) {
      throw new IllegalStateException("already committed or discarded: " + target);
    }
    settled = true;
    PENDING.remove(this);
    try {
      try (FileChannel file = FileChannel.open(staged, StandardOpenOption.WRITE)) {
        file.force(true);
      }
      Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(staged);
      throw e;
    }
    syncDirectory(target.getParent());
  }

  /** Deletes the staged file and leaves the target as it was; after a commit, does nothing. */
  public synchronized void discard() {
    if (settled) {
      return;
    }
    settled = true;
    PENDING.remove(this);
    try {
      Files.deleteIfExists(staged);
    } catch (IOException e) {
      // Nothing more to do: the name is hidden, and the target is untouched either way.
    }
  }

  /** Makes the rename durable; a directory that cannot be opened for a sync (not Linux) is left. */
  private static void syncDirectory(Path directory) {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | RuntimeException e) {
      // The rename happened; its durability is the file system's ordinary one.
    }
  }

  @Override
  public String toString() {
    return "AtomicFile[" + target + "]";
  }
}
