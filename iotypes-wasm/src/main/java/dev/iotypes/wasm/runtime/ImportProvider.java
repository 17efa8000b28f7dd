package dev.iotypes.wasm.runtime;

import com.dylibso.chicory.runtime.ImportFunction;
import dev.iotypes.Clock;
import dev.iotypes.DirectoryEntry;
import dev.iotypes.Output;
import dev.iotypes.Random;
import dev.iotypes.wasm.GuestException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a host module implements to be given to a typed main's instance besides {@code iotypes}
 * ({@code iotypes-wasi}'s preview1 for a guest linked with wasi-libc): the imports of each run,
 * made afresh. Embedders see it only wrapped, as a {@link dev.iotypes.wasm.HostImports}, which
 * names no Chicory type; {@link GuestAccess#hostImports} wraps it.
 */
public interface ImportProvider {
  /**
   * What a run hands the imports it gets.
   *
   * @param guest the module's name, as loaded
   * @param diagnostics where the user is told of failures: the run's diagnostic output, the
   *     caller's (to be flushed, never closed)
   * @param watchdog the run's time budget, which every host function must observe
   * @param maxHandles the most host resources (handles, descriptors) one instance may hold
   * @param clock the clock the typed main was handed (its first {@code clock} parameter), if any:
   *     imports that tell the time (libc's {@code clock_gettime}) read this one, so the program
   *     sees one time whichever way it asks
   * @param random the random source the typed main was handed (its first {@code random} parameter),
   *     if any, for the same reason
   * @param directories the entries of each input directory the typed main was handed, by parameter
   *     name: imports that read directories (libc's {@code opendir}) show these, and no other
   */
  record Context(
      String guest,
      Output diagnostics,
      Watchdog watchdog,
      int maxHandles,
      Optional<Clock> clock,
      Optional<Random> random,
      Map<String, List<DirectoryEntry>> directories) {}

  /**
   * The imports of one run.
   *
   * @throws GuestException if they cannot be made for this run
   */
  Session open(Context context) throws GuestException;

  /** One run's imports, and what ends with the run (the instance, or the provider it became). */
  interface Session extends AutoCloseable {
    /** No import, nothing to release. */
    Session EMPTY =
        new Session() {
          @Override
          public List<ImportFunction> functions() {
            return List.of();
          }

          @Override
          public OptionalInt exitStatus(Throwable thrown) {
            return OptionalInt.empty();
          }

          @Override
          public void close() {}
        };

    List<ImportFunction> functions();

    /**
     * The exit status a guest asked for, when {@code thrown} (what ended its call) is one of these
     * imports ending the program on its behalf, as {@code proc_exit} does; else empty, and the run
     * ended as a trap or a limit does.
     */
    OptionalInt exitStatus(Throwable thrown);

    /** Flushes and releases what the run was given. Never throws. */
    @Override
    void close();
  }
}
