package dev.iotypes.wasi;

import dev.iotypes.testing.Fixture;
import dev.iotypes.wasi.sandbox.Root;
import java.nio.file.Path;
import java.util.List;

/** The directory contract for a preopened host directory. */
class HostDirectoryContractTest extends DirectoryContract {
  @Override
  Directory open(Path tree, Fixture fixture) throws Exception {
    Root root = Root.open(tree, false);
    fixture.register(root.stream());
    return new HostDirectory(root, List.of());
  }
}
