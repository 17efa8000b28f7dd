package dev.iotypes.engine.spec;

import static org.junit.jupiter.api.Assertions.fail;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.WasmModule;
import dev.iotypes.engine.DirectMemory;
import dev.iotypes.engine.Engine;
import dev.iotypes.engine.FirstRun;
import dev.iotypes.engine.LazyBodies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;

/**
 * The WebAssembly spec test scripts, run against the engine under test ({@link EngineUnderTest}):
 * one container per script, one test per command, in script order (later commands use the modules
 * earlier ones instantiated).
 *
 * <p>The scripts are not in the repository: {@code iotypes-engine/spec/fetch.sh} fetches and
 * converts them into {@code target/spec/json} (or {@code -Diotypes.spec.dir=DIR}). Without them
 * this test is skipped, except under CI, where .ci/run fetches them first and their absence is a
 * broken build.
 */
class SpecTest {

  private static final Path DIR =
      Path.of(System.getProperty("iotypes.spec.dir", "target/spec/json"));

  /** fetch.sh's note of where the scripts came from: the known-failure lines are for one. */
  private static final String LISTED_SOURCE = "Debian bookworm source package binaryen 108-1";

  @TestFactory
  Stream<DynamicNode> spec() throws IOException {
    return scripts(ScriptRunner::new, KnownFailures.failing());
  }

  /**
   * The same scripts through a module's first run as {@code Guest} loads it ({@link
   * FirstRun#load}): no code section parsed, every body validated by the engine's own validator
   * (each {@code assert_invalid} and {@code assert_malformed} module refused by it, every other
   * accepted), each function decoded when first compiled.
   */
  @TestFactory
  Stream<DynamicNode> firstRun() throws IOException {
    return scripts(
        dir ->
            new ScriptRunner(
                dir,
                bytes -> {
                  WasmModule module = FirstRun.load(bytes);
                  return Instance.builder(module)
                      .withMachineFactory(
                          Engine.compile(module, null, LazyBodies.of(bytes, module)))
                      .withMemoryFactory(DirectMemory::new);
                }),
        KnownFailures.firstRunFailing());
  }

  private static Stream<DynamicNode> scripts(
      Function<Path, ScriptRunner> runners, Set<String> listedFailing) throws IOException {
    List<Path> scripts = scripts();
    if (scripts.isEmpty()) {
      String why =
          "no spec scripts in " + DIR.toAbsolutePath() + ": run iotypes-engine/spec/fetch.sh";
      if ("true".equals(System.getenv("CI"))) {
        fail(why);
      }
      // A test of its own, so that the skip and its reason show in Surefire's counts.
      return Stream.of(DynamicTest.dynamicTest("spec scripts", () -> Assumptions.abort(why)));
    }
    Path source = DIR.resolveSibling("SOURCE");
    boolean listed = Files.exists(source) && Files.readString(source).startsWith(LISTED_SOURCE);
    Set<String> stale = listed ? KnownFailures.STALE : Set.of();
    Set<String> failing = listed ? listedFailing : Set.of();
    return scripts.stream().map(json -> container(json, runners, stale, failing));
  }

  private static List<Path> scripts() throws IOException {
    if (!Files.isDirectory(DIR)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(DIR)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".json"))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  private static DynamicContainer container(
      Path json, Function<Path, ScriptRunner> runners, Set<String> stale, Set<String> failing) {
    String wast = json.getFileName().toString().replaceFirst("\\.json$", ".wast");
    ScriptRunner runner = runners.apply(json.getParent());
    Stream<DynamicTest> tests =
        Script.read(json).commands().stream()
            .filter(ScriptRunner::runs)
            .map(
                c -> {
                  String where = wast + ":" + c.line();
                  return DynamicTest.dynamicTest(
                      where + " " + c.type(),
                      () -> run(runner, c, where, stale.contains(where), failing.contains(where)));
                });
    return DynamicContainer.dynamicContainer(wast, json.toUri(), tests);
  }

  private static void run(
      ScriptRunner runner, Script.Command c, String where, boolean stale, boolean failing) {
    if (stale) {
      throw new TestAbortedException("the script copy is stale here: see KnownFailures.STALE");
    }
    if (!failing) {
      runner.run(c);
      return;
    }
    try {
      runner.run(c);
    } catch (AssertionError | RuntimeException | StackOverflowError | LinkageError e) {
      throw new TestAbortedException("known failure " + where + ": " + e, e);
    }
    fail(where + " passes now: remove it from KnownFailures");
  }
}
