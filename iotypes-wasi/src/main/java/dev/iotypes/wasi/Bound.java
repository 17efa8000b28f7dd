package dev.iotypes.wasi;

import dev.iotypes.Input;
import dev.iotypes.wasi.sandbox.Root;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A name bound at the boundary in I/O-types mode: the only names a program run without preopens can
 * open. Built once by {@link WasiCommand} from the program's arguments and options.
 */
sealed interface Bound {
  /** A directory made of bound names only (the parents of what was bound). */
  record Dir(Map<String, Bound> children) implements Bound {
    Dir() {
      this(new LinkedHashMap<>());
    }
  }

  /** An existing file argument, opened as an I/O array; writable only if the user said so. */
  record File(Path host, String spelling, boolean writable) implements Bound {}

  /** A name the program may create and write: a named output. */
  record Creatable(Path host, String spelling) implements Bound {}

  /**
   * {@code -}: standard input when opened for reading, standard output for writing, each with the
   * filetype of its descriptor (0 or 1).
   */
  record Dash(Input stdin, int stdinFiletype, dev.iotypes.Output stdout, int stdoutFiletype)
      implements Bound {}

  /** A directory argument: a read-only host directory, confined like a preopen. */
  record HostDir(Root root) implements Bound {}
}
