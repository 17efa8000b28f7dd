package dev.iotypes.component.binary;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
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

  /** How deep the JSON may nest: the shape above needs five levels. */
  static final int MAX_DEPTH = 32;

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
    JsonElement root;
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(section, 1, section.length - 1))
              .toString();
      root = json(text);
    } catch (IOException | JsonParseException e) { // malformed UTF-8 too
      return Optional.empty();
    }
    Set<String> found = new LinkedHashSet<>();
    if (field(root, "worlds") instanceof JsonObject worlds) {
      for (Map.Entry<String, JsonElement> world : worlds.entrySet()) {
        for (String map : new String[] {"func_exports", "funcs"}) {
          String docs = docs(field(field(world.getValue(), map), name));
          if (docs != null) {
            found.add(docs);
            break;
          }
        }
      }
    }
    return found.size() == 1 ? Optional.of(found.iterator().next()) : Optional.empty();
  }

  /**
   * {@code text} as strict JSON (RFC 8259), nested at most {@link #MAX_DEPTH} deep so that hostile
   * text cannot exhaust the stack, with nothing after the value.
   */
  private static JsonElement json(String text) throws IOException {
    JsonReader reader = new JsonReader(new StringReader(text));
    reader.setStrictness(Strictness.STRICT);
    reader.setNestingLimit(MAX_DEPTH);
    JsonElement root = JsonParser.parseReader(reader);
    if (reader.peek() != JsonToken.END_DOCUMENT) {
      throw new JsonParseException("text after the value");
    }
    return root;
  }

  private static JsonElement field(JsonElement element, String key) {
    return element instanceof JsonObject object ? object.get(key) : null;
  }

  /** A function's docs: the string of version 0, or the {@code docs} of version 1. */
  private static String docs(JsonElement metadata) {
    if (metadata != null
        && metadata.isJsonPrimitive()
        && metadata.getAsJsonPrimitive().isString()) {
      return metadata.getAsString();
    }
    JsonElement docs = field(metadata, "docs");
    return docs != null && docs.isJsonPrimitive() && docs.getAsJsonPrimitive().isString()
        ? docs.getAsString()
        : null;
  }
}
