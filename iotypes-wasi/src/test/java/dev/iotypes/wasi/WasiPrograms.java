package dev.iotypes.wasi;

import dev.iotypes.IoTypes;
import dev.iotypes.wasm.Guest;
import dev.iotypes.wasm.GuestException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The C programs of {@code guests/wasi} (wasi-libc, committed as .wasm), run under iotypes and, for
 * comparison, under Node's built-in WASI ({@code guests/wasi/run-node.mjs}).
 */
final class WasiPrograms {
  static final Path DIR = Path.of("..", "guests", "wasi");
  static final Path WASM = DIR.resolve("wasm");

  /** Every program, each used by some test ({@code WasiCorpusTest} checks none is missed). */
  static final List<String> ALL =
      List.of(
          "args",
          "cat",
          "clocks",
          "conformance",
          "dirs",
          "escape",
          "files",
          "fsops",
          "semantics",
          "stamp");

  private static final Map<String, Guest> LOADED = new ConcurrentHashMap<>();

  private WasiPrograms() {}

  /** What a run left: exit status, stdout, stderr. */
  record Result(int status, String stdout, String stderr) {}

  static Guest guest(String name) throws GuestException {
    try {
      return LOADED.computeIfAbsent(
          name,
          n -> {
            try {
              return Guest.load(WASM.resolve(n + ".wasm"));
            } catch (GuestException e) {
              throw new IllegalStateException(e);
            }
          });
    } catch (IllegalStateException e) {
      throw (GuestException) e.getCause();
    }
  }

  /** Runs {@code name} under iotypes with {@code argv[0] = name}, stdin {@code stdin}. */
  static Result iotypes(
      String name, byte[] stdin, Consumer<WasiOptions.Builder> configure, String... args)
      throws GuestException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> argv = new ArrayList<>();
    argv.add(name);
    argv.addAll(List.of(args));
    WasiOptions.Builder b =
        WasiOptions.builder()
            .args(argv)
            .stdin(IoTypes.input(stdin))
            .stdout(IoTypes.output(out))
            .stderr(IoTypes.output(err));
    configure.accept(b);
    int status = WasiCommand.run(guest(name), b.build());
    return new Result(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * Runs {@code name} under Node ({@code flags} as run-node.mjs takes them: --dir, --env) in {@code
   * cwd}. Fails, never skips, when node is missing: CI has it.
   */
  static Result node(Path cwd, byte[] stdin, List<String> flags, String name, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("node");
    command.add("--no-warnings");
    command.add(DIR.resolve("run-node.mjs").toAbsolutePath().toString());
    command.addAll(flags);
    command.add(WASM.resolve(name + ".wasm").toAbsolutePath().toString());
    command.addAll(List.of(args));
    Path in = Files.createTempFile("wasi-stdin", ".bin");
    try {
      Files.write(in, stdin);
      Process p =
          new ProcessBuilder(command).directory(cwd.toFile()).redirectInput(in.toFile()).start();
      byte[] out = p.getInputStream().readAllBytes();
      byte[] err = p.getErrorStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("node timed out: " + command);
      }
      return new Result(
          p.exitValue(),
          new String(out, StandardCharsets.UTF_8),
          new String(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(in);
    }
  }

  /** Every path under {@code root} (relative, links not followed) with its content or target. */
  static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> tree = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        String key = root.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          tree.put(key, "-> " + Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          tree.put(key + "/", "");
        } else {
          tree.put(
              key,
              new String(Files.readAllBytes(p), StandardCharsets.UTF_8)
                  + " (links "
                  + Files.getAttribute(p, "unix:nlink", LinkOption.NOFOLLOW_LINKS)
                  + ")");
        }
      }
    }
    return tree;
  }

  /** Copies a tree, symbolic links as links. */
  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isSymbolicLink(p)) {
          Files.createSymbolicLink(target, Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
