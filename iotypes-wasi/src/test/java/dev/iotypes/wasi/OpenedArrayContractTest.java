package dev.iotypes.wasi;

import dev.iotypes.IoArray;
import dev.iotypes.testing.ArrayKind;
import dev.iotypes.testing.Fixture;
import dev.iotypes.testing.IoArrayContract;
import dev.iotypes.wasi.sandbox.Root;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Named;

/**
 * The {@link IoArray} contract, run against the array behind a file descriptor as {@code path_open}
 * makes one: through a preopened host directory (a channel opened beneath it) and through a name
 * bound writable in I/O-types mode.
 */
class OpenedArrayContractTest extends IoArrayContract {
  private static final String NAME = "file.bin";

  @Override
  protected List<Named<ArrayKind>> arrays() {
    return List.of(
        Named.of(
            "opened beneath a host directory", new ArrayKind(true, OpenedArrayContractTest::host)),
        Named.of("opened by a bound name", new ArrayKind(true, OpenedArrayContractTest::bound)));
  }

  private static IoArray host(byte[] content, Fixture fixture) throws Exception {
    Path dir = Files.createDirectory(fixture.newPath(".dir"));
    Files.write(dir.resolve(NAME), content);
    Root root = Root.open(dir, false);
    fixture.register(root.stream());
    return array(new HostDirectory(root, List.of()));
  }

  private static IoArray bound(byte[] content, Fixture fixture) throws Exception {
    Path file = fixture.newFile(content);
    Bound.Dir names = new Bound.Dir(Map.of(NAME, new Bound.File(file, NAME, true)));
    return array(new BoundDirectory(names, List.of()));
  }

  /** Opened for reading and writing, not following links, as path_open does. */
  private static IoArray array(Directory directory) {
    Descriptor opened =
        directory.open(
            new Directory.OpenRequest(NAME, false, false, false, false, false, true, true, 0));
    return ((Descriptor.ArrayFd) opened).array();
  }
}
