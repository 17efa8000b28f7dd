package dev.iotypes.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.cli.MainTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code iotypes run} on a WASI 0.2 command component (a preview1 program wrapped with the preview1
 * adapter): told from a module by its header, and run as the module is, with the same flags.
 */
class ComponentRunTest {
  @TempDir Path dir;

  static String component(String name) {
    return Path.of("..", "guests", "wasi", "components", name + ".wasm").toString();
  }

  @Test
  void aCommandComponentPrintsWhatItsModulePrints() {
    Result module = MainTest.run("run", "--env", "GREETING=hi", MainTest.wasi("args"), "one");
    Result wrapped = MainTest.run("run", "--env", "GREETING=hi", component("args"), "one");
    assertThat(wrapped.status()).as(wrapped.err()).isZero();
    assertThat(wrapped.outText())
        .startsWith("argc=2\n")
        .contains("GREETING=hi\n")
        .isEqualTo(module.outText());
  }

  @Test
  void aCommandComponentOpensItsFileArgumentsAndStdin() throws IOException {
    Path file = Files.writeString(dir.resolve("a.txt"), "file text\n");
    Result result =
        MainTest.run("from stdin\n".getBytes(UTF_8), "run", component("cat"), file.toString(), "-");
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.outText()).isEqualTo("file text\nfrom stdin\n");
    assertThat(result.err()).isEqualTo("cat: done\n");
  }

  @Test
  void aNonZeroExitIsOneThroughTheAdapter() {
    Result result = MainTest.run("run", component("args"), "exit=7");
    assertThat(result.status()).isEqualTo(1);
  }

  @Test
  void aTrapInAComponentIsStatus70() {
    Result result = MainTest.run("run", component("args"), "exit=99");
    assertThat(result.status()).isEqualTo(70);
    assertThat(result.err()).startsWith("iotypes: args.wasm").contains("trapped");
  }

  @Test
  void withDirTheComponentIsConfinedToIt() throws IOException {
    Path pre = Files.createDirectories(dir.resolve("pre"));
    Files.writeString(dir.resolve("outside.txt"), "outside");
    Files.writeString(pre.resolve("inside.txt"), "inside\n");
    Result inside = MainTest.run("run", "--dir", pre + "::.", component("cat"), "inside.txt");
    assertThat(inside.status()).as(inside.err()).isZero();
    assertThat(inside.outText()).isEqualTo("inside\n");
    Result escape = MainTest.run("run", "--dir", pre + "::.", component("cat"), "../outside.txt");
    assertThat(escape.status()).isEqualTo(1);
    assertThat(escape.outText()).isEmpty();
  }

  @Test
  void aTruncatedComponentIsRefusedInOneLine() throws IOException {
    byte[] bytes = Files.readAllBytes(Path.of(component("cat")));
    Path cut = Files.write(dir.resolve("cut.wasm"), Arrays.copyOf(bytes, bytes.length / 2));
    Result result = MainTest.run("run", cut.toString());
    assertThat(result.status()).isEqualTo(65);
    assertThat(result.err())
        .startsWith("iotypes: cut.wasm is not a valid component: section size out of bounds at")
        .hasLineCount(1);
  }

  @Test
  void inspectListsAComponentsImportsAndExports() {
    Result result = MainTest.run("inspect", component("cat"));
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.outText())
        .startsWith("component: cat.wasm\nimports:\n  wasi:cli/environment@0.2.12: instance\n")
        .contains("  wasi:filesystem/preopens@0.2.12: instance\n")
        .endsWith("exports:\n  wasi:cli/run@0.2.12: instance\n");
  }
}
