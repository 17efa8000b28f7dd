package dev.iotypes;

/**
 * An output directory: where a program creates named outputs, and nothing else. It cannot list,
 * read, replace, delete or follow anything: each name is checked ({@link PortableName}) before
 * anything is created, its parents are made as needed, and a name that already exists, as a file, a
 * directory or a link, is not touched.
 *
 * <p>Used by one thread at a time. Closing it closes nothing it created: each output is its own. An
 * archive is ended once it and every output made in it are closed.
 */
public interface OutputDirectory extends AutoCloseable {
  /**
   * A new output named {@code name} beneath this directory. A name that exists already, a parent
   * that is a file or a link, or a failure of the backend gives an output that fails on its first
   * write, with the reason: an outcome, as for any output.
   *
   * @throws IllegalArgumentException if {@code name} is not portable: the caller wrote it
   */
  Output create(String name);

  Pseudonym pseudonym();

  /**
   * Later calls throw {@link IllegalStateException}; twice is fine.
   *
   * @throws java.io.UncheckedIOException from an archive that could not be written: whoever bound
   *     it must not keep it
   */
  @Override
  void close();
}
