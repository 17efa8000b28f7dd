package dev.iotypes.engine.spec;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Store;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs one script's commands in order against the engine under test. Commands share state the way
 * the reference interpreter's do: the latest module is the default target, named modules stay
 * reachable, and register makes a module's exports importable by later ones.
 */
final class ScriptRunner {
  private final Path dir;
  private final Function<byte[], Instance.Builder> loader;
  private final Store store = new Store();
  private final Map<String, Instance> named = new HashMap<>();
  private Instance current;

  ScriptRunner(Path dir) {
    this(dir, bytes -> EngineUnderTest.builder(Parser.parse(bytes)));
  }

  /**
   * {@code loader} decodes and validates a module's bytes (throwing where it refuses them) into the
   * builder of its instance.
   */
  ScriptRunner(Path dir, Function<byte[], Instance.Builder> loader) {
    this.dir = dir;
    this.loader = loader;
    Spectest.addTo(store);
  }

  /** Whether this harness checks the command; text-format modules it cannot load. */
  static boolean runs(Script.Command c) {
    return !"text".equals(c.moduleType());
  }

  void run(Script.Command c) {
    switch (c.type()) {
      case "module":
        current = instantiate(c.filename());
        if (c.name() != null) {
          named.put(c.name(), current);
        }
        break;
      case "register":
        store.register(c.as(), instance(c.name()));
        break;
      case "action":
        act(c.action());
        break;
      case "assert_return":
        assertReturn(c);
        break;
      case "assert_trap":
        expectTrap(c, () -> act(c.action()));
        break;
      case "assert_exhaustion":
        expectExhaustion(c);
        break;
      case "assert_uninstantiable":
        expectTrap(c, () -> instantiate(c.filename()));
        break;
      case "assert_unlinkable":
        expectRejected(c, () -> instantiate(c.filename()));
        break;
      case "assert_invalid":
      case "assert_malformed":
        expectRejected(c, () -> validate(c.filename()));
        break;
      default:
        throw new AssertionError("command not handled by this harness: " + c.type());
    }
  }

  private Instance instantiate(String filename) {
    return loader.apply(bytes(filename)).withImportValues(store.toImportValues()).build();
  }

  private byte[] bytes(String filename) {
    try {
      return Files.readAllBytes(dir.resolve(filename));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Decoding and validation only: an invalid module's start function must not run. */
  private void validate(String filename) {
    loader
        .apply(bytes(filename))
        .withImportValues(store.toImportValues())
        .withInitialize(false)
        .withStart(false)
        .build();
  }

  private Instance instance(String name) {
    Instance i = name == null ? current : named.get(name);
    if (i == null) {
      throw new AssertionError("no module " + (name == null ? "instantiated yet" : name));
    }
    return i;
  }

  private long[] act(Script.Action a) {
    Instance i = instance(a.module());
    switch (a.type()) {
      case "invoke":
        long[] args = a.args().stream().mapToLong(Values::encode).toArray();
        long[] results = i.export(a.field()).apply(args);
        return results == null ? new long[0] : results;
      case "get":
        return new long[] {i.exports().global(a.field()).getValue()};
      default:
        throw new AssertionError("action not handled by this harness: " + a.type());
    }
  }

  private void assertReturn(Script.Command c) {
    long[] actual = act(c.action());
    List<Script.Value> expected = c.expected();
    boolean ok = actual.length == expected.size();
    for (int k = 0; ok && k < actual.length; k++) {
      ok = Values.matches(expected.get(k), actual[k]);
    }
    if (!ok) {
      StringBuilder got = new StringBuilder();
      for (int k = 0; k < actual.length; k++) {
        got.append(k == 0 ? "" : ", ")
            .append(
                k < expected.size()
                    ? Values.describe(expected.get(k), actual[k])
                    : Long.toString(actual[k]));
      }
      throw new AssertionError(what(c) + ": expected " + expected + " but got [" + got + "]");
    }
  }

  /**
   * A trap is a Chicory exception whose message names the spec's reason. Any other throwable (an
   * ArithmeticException, an array index out of bounds) means the engine let a JVM failure escape
   * where Wasm defines a trap.
   */
  private void expectTrap(Script.Command c, Runnable r) {
    try {
      r.run();
    } catch (ChicoryException e) {
      String msg = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
      if (!msg.contains(c.text().toLowerCase(Locale.ROOT))) {
        throw new AssertionError(
            what(c) + ": trapped with \"" + e.getMessage() + "\", expected \"" + c.text() + "\"",
            e);
      }
      return;
    }
    throw new AssertionError(what(c) + ": expected a trap \"" + c.text() + "\" but none came");
  }

  private void expectExhaustion(Script.Command c) {
    try {
      act(c.action());
    } catch (StackOverflowError e) {
      return;
    } catch (ChicoryException e) {
      if (String.valueOf(e.getMessage()).contains("exhausted")) {
        return;
      }
      throw new AssertionError(what(c) + ": expected call stack exhaustion", e);
    }
    throw new AssertionError(what(c) + ": expected call stack exhaustion but the call returned");
  }

  private void expectRejected(Script.Command c, Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      return;
    }
    throw new AssertionError(what(c) + ": module accepted, expected \"" + c.text() + "\"");
  }

  private static String what(Script.Command c) {
    Script.Action a = c.action();
    if (a == null) {
      return c.type() + " " + c.filename();
    }
    return c.type() + " " + a.field() + (a.args() == null ? "" : a.args().toString());
  }
}
