package dev.iotypes.component;

import static org.assertj.core.api.Assertions.assertThat;

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
}
