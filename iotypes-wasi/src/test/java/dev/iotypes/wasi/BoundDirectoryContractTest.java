package dev.iotypes.wasi;

import dev.iotypes.testing.Fixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The directory contract for the names bound at the boundary in I/O-types mode. */
class BoundDirectoryContractTest extends DirectoryContract {
  @Override
  Directory open(Path tree, Fixture fixture) {
    Bound.Dir sub =
        new Bound.Dir(
            Map.of("b.txt", new Bound.File(tree.resolve("sub/b.txt"), "sub/b.txt", false)));
    Bound.Dir names =
        new Bound.Dir(
            Map.of("a.txt", new Bound.File(tree.resolve("a.txt"), "a.txt", false), "sub", sub));
    return new BoundDirectory(names, List.of());
  }
}
