package dev.iotypes.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.wasm.ParamDoc;
import dev.iotypes.wasm.TypedMain;
import org.junit.jupiter.api.Test;

/**
 * A component's {@code main} doc comment read by the core conventions: a paragraph begun by a line
 * naming a parameter is that parameter's, the rest describes the program.
 */
class ComponentDocsTest {
  private static final TypedMain HEAD =
      TypedMain.parse(
          "enum when { auto, never }\n"
              + "main: func(lines: u32, total: when, quiet: bool, inputs: list<input-stream>,"
              + " output: output-stream) -> result");

  private static ParamDoc doc(TypedMain main, String name) {
    return main.params().stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow()
        .doc();
  }

  @Test
  void aParagraphNamingAParameterIsItsDocAndTheRestDescribesTheProgram() {
    TypedMain main =
        ComponentDocs.document(
            HEAD,
            " Print the first lines.\n\n -n, --lines: how many\n   lines\n default: 10\n\n"
                + "--total: when to total\ndefault: auto\nquiet: say less\n"
                + "inputs: the files\n\nMore about it; default: none.\n\u001b[31mred\n");
    assertThat(main.doc())
        .isEqualTo("Print the first lines. More about it; default: none. \\u001b[31mred");
    assertThat(doc(main, "lines")).isEqualTo(new ParamDoc("how many lines", "n", "10"));
    assertThat(doc(main, "total")).isEqualTo(new ParamDoc("when to total", "", "auto"));
    assertThat(doc(main, "quiet")).isEqualTo(new ParamDoc("say less", "", null));
    assertThat(doc(main, "inputs")).isEqualTo(new ParamDoc("the files", "", null));
    assertThat(doc(main, "output")).isEqualTo(ParamDoc.NONE);
    assertThat(ComponentDocs.document(HEAD, "").params()).isEqualTo(HEAD.params());
  }

  @Test
  void aDocThatBreaksTheConventionsIsRefusedNamingTheParameter() {
    assertThatThrownBy(() -> ComponentDocs.document(HEAD, "-h, --lines: no"))
        .hasMessage("-h and --help are kept for the help");
    assertThatThrownBy(() -> ComponentDocs.document(HEAD, "-i, --inputs: files"))
        .hasMessage("inputs is positional: it takes no flag");
    assertThatThrownBy(() -> ComponentDocs.document(HEAD, "lines: n\ndefault: -1"))
        .hasMessageStartingWith("default of lines: not a u32");
    assertThatThrownBy(() -> ComponentDocs.document(HEAD, "quiet: q\ndefault: true"))
        .hasMessageContaining("cannot have a default");
    assertThatThrownBy(() -> ComponentDocs.document(HEAD, "-q, --lines: a\n\n-q, --quiet: b"))
        .hasMessage("-q is declared by both lines and quiet");
    assertThatThrownBy(() -> ComponentDocs.document(HEAD, "lines: a\n\nlines: b"))
        .hasMessage("lines is documented twice");
    assertThat(ComponentDocs.document(HEAD, "--nothing: a line naming no parameter").doc())
        .isEqualTo("--nothing: a line naming no parameter");
  }
}
