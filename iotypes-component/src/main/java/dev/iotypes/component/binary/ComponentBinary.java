package dev.iotypes.component.binary;

import java.util.List;

/**
 * A decoded and validated component: its definitions in order. Nested components are decoded
 * alongside; core modules are kept as bytes for the engine to validate and compile.
 */
public record ComponentBinary(List<Definition> definitions) {
  /** The version and layer fields that mark a component (a core module has 1, 0, 0, 0). */
  public static final int VERSION = 0x0d;

  public static final int LAYER = 1;

  /** Whether {@code bytes} start as a component does, rather than as a core module. */
  public static boolean isComponent(byte[] bytes) {
    return bytes.length >= 8
        && bytes[0] == 0
        && bytes[1] == 'a'
        && bytes[2] == 's'
        && bytes[3] == 'm'
        && bytes[6] == LAYER
        && bytes[7] == 0;
  }

  /** Decodes and validates {@code bytes}. */
  public static ComponentBinary parse(byte[] bytes) {
    ComponentBinary c = ComponentParser.parse(bytes);
    Validator.validate(c);
    return c;
  }
}
