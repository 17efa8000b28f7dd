package dev.iotypes.component.binary;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The WIT doc comments a component carries in its custom section {@code package-docs}, as
 * wasm-tools' {@code wit-parser} writes it ({@code PackageMetadata}): a version byte, 0 or 1, then
 * JSON, {@code {"worlds": {WORLD: {"funcs": {NAME: DOCS}, "func_exports": {NAME: DOCS}}}}}, where
 * DOCS is a string (version 0) or {@code {"docs": ...}} (version 1).
 *
 * <p>Docs are help text, never needed to run: a section that is malformed (bad UTF-8 or JSON, an
 * unknown version, not that shape), larger than {@link #MAX_BYTES}, or given twice is ignored, as
 * is a function documented differently by two worlds. Runtimes such as wasmtime ignore the section
 * altogether; only wasm-tools' WIT decoder refuses a malformed one.
 */
public final class PackageDocs {
  /** The custom section's name. */
  public static final String SECTION = "package-docs";

  /** The largest section read: far more than any doc comment needs. */
  public static final int MAX_BYTES = 1 << 20;

  private PackageDocs() {}

  /**
   * The doc comment of the function {@code name} a world of {@code binary}'s {@code package-docs}
   * exports or imports at its top level, as written (lines joined by {@code \n}, each without its
   * {@code ///}); empty if there is none or the section is ignored.
   */
  public static Optional<String> worldFunction(ComponentBinary binary, String name) {
    byte[] section = null;
    for (Definition d : binary.definitions()) {
      if (d instanceof Definition.Custom c && c.name().equals(SECTION)) {
        if (section != null) {
          return Optional.empty(); // two sections: which is meant is unknown
        }
        section = c.bytes();
      }
    }
    if (section == null || section.length < 1 || section.length > MAX_BYTES) {
      return Optional.empty();
    }
    if (section[0] != 0 && section[0] != 1) {
      return Optional.empty();
    }
    Object root;
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(section, 1, section.length - 1))
              .toString();
      root = Json.parse(text);
    } catch (CharacterCodingException | IllegalArgumentException e) {
      return Optional.empty();
    }
    Set<String> found = new LinkedHashSet<>();
    if (field(root, "worlds") instanceof Map<?, ?> worlds) {
      for (Object world : worlds.values()) {
        for (String map : new String[] {"func_exports", "funcs"}) {
          String docs = docs(field(field(world, map), name));
          if (docs != null) {
            found.add(docs);
            break;
          }
        }
      }
    }
    return found.size() == 1 ? Optional.of(found.iterator().next()) : Optional.empty();
  }

  private static Object field(Object object, String key) {
    return object instanceof Map<?, ?> map ? map.get(key) : null;
  }

  /** A function's docs: the string of version 0, or the {@code docs} of version 1. */
  private static String docs(Object metadata) {
    if (metadata instanceof String s) {
      return s;
    }
    return field(metadata, "docs") instanceof String s ? s : null;
  }
}
