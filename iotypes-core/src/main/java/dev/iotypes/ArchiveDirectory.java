package dev.iotypes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * A {@code .zip}, {@code .tar} or {@code .tar.gz} archive as an input directory, read through
 * Apache Commons Compress from its central directory (zip) or headers (tar): listing reads no
 * entry's bytes, and an entry is decompressed only when opened. A {@code .tar.gz} has no index, so
 * it is first decompressed to a temporary file, deleted as soon as it is open.
 *
 * <p>Only regular files and directories become entries: symbolic and hard links, devices and FIFOs
 * are skipped, as a folder's are. Names follow {@link PortableName}: one hostile name refuses the
 * whole archive, when it is opened, before any program sees an entry.
 */
final class ArchiveDirectory {
  private static final int TAR_BLOCK = 10240;
  private static final int TAR_RECORD = 512;

  private ArchiveDirectory() {}

  /** Whether {@code name} ends as an archive this class reads. */
  static boolean isArchive(String name) {
    return isZip(name) || isTar(name) || isTarGz(name);
  }

  /**
   * The most a {@code .tar.gz} may hold decompressed (the default of {@code --max-array-size}): it
   * is spooled to a temporary file, and a small file can decompress to any size.
   */
  static final long MAX_UNPACKED = 4L << 30;

  static InputDirectory open(Path path, Origin origin) throws IOException {
    return open(path, origin, MAX_UNPACKED);
  }

  static InputDirectory open(Path path, Origin origin, long maxUnpacked) throws IOException {
    String name = path.getFileName() == null ? "" : path.getFileName().toString();
    if (isZip(name)) {
      return zip(Files.newByteChannel(path), origin);
    }
    if (isTarGz(name)) {
      return tar(gunzipped(path, maxUnpacked), origin);
    }
    if (isTar(name)) {
      return tar(Files.newByteChannel(path), origin);
    }
    throw new IOException("not a .zip, .tar, .tar.gz or .tgz: " + path);
  }

  static InputDirectory zip(SeekableByteChannel channel, Origin origin) throws IOException {
    ZipFile zip;
    try {
      zip = ZipFile.builder().setSeekableByteChannel(channel).get();
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    ListedDirectory listed = new ListedDirectory(origin.pseudonym(), zip::close);
    try {
      for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
        add(
            listed,
            entry.getName(),
            !entry.isUnixSymlink(),
            entry.isDirectory(),
            entry.getSize(),
            o -> new StreamInput(zip.getInputStream(entry), o));
      }
    } catch (IOException | RuntimeException e) {
      listed.close();
      throw e;
    }
    return listed;
  }

  static InputDirectory tar(SeekableByteChannel channel, Origin origin) throws IOException {
    TarFile tar;
    try {
      tar = new TarFile(channel, TAR_BLOCK, TAR_RECORD, "UTF-8", false);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    ListedDirectory listed = new ListedDirectory(origin.pseudonym(), tar::close);
    try {
      for (TarArchiveEntry entry : tar.getEntries()) {
        add(
            listed,
            entry.getName(),
            entry.isDirectory() || isRegular(entry),
            entry.isDirectory(),
            entry.getSize(),
            o -> new StreamInput(tar.getInputStream(entry), o));
      }
    } catch (IOException | RuntimeException e) {
      listed.close();
      throw e;
    }
    return listed;
  }

  /**
   * Lists one entry under its portable name, if {@code kept} (a link, a device is not). Every name
   * is checked, kept or not: one hostile name refuses the archive. The archive's own root entry
   * ({@code ./}) is none.
   */
  private static void add(
      ListedDirectory listed,
      String rawName,
      boolean kept,
      boolean directory,
      long size,
      DirectoryEntry.Opener opener)
      throws IOException {
    String name = portable(rawName);
    if (name.isEmpty() || !kept) {
      return;
    }
    if (directory) {
      listed.add(name, DirectoryEntry.Kind.DIRECTORY, -1, o -> null);
    } else {
      listed.add(name, DirectoryEntry.Kind.FILE, size, opener);
    }
  }

  private static boolean isRegular(TarArchiveEntry entry) {
    return !(entry.isSymbolicLink()
        || entry.isLink()
        || entry.isCharacterDevice()
        || entry.isBlockDevice()
        || entry.isFIFO()
        || entry.isDirectory());
  }

  private static String portable(String raw) throws IOException {
    try {
      return PortableName.ofArchive(raw);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage());
    }
  }

  /** The decompressed tar in a file already deleted: it lives as long as the channel. */
  private static SeekableByteChannel gunzipped(Path path, long maxUnpacked) throws IOException {
    Path temp = Files.createTempFile("iotypes-", ".tar");
    FileChannel channel;
    try {
      channel = FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } finally {
      Files.deleteIfExists(temp);
    }
    try (InputStream in = new GZIPInputStream(Files.newInputStream(path), 1 << 16)) {
      byte[] buffer = new byte[1 << 16];
      long total = 0;
      for (int n; (n = in.read(buffer)) > 0; ) {
        total += n;
        if (total > maxUnpacked) {
          throw new IOException(
              "holds more than " + maxUnpacked + " bytes decompressed: " + path.getFileName());
        }
        for (ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n); chunk.hasRemaining(); ) {
          channel.write(chunk);
        }
      }
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    return channel.position(0);
  }

  static boolean isZip(String name) {
    return endsWith(name, ".zip");
  }

  static boolean isTar(String name) {
    return endsWith(name, ".tar");
  }

  static boolean isTarGz(String name) {
    return endsWith(name, ".tar.gz") || endsWith(name, ".tgz");
  }

  private static boolean endsWith(String name, String suffix) {
    return name.regionMatches(true, name.length() - suffix.length(), suffix, 0, suffix.length());
  }
}
