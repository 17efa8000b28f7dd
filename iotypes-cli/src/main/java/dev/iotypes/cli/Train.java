package dev.iotypes.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The training run behind the launcher's start-up archive ({@code IOTYPES_CDS=dump}, done by {@code
 * mvn package}): the JVM records the classes (and, from Java 25 on, their linkage and profiles)
 * that this run uses, and later runs map them instead of loading them again. One run of {@code
 * iotypes run} would teach only its own path, so this one walks the common ones in one JVM: typed
 * mains (a filter, a forward, a greeting) and a libc-mode command with its arguments bound and with
 * a preopened directory, each twice. The launcher runs it once to fill a module cache and once,
 * with every module a cache hit, to write the archive. Run from the project's root, with standard
 * output thrown away; exits non-zero if any run fails, and then the build drops the archive.
 */
public final class Train {
  private static final List<List<String>> RUNS =
      List.of(
          List.of("run", "guests/wasm/wc.wasm", "README.md", "-"),
          List.of("run", "guests/wasm/cat.wasm", "README.md", "-"),
          List.of("run", "guests/wasm/hello.wasm", "-"),
          List.of("run", "guests/wasi/wasm/cat.wasm", "README.md"),
          List.of("run", "--dir", "guests::/g", "guests/wasi/wasm/cat.wasm", "/g/wasi/src/cat.c"));

  private Train() {}

  public static void main(String[] args) {
    for (List<String> run : RUNS) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status =
          Main.run(run.toArray(String[]::new), System.in, System.out, new PrintStream(err, true));
      if (status != 0) {
        System.err.print(err.toString(StandardCharsets.UTF_8));
        System.err.println("iotypes: training run failed (" + status + "): " + run);
        System.exit(1);
      }
    }
    System.exit(0);
  }
}
