package dev.iotypes.wasm;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A typed main as a module declares it in its {@code iotypes-main} custom section: WIT function
 * syntax after the name of the export that implements it, e.g. {@code main: func(input:
 * input-stream, output: output-stream) -> result}.
 */
public record TypedMain(String export, List<Param> params, ResultType result) {
  /** The custom section that holds the declarations. */
  public static final String SECTION = "iotypes-main";

  private static final String ID = "%?[a-z][a-z0-9]*(?:-[a-z0-9]+)*";
  private static final Pattern DECLARATION =
      Pattern.compile("\\s*(" + ID + ")\\s*:\\s*func\\s*\\((.*)\\)\\s*(?:->\\s*([a-z0-9]+)\\s*)?");
  private static final Pattern PARAM =
      Pattern.compile("\\s*(" + ID + ")\\s*:\\s*(?:borrow<\\s*([a-z-]+)\\s*>|([a-z0-9-]+))\\s*");

  public TypedMain {
    params = List.copyOf(params);
  }

  /**
   * Parses one declaration.
   *
   * @throws IllegalArgumentException naming what is wrong, e.g. an unsupported type
   */
  public static TypedMain parse(String declaration) {
    Matcher m = DECLARATION.matcher(declaration);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not a typed main (NAME: func(PARAMS) -> RESULT): " + declaration.strip());
    }
    List<Param> params = new ArrayList<>();
    Set<String> names = new HashSet<>();
    String list = m.group(2).strip();
    if (!list.isEmpty()) {
      for (String part : list.split(",", -1)) {
        Matcher p = PARAM.matcher(part);
        if (!p.matches()) {
          throw new IllegalArgumentException("not a parameter (name: type): " + part.strip());
        }
        String typeName = p.group(2) != null ? p.group(2) : p.group(3);
        ParamType type = ParamType.ofWit(typeName);
        if (type == null) {
          throw new IllegalArgumentException("unsupported parameter type: " + typeName);
        }
        String name = unescape(p.group(1));
        if (!names.add(name)) {
          throw new IllegalArgumentException("duplicate parameter: " + name);
        }
        params.add(new Param(name, type));
      }
    }
    return new TypedMain(unescape(m.group(1)), params, result(m.group(3)));
  }

  /** Parses a section's declarations, one per non-blank line. */
  public static List<TypedMain> parseAll(String section) {
    List<TypedMain> mains = new ArrayList<>();
    for (String line : section.split("\n")) {
      if (!line.isBlank()) {
        mains.add(parse(line));
      }
    }
    return mains;
  }

  /** The core-Wasm signature the export must have. */
  FunctionType lowered() {
    List<ValType> in = new ArrayList<>();
    for (Param param : params) {
      in.add(param.type().lowered());
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

  private static ResultType result(String wit) {
    if (wit == null) {
      return ResultType.NONE;
    }
    for (ResultType type : ResultType.values()) {
      if (type != ResultType.NONE && type.wit().equals(wit)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unsupported result type: " + wit);
  }

  private static String unescape(String id) {
    return id.startsWith("%") ? id.substring(1) : id;
  }
}
