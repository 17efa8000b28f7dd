package dev.iotypes.testing;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.iotypes.DirectoryEntry;
import dev.iotypes.Input;
import dev.iotypes.InputDirectory;
import dev.iotypes.IoTypes;
import dev.iotypes.Origin;
import dev.iotypes.OutputDirectory;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** The contract run against every output directory backend of iotypes-core. */
class CoreOutputDirectoryContractTest extends OutputDirectoryContract {
  @Override
  protected List<Named<OutputDirectoryKind>> outputDirectories() {
    return List.of(
        Named.of("folder", fixture -> folder(fixture.newPath(""), fixture.newPath("-outside"))),
        Named.of(
            "jimfs folder",
            fixture -> {
              FileSystem jimfs = fixture.register(Jimfs.newFileSystem(Configuration.unix()));
              return folder(jimfs.getPath("/out"), jimfs.getPath("/outside"));
            }),
        Named.of(
            "map",
            fixture -> {
              Map<String, byte[]> files = new TreeMap<>();
              OutputDirectory directory = IoTypes.outputDirectory(files, Origin.named("map"));
              return new OutputDirectoryKind.Made() {
                @Override
                public OutputDirectory directory() {
                  return directory;
                }

                @Override
                public Map<String, byte[]> files() {
                  return Map.copyOf(files);
                }
              };
            }),
        Named.of("zip", fixture -> archive(fixture.newPath("-out.zip"))),
        Named.of("tar", fixture -> archive(fixture.newPath("-out.tar"))),
        Named.of("tar.gz", fixture -> archive(fixture.newPath("-out.tar.gz"))));
  }

  /**
   * An archive written at {@code path}. What it holds is read back the way a program would read it,
   * through an input directory over the finished archive: so asking ends the archive first.
   */
  private static OutputDirectoryKind.Made archive(Path path) throws IOException {
    OutputDirectory directory = IoTypes.outputDirectory(path, Origin.named("out"));
    return new OutputDirectoryKind.Made() {
      @Override
      public OutputDirectory directory() {
        return directory;
      }

      @Override
      public Map<String, byte[]> files() throws IOException {
        directory.close();
        Map<String, byte[]> files = new TreeMap<>();
        try (InputDirectory written = IoTypes.inputDirectory(path)) {
          for (DirectoryEntry entry; (entry = written.next().orElse(null)) != null; ) {
            if (entry.kind() == DirectoryEntry.Kind.FILE) {
              try (Input input = entry.open()) {
                files.put(entry.name(), Fixture.drain(input, 8192));
              }
            }
          }
        }
        return files;
      }
    };
  }

  /** A folder (the platform's walk on the default file system, the fallback on jimfs). */
  private static OutputDirectoryKind.Made folder(Path root, Path outside) throws IOException {
    Files.createDirectories(root);
    Files.createDirectories(outside);
    OutputDirectory directory = IoTypes.outputDirectory(root, Origin.named("out"));
    return new OutputDirectoryKind.Made() {
      @Override
      public OutputDirectory directory() {
        return directory;
      }

      @Override
      public Map<String, byte[]> files() throws IOException {
        return regularFiles(root);
      }

      @Override
      public boolean plantLinkOut(String name) throws IOException {
        Files.createSymbolicLink(root.resolve(name), outside);
        return true;
      }

      @Override
      public Map<String, byte[]> outside() throws IOException {
        return regularFiles(outside);
      }
    };
  }

  private static Map<String, byte[]> regularFiles(Path root) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
          files.put(root.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path));
        }
      }
    }
    return files;
  }
}
