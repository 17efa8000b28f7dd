package dev.iotypes.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The words inside a composition's brackets split as a POSIX shell splits them. */
class WordsTest {
  @Test
  void blanksSeparateWordsAndRunsOfThemCountOnce() {
    assertThat(Words.split("  gunzip.wasm \t x.gz\n- "))
        .containsExactly("gunzip.wasm", "x.gz", "-");
  }

  @Test
  void quotesAndBackslashesKeepBlanksAsAShellDoes() {
    assertThat(Words.split("m.wasm 'a b' \"c \\\"d\\\" \\n\" e\\ f '' x'y'z"))
        .containsExactly("m.wasm", "a b", "c \"d\" \\n", "e f", "", "xyz");
  }

  @Test
  void aNestedCompositionAndACommandStayOneWordAsWritten() {
    assertThat(Words.split("upper.wasm [gunzip.wasm 'a ]b.gz'] $(cat 'x y' | tr ')' z) -"))
        .containsExactly("upper.wasm", "[gunzip.wasm 'a ]b.gz']", "$(cat 'x y' | tr ')' z)", "-");
    assertThat(Words.split("a.wasm [b.wasm [c.wasm d]]"))
        .containsExactly("a.wasm", "[b.wasm [c.wasm d]]");
  }

  @Test
  void unterminatedQuotesBracketsAndEscapesAreRefusedSayingWhich() {
    assertThatThrownBy(() -> Words.split("m.wasm 'a")).hasMessage("unterminated ' quote");
    assertThatThrownBy(() -> Words.split("m.wasm \"a")).hasMessage("unterminated \" quote");
    assertThatThrownBy(() -> Words.split("m.wasm [b.wasm"))
        .hasMessage("unterminated '[' (no matching ']')");
    assertThatThrownBy(() -> Words.split("m.wasm $(cat"))
        .hasMessage("unterminated '(' (no matching ')')");
    assertThatThrownBy(() -> Words.split("m.wasm a\\"))
        .hasMessage("a \\ at the end escapes nothing");
    assertThatThrownBy(() -> Words.split("m.wasm [b.wasm]x"))
        .hasMessage("a blank must follow the ']' of a nested composition");
  }
}
