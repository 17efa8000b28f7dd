package dev.iotypes.component;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.IoTypes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each preview1 test program, wrapped as a component with the preview1 adapter, behaves under
 * iotypes as the module itself does: the same stdout, stderr and exit status (the adapter's {@code
 * proc_exit} passes only success or failure, so a status other than 0 is 1).
 */
class ConformanceTest {
  @TempDir Path dir;

  /** Every wrapped program, each compared by a test below. */
  static final java.util.List<String> ALL =
      java.util.List.of(
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

  @Test
  void everyWrappedProgramIsCompared() throws Exception {
    try (var files = Files.list(Programs.DIR.resolve("components"))) {
      assertThat(files.map(p -> p.getFileName().toString().replace(".wasm", "")))
          .containsExactlyInAnyOrderElementsOf(ALL);
    }
  }

  private static void same(Programs.Result module, Programs.Result component) {
    assertThat(component.stdout()).isEqualTo(module.stdout());
    assertThat(component.stderr()).isEqualTo(module.stderr());
    assertThat(component.status()).isEqualTo(module.status() == 0 ? 0 : 1);
  }

  @Test
  void argsPrintsItsArgumentsAndEnvironmentAlike() throws Exception {
    String[] args = {"one", "two words", "ünïcode"};
    var module = Programs.module("args", new byte[0], b -> b.env("HOME", "/nowhere"), args);
    var component = Programs.component("args", new byte[0], b -> b.env("HOME", "/nowhere"), args);
    assertThat(module.stdout()).contains("two words");
    same(module, component);
  }

  @Test
  void catCopiesStdinAlike() throws Exception {
    byte[] input = "line one\nline two\n".repeat(5000).getBytes(StandardCharsets.UTF_8);
    var module = Programs.module("cat", input, b -> {});
    var component = Programs.component("cat", input, b -> {});
    assertThat(module.stdout()).hasSize(input.length);
    same(module, component);
  }

  @Test
  void catReadsFilesNamedByItsArgumentsAlike() throws Exception {
    Path a = Files.writeString(dir.resolve("a.txt"), "alpha\n");
    Path b = Files.writeString(dir.resolve("b.txt"), "beta\n");
    var module =
        Programs.module("cat", new byte[0], o -> o.workingDirectory(dir), "a.txt", "b.txt");
    var component =
        Programs.component("cat", new byte[0], o -> o.workingDirectory(dir), "a.txt", "b.txt");
    assertThat(module.stdout()).isEqualTo("alpha\nbeta\n");
    same(module, component);
  }

  @Test
  void catOfAMissingFileFailsAlike() throws Exception {
    var module = Programs.module("cat", new byte[0], o -> o.workingDirectory(dir), "missing");
    var component = Programs.component("cat", new byte[0], o -> o.workingDirectory(dir), "missing");
    assertThat(module.status()).isNotZero();
    same(module, component);
  }

  /** A fresh directory for each of the two runs, made by {@code setup}. */
  private Path[] twice(String name, Setup setup) throws Exception {
    Path a = Files.createDirectories(dir.resolve("module").resolve(name));
    Path b = Files.createDirectories(dir.resolve("component").resolve(name));
    setup.make(a);
    setup.make(b);
    return new Path[] {a, b};
  }

  interface Setup {
    void make(Path dir) throws Exception;
  }

  /**
   * WASI 0.2 has no CPU-time clocks, so through the adapter (under any host) the two CPU clocks
   * fail, and only they.
   */
  @Test
  void clocksAgreeButForTheCpuClocksWasi02Lacks() throws Exception {
    var module = Programs.module("clocks", new byte[0], b -> {});
    var component = Programs.component("clocks", new byte[0], b -> {});
    assertThat(module.stdout()).endsWith("failures=0\n");
    String expected =
        module
            .stdout()
            .replace("process cputime readable: ok", "process cputime readable: FAILED")
            .replace("thread cputime readable: ok", "thread cputime readable: FAILED")
            .replace("failures=0", "failures=2");
    assertThat(component.stdout()).isEqualTo(expected);
    assertThat(component.stderr()).isEqualTo(module.stderr());
  }

  /**
   * On a stopped clock and a seeded random the component reads the same time and bytes as the
   * module, and its sleeps move that clock at once; only the CPU clock, which WASI 0.2 lacks,
   * differs.
   */
  @Test
  void stampOnAFixedClockAndSeedIsTheModulesToo() throws Exception {
    java.time.Instant start = java.time.Instant.parse("2024-01-01T00:00:00Z");
    var module =
        Programs.module(
            "stamp",
            new byte[0],
            b -> b.clock(IoTypes.fixedClock(start)).random(IoTypes.seededRandom(42)));
    var component =
        Programs.component(
            "stamp",
            new byte[0],
            b -> b.clock(IoTypes.fixedClock(start)).random(IoTypes.seededRandom(42)));
    assertThat(module.stdout())
        .startsWith("realtime 1704067200.000000000\nmonotonic 0.000000000\n")
        .contains("after nanosleep 2s 1704067202.000000000\n")
        .contains("getentropy ");
    assertThat(component.stdout())
        .isEqualTo(
            module.stdout().replace("process cputime 0.000000000", "process cputime failed"));
    assertThat(component.status()).isZero();
  }

  @Test
  void fsopsInAPreopenAgree() throws Exception {
    Path[] d = twice("fsops", p -> {});
    var module = Programs.module("fsops", new byte[0], b -> b.preopen(d[0], "."));
    var component = Programs.component("fsops", new byte[0], b -> b.preopen(d[1], "."));
    assertThat(module.stdout()).endsWith("failures=0\n");
    same(module, component);
  }

  @Test
  void dirsListingsAgree() throws Exception {
    Setup tree =
        p -> {
          Files.createDirectories(p.resolve("a/b"));
          Files.writeString(p.resolve("one.txt"), "1\n");
          Files.writeString(p.resolve("a/two.txt"), "two\nlines\n");
          Files.writeString(p.resolve("a/b/three"), "");
          Files.createSymbolicLink(p.resolve("link"), Path.of("a/two.txt"));
        };
    Path[] d = twice("dirs", tree);
    var module = Programs.module("dirs", new byte[0], b -> b.preopen(d[0], "."), ".", "a");
    var component = Programs.component("dirs", new byte[0], b -> b.preopen(d[1], "."), ".", "a");
    same(module, component);
  }

  @Test
  void filesReadAgree() throws Exception {
    Path[] d =
        twice(
            "files",
            p -> Files.writeString(p.resolve("data.txt"), "Hello, arrays!\nsecond line\nend"));
    var module =
        Programs.module("files", new byte[0], b -> b.workingDirectory(d[0]), "read", "data.txt");
    var component =
        Programs.component("files", new byte[0], b -> b.workingDirectory(d[1]), "read", "data.txt");
    assertThat(module.stdout()).contains("size=30");
    same(module, component);
  }

  @Test
  void escapeAttemptsAgree() throws Exception {
    Setup world =
        p -> {
          Path pre = Files.createDirectories(p.resolve("pre/sub"));
          Files.writeString(p.resolve("outside.txt"), "outside\n");
          Files.writeString(p.resolve("pre/inside.txt"), "inside\n");
          Files.createDirectories(p.resolve("outdir"));
          Files.writeString(p.resolve("outdir/secret.txt"), "secret\n");
          Files.createSymbolicLink(p.resolve("pre/out"), Path.of("../outdir"));
        };
    Path[] d = twice("escape", world);
    var module = Programs.module("escape", new byte[0], b -> b.preopen(d[0].resolve("pre"), "."));
    var component =
        Programs.component("escape", new byte[0], b -> b.preopen(d[1].resolve("pre"), "."));
    assertThat(module.stdout()).endsWith("escaped=0\n");
    same(module, component);
  }

  /**
   * The lines of the component's output that the module's lacks: the checks the preview1 adapter
   * itself cannot pass, under any host. Each is named in {@code docs/components.md}.
   */
  private static void sameBut(
      Programs.Result module, Programs.Result component, String... failing) {
    assertThat(module.stdout()).endsWith("failures=0\n");
    java.util.Set<String> moduleLines = new java.util.HashSet<>(module.stdout().lines().toList());
    assertThat(component.stdout().lines().filter(l -> !moduleLines.contains(l)))
        .containsExactly(failing);
    assertThat(component.stderr()).isEqualTo(module.stderr());
  }

  @Test
  void conformanceChecksAgreeButWhereTheAdapterCannot() throws Exception {
    Path[] d = twice("conf", p -> Files.createDirectories(p.resolve("fs-tests.dir")));
    var module =
        Programs.module(
            "conformance",
            new byte[0],
            b -> b.preopen(d[0].resolve("fs-tests.dir"), "fs-tests.dir"),
            "fs-tests.dir");
    var component =
        Programs.component(
            "conformance",
            new byte[0],
            b -> b.preopen(d[1].resolve("fs-tests.dir"), "fs-tests.dir"),
            "fs-tests.dir");
    sameBut(
        module,
        component,
        // fd_allocate is not in WASI 0.2: the adapter answers ENOTSUP
        "FAIL fd_allocate 0+100: errno 58, expected 0",
        "FAIL allocated to 100",
        "FAIL fd_allocate 10+10: errno 58, expected 0",
        "FAIL fd_allocate 90+20: errno 58, expected 0",
        "FAIL allocated to 110",
        // WASI 0.2 has no rights: the adapter reports rights of its own
        "FAIL a file has no path rights",
        "failures=6");
  }

  @Test
  void semanticsChecksAgreeButWhereTheAdapterCannot() throws Exception {
    Path[] d = twice("sem", p -> Files.createDirectories(p.resolve("fs-tests.dir")));
    var module =
        Programs.module(
            "semantics",
            new byte[0],
            b -> b.preopen(d[0].resolve("fs-tests.dir"), "fs-tests.dir"),
            "fs-tests.dir");
    var component =
        Programs.component(
            "semantics",
            new byte[0],
            b -> b.preopen(d[1].resolve("fs-tests.dir"), "fs-tests.dir"),
            "fs-tests.dir");
    sameBut(
        module,
        component,
        // WASI 0.2 has no rights: fd_fdstat_set_rights is ENOTSUP and nothing is taken away
        "FAIL drop read and write: errno 58, expected 0",
        "FAIL rights dropped, seek kept",
        "FAIL read without the right: errno 0, expected 8",
        "FAIL write without the right: errno 0, expected 8",
        "FAIL rights never grow: errno 58, expected 76",
        // the adapter's pwrite and pread move only the first iovec
        "FAIL pwrote 4",
        "FAIL pread gives 0 1 2 3",
        // and it answers EBADF for a clock id it does not know
        "FAIL clock_time_get bad id: errno 8, expected 28",
        "failures=8");
  }
}
