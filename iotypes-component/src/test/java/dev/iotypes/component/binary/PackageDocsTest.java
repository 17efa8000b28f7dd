package dev.iotypes.component.binary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The {@code package-docs} section is help text: read in both of wit-parser's versions, and
 * ignored, never an error, when it is malformed, too large, given twice or ambiguous.
 */
class PackageDocsTest {
  private static ComponentBinary with(byte[]... sections) {
    List<Definition> defs = new ArrayList<>();
    for (byte[] s : sections) {
      defs.add(new Definition.Custom(PackageDocs.SECTION, s));
    }
    return new ComponentBinary(defs);
  }

  private static byte[] section(int version, String json) {
    byte[] text = json.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[text.length + 1];
    out[0] = (byte) version;
    System.arraycopy(text, 0, out, 1, text.length);
    return out;
  }

  private static Optional<String> main(byte[]... sections) {
    return PackageDocs.worldFunction(with(sections), "main");
  }

  @Test
  void version0KeepsAFunctionsDocsAsAStringAndVersion1AsAnObject() {
    assertThat(
            main(
                section(
                    0, "{\"worlds\":{\"root\":{\"funcs\":{\"main\":\"Counts.\\nA \\u00e9\"}}}}")))
        .contains("Counts.\nA é");
    assertThat(
            main(
                section(
                    1,
                    "{\"docs\":\"pkg\",\"worlds\":{\"w\":{\"func_exports\":{\"main\":{\"docs\":\"v1\","
                        + "\"stability\":{\"stable\":{\"since\":\"1.0.0\"}}}},"
                        + "\"funcs\":{\"main\":\"the import\"}}}}")))
        .contains("v1");
    assertThat(main(section(0, "{\"worlds\":{\"root\":{\"funcs\":{\"other\":\"x\"}}}}"))).isEmpty();
    assertThat(main(section(0, "{\"worlds\":{\"root\":{\"funcs\":{\"main\":null}}}}"))).isEmpty();
  }

  @Test
  void aMalformedTooLargeRepeatedOrAmbiguousSectionIsIgnored() {
    String ok = "{\"worlds\":{\"root\":{\"funcs\":{\"main\":\"d\"}}}}";
    assertThat(main(section(0, ok))).contains("d");
    assertThat(main(section(2, ok))).as("unknown version").isEmpty();
    assertThat(main(new byte[0])).isEmpty();
    assertThat(main(section(0, ok + " x"))).as("trailing text").isEmpty();
    assertThat(main(section(0, "{\"worlds\":{\"root\":{\"funcs\":{\"main\":\"d}}}}"))).isEmpty();
    assertThat(main(section(0, "[".repeat(10_000)))).as("deep nesting").isEmpty();
    assertThat(main(section(0, "{\"worlds\":[1, 2e5, -0.5, true, null]}"))).isEmpty();
    byte[] badUtf8 = section(0, ok);
    badUtf8[badUtf8.length - 3] = (byte) 0xff;
    assertThat(main(badUtf8)).isEmpty();
    assertThat(main(section(0, ok), section(0, ok))).as("two sections").isEmpty();
    assertThat(
            main(
                section(
                    0,
                    "{\"worlds\":{\"a\":{\"funcs\":{\"main\":\"one\"}},"
                        + "\"b\":{\"funcs\":{\"main\":\"two\"}}}}")))
        .as("two worlds, two docs")
        .isEmpty();
    String big =
        "{\"worlds\":{\"root\":{\"funcs\":{\"main\":\""
            + "x".repeat(PackageDocs.MAX_BYTES)
            + "\"}}}}";
    assertThat(main(section(0, big))).isEmpty();
  }

  @Property(tries = 300)
  void anyBytesAreReadOrIgnoredWithoutAnError(@ForAll byte[] bytes) {
    PackageDocs.worldFunction(with(bytes), "main");
  }

  @Property(tries = 300)
  void aValidSectionWithABytechangedIsReadOrIgnoredWithoutAnError(@ForAll int at, @ForAll byte b) {
    byte[] s =
        section(
            1,
            "{\"worlds\":{\"root\":{\"funcs\":{\"main\":{\"docs\":\"a\\tb\\\\\\\"c\"}},"
                + "\"types\":{\"t\":{\"items\":{\"x\":\"y\"}}}}}}");
    s[Math.floorMod(at, s.length)] = b;
    PackageDocs.worldFunction(with(s), "main");
  }
}
