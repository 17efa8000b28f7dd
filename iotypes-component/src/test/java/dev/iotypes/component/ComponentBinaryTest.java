package dev.iotypes.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.component.binary.ComponentBinary;
import dev.iotypes.component.binary.Definition;
import dev.iotypes.component.binary.MalformedComponent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ComponentBinaryTest {
  static final Path WRAPPED = Path.of("..", "guests", "wasi", "components");

  static byte[] wrapped(String name) throws IOException {
    return Files.readAllBytes(WRAPPED.resolve(name + ".wasm"));
  }

  @Test
  void aWrappedCommandDecodesToItsModulesInstancesAndNestedShim() throws IOException {
    ComponentBinary c = ComponentBinary.parse(wrapped("cat"));
    assertThat(c.definitions().stream().filter(d -> d instanceof Definition.CoreModule)).hasSize(4);
    assertThat(c.definitions().stream().filter(d -> d instanceof Definition.Component)).hasSize(1);
    assertThat(
            c.definitions().stream()
                .filter(d -> d instanceof Definition.Export)
                .map(d -> ((Definition.Export) d).name()))
        .containsExactly("wasi:cli/run@0.2.12");
  }

  @Test
  void everyWrappedProgramDecodes() throws IOException {
    try (var files = Files.list(WRAPPED)) {
      for (Path p : files.toList()) {
        assertThat(ComponentBinary.parse(Files.readAllBytes(p)).definitions()).isNotEmpty();
      }
    }
  }

  @Test
  void aCoreModuleIsNotAComponent() {
    byte[] core = {0, 'a', 's', 'm', 1, 0, 0, 0};
    assertThat(ComponentBinary.isComponent(core)).isFalse();
    assertThatThrownBy(() -> ComponentBinary.parse(core))
        .isInstanceOf(MalformedComponent.class)
        .hasMessage("not a component: layer 0");
  }

  @Test
  void everyTruncationIsRefusedWithOneLine() throws IOException {
    byte[] bytes = wrapped("args");
    Definition.CoreModule main =
        (Definition.CoreModule)
            ComponentBinary.parse(bytes).definitions().stream()
                .filter(d -> d instanceof Definition.CoreModule)
                .findFirst()
                .orElseThrow();
    // every cut inside the main module's section leaves that section short
    for (int cut = main.offset(); cut < main.offset() + main.bytes().length; cut += 97) {
      byte[] part = Arrays.copyOf(bytes, cut);
      assertThatThrownBy(() -> ComponentBinary.parse(part))
          .isInstanceOf(MalformedComponent.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  @Test
  void anUnknownSectionIsRefused() {
    byte[] bytes = {0, 'a', 's', 'm', 0x0d, 0, 1, 0, 13, 0};
    assertThatThrownBy(() -> ComponentBinary.parse(bytes))
        .hasMessage("invalid section id 13 at offset 10");
  }

  @Test
  void anIndexPastItsSpaceIsRefused() {
    // an export section exporting func 0 of an empty func space
    byte[] bytes = {0, 'a', 's', 'm', 0x0d, 0, 1, 0, 11, 7, 1, 0, 1, 'f', 1, 0, 0};
    assertThatThrownBy(() -> ComponentBinary.parse(bytes))
        .isInstanceOf(MalformedComponent.class)
        .hasMessageContaining("export `f`: unknown func 0");
  }

  @Test
  void aSectionLongerThanTheFileIsRefused() {
    byte[] bytes = {0, 'a', 's', 'm', 0x0d, 0, 1, 0, 7, 100, 1};
    assertThatThrownBy(() -> ComponentBinary.parse(bytes))
        .hasMessage("section size out of bounds at offset 10");
  }
}
