package dev.iotypes.testing;

import dev.iotypes.OutputDirectory;
import java.util.Map;

/**
 * One backend of {@link OutputDirectory} under test, as a factory. Name it with {@link
 * org.junit.jupiter.api.Named} so that each contract test reports which backend it ran against.
 */
@FunctionalInterface
public interface OutputDirectoryKind {
  /** An empty output directory, and a way to see what was made in it; {@code fixture} cleans up. */
  Made open(Fixture fixture) throws Exception;

  /** A directory under test and what the suite may ask of its backend. */
  interface Made {
    OutputDirectory directory();

    /**
     * Every file the backend holds now, by portable name (parents implied), read from the backend
     * itself and not through the directory.
     */
    Map<String, byte[]> files() throws Exception;

    /**
     * Plants a symbolic link named {@code name} beneath the root that points at an empty folder
     * outside it, as another process could; returns false if the backend has no links. The suite
     * then checks that nothing is created through it.
     */
    default boolean plantLinkOut(String name) throws Exception {
      return false;
    }

    /** What the folder a planted link points to holds now (empty when nothing leaked). */
    default Map<String, byte[]> outside() throws Exception {
      return Map.of();
    }
  }
}
