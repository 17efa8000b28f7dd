package dev.iotypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PortableNameTest {
  @ParameterizedTest
  @ValueSource(strings = {"a", "a/b", "a.b/c d", "é/ü.txt", "C:x", "a..b", "...", ".hidden", "😀"})
  void portableNamesAreTakenAsTheyAre(String name) {
    assertThat(PortableName.check(name)).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "/abs",
        "../x",
        "a/../../b",
        "a/..",
        "./a",
        "a/./b",
        "a//b",
        "a/",
        "a\\b",
        "a\u0000b",
        "a\nb",
        "a\u007fb",
        "\ud800"
      })
  void anythingElseIsRefusedWithTheRuleItBreaks(String name) {
    assertThat(PortableName.isPortable(name)).isFalse();
    assertThatThrownBy(() -> PortableName.check(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a portable name (");
  }

  @Test
  void archivesMayWriteDotSegmentsAndATrailingSlash() {
    assertThat(PortableName.ofArchive("./a/b")).isEqualTo("a/b");
    assertThat(PortableName.ofArchive("a/./b/")).isEqualTo("a/b");
    assertThat(PortableName.ofArchive("./")).isEmpty();
    assertThat(PortableName.ofArchive(".")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x", "/abs", "/", "a/../../b", "a\\b", "a\u0000b", "a//b", "", "./.."})
  void archivesGetNoOtherAllowance(String raw) {
    assertThatThrownBy(() -> PortableName.ofArchive(raw))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a portable name (");
  }

  @Test
  void messagesShowControlCharactersEscaped() {
    assertThatThrownBy(() -> PortableName.check("a\nb"))
        .hasMessage("not a portable name (control character): \"a\\u000ab\"");
  }
}
