package dev.iotypes;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A tar, or a tar compressed with gzip as it is written, through Apache Commons Compress. A tar
 * header states the file's size, so no file is streamed: each is written whole once closed, from
 * its {@link EntrySpool}. Long and non-ASCII names and sizes past 8 GiB go in POSIX (pax) headers;
 * files are {@code 0644} and directories {@code 0755}, owned by user and group 0 with no names, so
 * the archive says nothing of who wrote it.
 */
final class TarWriter implements ArchiveWriter {
  private static final int BUFFER = 64 * 1024;

  private final OutputStream file;
  private final TarArchiveOutputStream tar;

  TarWriter(OutputStream file, boolean gzip) throws IOException {
    this.file = file;
    OutputStream buffered = new BufferedOutputStream(file, BUFFER);
    this.tar =
        new TarArchiveOutputStream(
            gzip ? new GZIPOutputStream(buffered, BUFFER) : buffered, "UTF-8");
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
  }

  @Override
  public boolean streams() {
    return false;
  }

  @Override
  public void directory(String name, Instant time) throws IOException {
    TarArchiveEntry entry = entry(name + "/", time, TarConstants.LF_DIR);
    entry.setMode(TarArchiveEntry.DEFAULT_DIR_MODE);
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }

  @Override
  public OutputStream startFile(String name, Instant time) {
    throw new UnsupportedOperationException("a tar needs each file's size first");
  }

  @Override
  public void endFile() {
    throw new UnsupportedOperationException("a tar needs each file's size first");
  }

  @Override
  public void file(String name, Instant time, EntrySpool spool) throws IOException {
    TarArchiveEntry entry = entry(name, time, TarConstants.LF_NORMAL);
    entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE);
    entry.setSize(spool.size());
    tar.putArchiveEntry(entry);
    spool.copyTo(tar);
    tar.closeArchiveEntry();
  }

  @Override
  public void finish() throws IOException {
    tar.finish();
    tar.close();
  }

  @Override
  public void abandon() {
    try {
      file.close();
    } catch (IOException e) {
      // Already failing; the archive is discarded.
    }
  }

  private static TarArchiveEntry entry(String name, Instant time, byte kind) {
    TarArchiveEntry entry = new TarArchiveEntry(name, kind);
    entry.setModTime(FileTime.from(time));
    entry.setIds(0, 0);
    entry.setUserName("");
    entry.setGroupName("");
    return entry;
  }
}
