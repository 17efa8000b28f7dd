package dev.iotypes.testing;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.iotypes.InputDirectory;
import dev.iotypes.IoTypes;
import dev.iotypes.Origin;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Named;

/** The contract run against every input directory backend of iotypes-core. */
class CoreInputDirectoryContractTest extends InputDirectoryContract {
  @Override
  protected List<Named<DirectoryKind>> directories() {
    return List.of(
        Named.of("folder", (files, fixture) -> IoTypes.inputDirectory(folder(files, fixture))),
        Named.of(
            "jimfs folder",
            (files, fixture) -> {
              FileSystem jimfs = fixture.register(Jimfs.newFileSystem(Configuration.unix()));
              return IoTypes.inputDirectory(
                  write(files, jimfs.getPath("/tree")), Origin.named("tree"));
            }),
        Named.of("zip", (files, fixture) -> zip(files, fixture, true)),
        Named.of("zip without directory entries", (files, fixture) -> zip(files, fixture, false)),
        Named.of("tar", (files, fixture) -> tar(files, fixture, false)),
        Named.of("tar.gz", (files, fixture) -> tar(files, fixture, true)),
        Named.of("map", (files, fixture) -> IoTypes.inputDirectory(files, Origin.named("map"))));
  }

  static Path folder(Map<String, byte[]> files, Fixture fixture) throws IOException {
    return write(files, fixture.newPath(""));
  }

  static Path write(Map<String, byte[]> files, Path root) throws IOException {
    Files.createDirectories(root);
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Path path = root.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.write(path, file.getValue());
    }
    return root;
  }

  /** Every parent of every file, as an archiver walking the tree would add them. */
  static TreeSet<String> parents(Map<String, byte[]> files) {
    TreeSet<String> parents = new TreeSet<>();
    for (String name : files.keySet()) {
      for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
        parents.add(name.substring(0, slash + 1));
      }
    }
    return parents;
  }

  static InputDirectory zip(Map<String, byte[]> files, Fixture fixture, boolean directories)
      throws IOException {
    Path path = fixture.newPath(".zip");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(path))) {
      if (directories) {
        for (String parent : parents(files)) {
          zip.putNextEntry(new ZipEntry(parent));
          zip.closeEntry();
        }
      }
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(file.getKey()));
        zip.write(file.getValue());
        zip.closeEntry();
      }
    }
    return IoTypes.inputDirectory(path);
  }

  static InputDirectory tar(Map<String, byte[]> files, Fixture fixture, boolean gzip)
      throws IOException {
    Path path = fixture.newPath(gzip ? ".tar.gz" : ".tar");
    OutputStream out = Files.newOutputStream(path);
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(gzip ? new GZIPOutputStream(out) : out, "UTF-8")) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.putArchiveEntry(new TarArchiveEntry("./")); // what `tar -C dir .` writes first
      tar.closeArchiveEntry();
      for (String parent : parents(files)) {
        tar.putArchiveEntry(new TarArchiveEntry("./" + parent));
        tar.closeArchiveEntry();
      }
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry("./" + file.getKey());
        entry.setSize(file.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(file.getValue());
        tar.closeArchiveEntry();
      }
    }
    return IoTypes.inputDirectory(path);
  }
}
