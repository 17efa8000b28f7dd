package dev.iotypes.wasi;

import dev.iotypes.IoTypes;
import dev.iotypes.Origin;
import dev.iotypes.wasm.Guest;
import dev.iotypes.wasm.GuestException;
import dev.iotypes.wasm.MainCall;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The typed mains of {@code guests/libc} (wasi-libc, built in one clang step, committed as .wasm),
 * run through the Java API with {@link LibcImports}, and the GNU tools they are checked against.
 */
final class LibcPrograms {
  static final Path DIR = Path.of("..", "guests", "libc");

  /** Every program, each run by some test ({@code LibcCorpusTest} checks none is missed). */
  static final List<String> ALL = List.of("confined", "find", "grep", "sort", "stamp", "tac", "wc");

  private static final Map<String, Guest> LOADED = new ConcurrentHashMap<>();

  private LibcPrograms() {}

  /** What a run left: exit status, the output, the diagnostic output. */
  record Result(int status, byte[] output, String diagnostics) {
    String outputText() {
      return new String(output, StandardCharsets.ISO_8859_1);
    }
  }

  static Guest guest(String name) throws GuestException {
    Guest guest = LOADED.get(name);
    if (guest == null) {
      guest = Guest.load(DIR.resolve("wasm").resolve(name + ".wasm"));
      LOADED.put(name, guest);
    }
    return guest;
  }

  /**
   * A call of {@code name}'s typed main with libc's imports ({@code argv[0] = name.wasm}) and a
   * diagnostic output of its own; the caller binds the rest and passes it to {@link #run}.
   */
  static MainCall call(String name, ByteArrayOutputStream diagnostics) throws GuestException {
    return guest(name)
        .main()
        .diagnostics(IoTypes.output(diagnostics, Origin.named("diagnostics")))
        .imports(LibcImports.of(WasiOptions.builder().args(name + ".wasm").build()));
  }

  /**
   * Runs {@code name} with {@code input} bound to a file (its pseudonym its file name) and its
   * output, if it has one, to memory.
   */
  static Result run(String name, Path input, Map<String, Object> values) throws Exception {
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    MainCall call = call(name, diagnostics);
    values.forEach(call::bind);
    var in = IoTypes.fileInput(input, Origin.named(input.getFileName().toString()));
    if (call.typedMain().params().stream().anyMatch(p -> p.name().equals("inputs"))) {
      call.bind("inputs", List.of(in));
    } else {
      call.bind("input", in);
    }
    if (call.typedMain().params().stream().anyMatch(p -> p.name().equals("output"))) {
      call.bind("output", output);
    }
    int status = call.call();
    return new Result(status, output.toByteArray(), diagnostics.toString(StandardCharsets.UTF_8));
  }

  /**
   * What GNU {@code tool} (in /usr/bin, {@code LC_ALL=C}) writes for {@code args}, and its status.
   */
  static Result gnu(String tool, Path input, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add("/usr/bin/" + tool);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectInput(input.toFile());
    builder.environment().put("LC_ALL", "C");
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(tool + " did not finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return new Result(process.exitValue(), out, err);
  }

  /** The texts the tools are checked on: a licence, edge cases, and generated lines. */
  static List<Path> inputs(Path dir) throws IOException {
    List<Path> inputs = new ArrayList<>();
    Path licence = Path.of("/usr/share/common-licenses/GPL-3");
    if (!Files.isRegularFile(licence)) {
      throw new AssertionError("missing " + licence + " (package base-files)");
    }
    inputs.add(licence);
    inputs.add(Files.write(dir.resolve("empty"), new byte[0]));
    inputs.add(Files.writeString(dir.resolve("no-newline"), "b\nA\na\nB", StandardCharsets.UTF_8));
    inputs.add(Files.writeString(dir.resolve("blank-lines"), "\n\nx\n\n", StandardCharsets.UTF_8));
    StringBuilder generated = new StringBuilder();
    java.util.Random random = new java.util.Random(13);
    for (int i = 0; i < 20_000; i++) {
      int len = random.nextInt(40);
      for (int j = 0; j < len; j++) {
        // printable ASCII and Latin-1 letters, a few tabs: byte order differs from any locale's
        int c = random.nextInt(10) == 0 ? 0xC0 + random.nextInt(60) : 0x20 + random.nextInt(95);
        generated.append(random.nextInt(50) == 0 ? '\t' : (char) c);
      }
      generated.append('\n');
    }
    inputs.add(
        Files.write(
            dir.resolve("generated"), generated.toString().getBytes(StandardCharsets.ISO_8859_1)));
    return inputs;
  }
}
