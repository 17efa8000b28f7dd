package dev.iotypes.cli;

import dev.iotypes.AtomicFile;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The file outputs of one run that are written beside their targets ({@link AtomicFile}) and put in
 * place together, at the end, only if the run succeeded: main returned {@code ok} (exit status 0)
 * and no input or output failed. Otherwise every target keeps its old bytes. The renames are one
 * after another, not one transaction: a failure half-way (a full disk, a directory made read-only
 * meanwhile) leaves the outputs before it replaced, and the one that failed and those after it as
 * they were; the failure is named on stderr.
 */
final class Staging {
  private record Staged(String arg, AtomicFile file) {}

  private final List<Staged> staged = new ArrayList<>();

  /**
   * Stages {@code path}, bound from {@code arg}, and returns where to write it. One target bound
   * twice as an output is refused: which of the two should win?
   */
  Path stage(String arg, Path path) throws BoundaryException, IOException {
    AtomicFile file;
    try {
      file = AtomicFile.create(path);
    } catch (AccessDeniedException e) {
      if (e.getReason() == null) {
        throw e; // the target itself: "permission denied" as for any output
      }
      throw new BoundaryException(
          "permission denied: cannot create a file in "
              + Boundary.shown(e.getFile())
              + " to replace "
              + Boundary.shown(arg)
              + " atomically (--no-atomic writes it in place)");
    }
    for (Staged other : staged) {
      if (other.file().target().equals(file.target())) {
        file.discard();
        throw new BoundaryException(
            Boundary.shown(arg)
                + ": bound twice as an output (also as "
                + Boundary.shown(other.arg())
                + ")");
      }
    }
    staged.add(new Staged(arg, file));
    return file.staged();
  }

  /**
   * Puts every staged output in place if {@code keep}, else deletes them; call it once the handles
   * over them are closed. Returns a problem per output that could not be put in place.
   */
  List<Boundary.Problem> settle(boolean keep) {
    List<Boundary.Problem> problems = new ArrayList<>();
    for (Staged s : staged) {
      if (!keep || !problems.isEmpty()) {
        s.file().discard();
        continue;
      }
      try {
        s.file().commit();
      } catch (IOException e) {
        problems.add(
            new Boundary.Problem(
                Boundary.shown(s.arg()) + ": not replaced: " + Boundary.reason(e), false));
      }
    }
    staged.clear();
    return problems;
  }
}
