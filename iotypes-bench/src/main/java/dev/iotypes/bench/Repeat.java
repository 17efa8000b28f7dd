package dev.iotypes.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.iotypes.IoTypes;
import dev.iotypes.wasi.WasiCommand;
import dev.iotypes.wasi.WasiOptions;
import dev.iotypes.wasm.Guest;
import dev.iotypes.wasm.GuestOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Runs a WASI preview1 command N times in one JVM, each run in a fresh instance of one loaded
 * {@link Guest}, as an embedder that keeps a plugin loaded does: {@code Repeat N MODULE.wasm [--dir
 * HOST::GUEST]... -- ARGS...}. Prints each run's wall and CPU seconds (the process's CPU, so the
 * JIT's threads count), which shows what a run costs once the JVM has compiled the module's code,
 * against the first run that compiles it. Output goes nowhere; stdin is empty.
 */
public final class Repeat {
  private Repeat() {}

  public static void main(String[] args) throws Exception {
    int split = Arrays.asList(args).indexOf("--");
    if (args.length < 3 || split < 2) {
      System.err.println("usage: Repeat N MODULE.wasm [--dir HOST::GUEST]... -- ARGS...");
      System.exit(2);
    }
    int runs = Integer.parseInt(args[0]);
    Path module = Path.of(args[1]);
    String name = module.getFileName().toString().replace(".wasm", "");
    WasiOptions.Builder options =
        WasiOptions.builder()
            .stdin(IoTypes.inputFromArray(IoTypes.anonymous(), 0))
            .stdout(IoTypes.nullOutput())
            .stderr(IoTypes.stderr());
    for (int i = 2; i < split; i += 2) {
      if (!args[i].equals("--dir") || i + 1 >= split) {
        throw new IllegalArgumentException("expected --dir HOST::GUEST, found " + args[i]);
      }
      String[] dir = args[i + 1].split("::", 2);
      options.preopen(Path.of(dir[0]), dir[1]);
    }
    String[] argv = new String[args.length - split];
    argv[0] = name;
    System.arraycopy(args, split + 1, argv, 1, args.length - split - 1);
    options.args(argv);
    WasiOptions built = options.build();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long wall = System.nanoTime();
    long cpu = os.getProcessCpuTime();
    String cache = System.getenv("IOTYPES_CACHE"); // as ./iotypes reads it
    Guest guest =
        Guest.load(
            module,
            GuestOptions.DEFAULTS.withCache(
                cache == null || cache.isEmpty()
                    ? GuestOptions.defaultCacheDirectory()
                    : Path.of(cache)));
    print("load", 0, wall, cpu, os);
    for (int run = 1; run <= runs; run++) {
      wall = System.nanoTime();
      cpu = os.getProcessCpuTime();
      int status = WasiCommand.run(guest, built);
      print("run " + run, status, wall, cpu, os);
    }
  }

  private static void print(
      String what, int status, long wall, long cpu, OperatingSystemMXBean os) {
    System.out.printf(
        "%s: status %d, wall %.2f s, cpu %.2f s%n",
        what, status, (System.nanoTime() - wall) / 1e9, (os.getProcessCpuTime() - cpu) / 1e9);
  }
}
