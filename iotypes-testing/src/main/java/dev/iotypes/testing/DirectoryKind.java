package dev.iotypes.testing;

import dev.iotypes.InputDirectory;
import java.util.Map;

/**
 * One backend of {@link InputDirectory} under test, as a factory: it lays {@code files} out its own
 * way (a folder, an archive, a map) and opens the result. Name it with {@link
 * org.junit.jupiter.api.Named} so that each contract test reports which backend it ran against.
 */
@FunctionalInterface
public interface DirectoryKind {
  /**
   * A directory holding exactly {@code files} (portable names to contents; parents implied); {@code
   * fixture} releases whatever else was made.
   */
  InputDirectory open(Map<String, byte[]> files, Fixture fixture) throws Exception;
}
