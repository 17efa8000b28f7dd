package dev.iotypes.wasm;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A typed main as a module declares it in its {@code iotypes-main} custom section: WIT function
 * syntax after the name of the export that implements it, e.g. {@code main: func(input:
 * input-stream, output: output-stream) -> result}, with the {@code enum}s it uses and {@code ///}
 * doc comments, which become its help (see {@code docs/abi.md}).
 *
 * @param doc the function's doc comment, lines joined by spaces; empty when undocumented
 */
public record TypedMain(String export, List<Param> params, ResultType result, String doc) {
  /** The custom section that holds the declarations. */
  public static final String SECTION = "iotypes-main";

  public TypedMain {
    params = List.copyOf(params);
    Objects.requireNonNull(doc, "doc");
  }

  public TypedMain(String export, List<Param> params, ResultType result) {
    this(export, params, result, "");
  }

  /**
   * Parses text that declares one typed main (and maybe the enums it uses).
   *
   * @throws IllegalArgumentException naming what is wrong and its line, e.g. an unsupported type
   */
  public static TypedMain parse(String declaration) {
    List<TypedMain> mains = MainSection.parse(declaration);
    if (mains.size() != 1) {
      throw new IllegalArgumentException(
          "expected one typed main (NAME: func(PARAMS) -> RESULT), found "
              + mains.size()
              + ": "
              + declaration.strip());
    }
    return mains.get(0);
  }

  /** Parses a section's declarations: typed mains and enums, in any order. */
  public static List<TypedMain> parseAll(String section) {
    return MainSection.parse(section);
  }

  /** The core-Wasm signature the export must have. */
  FunctionType lowered() {
    List<ValType> in = new ArrayList<>();
    for (Param param : params) {
      in.addAll(param.lowered());
    }
    List<ValType> out = result == ResultType.NONE ? List.of() : List.of(ValType.I32);
    return FunctionType.of(in, out);
  }

  /** The declaration in WIT syntax, as it stands in the section. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(export).append(": func(");
    for (int i = 0; i < params.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(params.get(i));
    }
    text.append(')');
    if (result != ResultType.NONE) {
      text.append(" -> ").append(result.wit());
    }
    return text.toString();
  }
}
