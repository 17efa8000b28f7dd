package dev.iotypes;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * A zip written as a stream through Apache Commons Compress: each file is deflated as it comes, its
 * local header written before its first byte and its sizes after its last, in a data descriptor, so
 * no file is held whole anywhere. Names are UTF-8 with the language encoding flag set; files are
 * {@code 0644} and directories {@code 0755}, made on Unix. ZIP64 records are written where an
 * offset needs them; a streamed file must stay under 4 GiB (the size its data descriptor can hold
 * without one), and a bigger one fails, which fails the archive.
 */
final class ZipWriter implements ArchiveWriter {
  private static final int BUFFER = 64 * 1024;
  private static final int FILE_MODE = 0100644;
  private static final int DIRECTORY_MODE = 040755;

  private final OutputStream file;
  private final ZipArchiveOutputStream zip;
  private final OutputStream entry;

  ZipWriter(OutputStream file) {
    this.file = file;
    this.zip = new ZipArchiveOutputStream(new BufferedOutputStream(file, BUFFER));
    zip.setEncoding("UTF-8");
    zip.setUseLanguageEncodingFlag(true);
    zip.setCreateUnicodeExtraFields(ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
    zip.setUseZip64(Zip64Mode.AsNeeded);
    this.entry =
        new FilterOutputStream(zip) {
          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            zip.write(b, off, len);
          }

          @Override
          public void close() {}
        };
  }

  @Override
  public boolean streams() {
    return true;
  }

  @Override
  public void directory(String name, Instant time) throws IOException {
    ZipArchiveEntry directory = entry(name + "/", time, DIRECTORY_MODE);
    directory.setMethod(ZipArchiveEntry.STORED); // as zip(1) makes it: no data, no descriptor
    directory.setSize(0);
    directory.setCompressedSize(0);
    directory.setCrc(0);
    zip.putArchiveEntry(directory);
    zip.closeArchiveEntry();
  }

  @Override
  public OutputStream startFile(String name, Instant time) throws IOException {
    zip.putArchiveEntry(entry(name, time, FILE_MODE));
    return entry;
  }

  @Override
  public void endFile() throws IOException {
    zip.closeArchiveEntry();
  }

  @Override
  public void file(String name, Instant time, EntrySpool spool) throws IOException {
    ZipArchiveEntry file = entry(name, time, FILE_MODE);
    file.setSize(spool.size());
    zip.putArchiveEntry(file);
    spool.copyTo(entry);
    zip.closeArchiveEntry();
  }

  @Override
  public void finish() throws IOException {
    zip.finish();
    zip.close();
  }

  @Override
  public void abandon() {
    try {
      file.close();
    } catch (IOException e) {
      // Already failing; the archive is discarded.
    }
  }

  private static ZipArchiveEntry entry(String name, Instant time, int mode) {
    ZipArchiveEntry entry = new ZipArchiveEntry(name);
    entry.setMethod(ZipArchiveEntry.DEFLATED);
    entry.setTime(time.toEpochMilli());
    entry.setUnixMode(mode);
    return entry;
  }
}
