package dev.iotypes.wasm;

import dev.iotypes.wasm.WitTokens.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an {@code iotypes-main} section: WIT items, each a typed main ({@code NAME: func(...) ->
 * RESULT}) or an {@code enum} its parameters may use, in any order, with {@code ///} doc comments
 * that become help text. What it accepts is valid WIT; what it rejects, it names with the line.
 */
final class MainSection {
  private static final Pattern ID = Pattern.compile("%?[a-z][a-z0-9]*(?:-[a-z0-9]+)*");

  private record Function(List<String> docs, Token name, List<RawParam> params, Token result) {}

  private record RawParam(List<String> docs, Token name, Token type, Token wrapper) {}

  private MainSection() {}

  static List<TypedMain> parse(String section) {
    WitTokens in = new WitTokens(section);
    Map<String, List<String>> enums = new HashMap<>();
    List<Function> functions = new ArrayList<>();
    while (true) {
      List<String> docs = in.docs();
      if (in.at("end")) {
        break;
      }
      Token first = in.expect("id", "a typed main (NAME: func(...)) or an enum");
      if (first.text().equals("enum") && in.at("id")) {
        Token name = in.take();
        String id = id(name);
        if (enums.containsKey(id) || ParamType.ofWit(id) != null) {
          throw WitTokens.error(name, "enum " + id + " is declared twice or names a built-in type");
        }
        enums.put(id, cases(in, id));
      } else {
        functions.add(function(in, docs, first));
      }
    }
    List<TypedMain> mains = new ArrayList<>();
    Set<String> exports = new HashSet<>();
    for (Function f : functions) {
      TypedMain main = typedMain(f, enums);
      if (!exports.add(main.export())) {
        throw WitTokens.error(f.name(), "typed main " + main.export() + " is declared twice");
      }
      mains.add(main);
    }
    return mains;
  }

  private static List<String> cases(WitTokens in, String name) {
    in.expect("{", "'{' after enum " + name);
    List<String> cases = new ArrayList<>();
    while (true) {
      in.docs();
      if (in.at("}") && !cases.isEmpty()) {
        break;
      }
      Token c = in.expect("id", "a case of enum " + name);
      if (cases.contains(id(c))) {
        throw WitTokens.error(c, "enum " + name + " has case " + id(c) + " twice");
      }
      cases.add(id(c));
      in.docs();
      if (!in.at(",")) {
        break;
      }
      in.take();
    }
    in.docs();
    in.expect("}", "',' or '}' in enum " + name);
    return cases;
  }

  private static Function function(WitTokens in, List<String> docs, Token name) {
    in.expect(":", "':' after " + name.text() + " (NAME: func(PARAMS) -> RESULT)");
    Token func = in.expect("id", "func");
    if (!func.text().equals("func")) {
      throw WitTokens.error(func, "expected func, found " + func);
    }
    in.expect("(", "'(' after func");
    List<RawParam> params = new ArrayList<>();
    while (true) {
      List<String> paramDocs = in.docs();
      if (in.at(")")) {
        break;
      }
      Token pname = in.expect("id", "a parameter (name: type) or ')'");
      in.expect(":", "':' after parameter " + pname.text() + " (name: type)");
      Token type = in.expect("id", "the type of " + pname.text());
      Token wrapper = null;
      if (in.at("<")) {
        in.take();
        wrapper = type;
        type = in.expect("id", "a type inside " + wrapper.text() + "<...>");
        if (in.at("<")) {
          throw WitTokens.error(
              in.peek(),
              wrapper.text() + "<" + type.text() + "<...>> cannot be bound: one level only");
        }
        in.expect(">", "'>' closing " + wrapper.text() + "<");
      }
      params.add(new RawParam(paramDocs, pname, type, wrapper));
      if (!in.at(",")) {
        break;
      }
      in.take();
    }
    in.docs();
    in.expect(")", "',' or ')' after a parameter");
    Token result = null;
    if (in.at("->")) {
      in.take();
      result = in.expect("id", "a result type after ->");
    }
    return new Function(docs, name, params, result);
  }

  private static TypedMain typedMain(Function f, Map<String, List<String>> enums) {
    String export = id(f.name());
    List<Param> params = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (RawParam raw : f.params()) {
      Param param = param(raw, enums);
      if (!names.add(param.name())) {
        throw WitTokens.error(raw.name(), "duplicate parameter: " + param.name());
      }
      params.add(param);
      try {
        Param.checkShortNames(params);
      } catch (IllegalArgumentException e) {
        throw WitTokens.error(raw.name(), e.getMessage());
      }
    }
    ResultType result = result(f.result());
    return new TypedMain(export, params, result, ParamDoc.join(f.docs()));
  }

  private static Param param(RawParam raw, Map<String, List<String>> enums) {
    String name = id(raw.name());
    String typeName = id(raw.type());
    ParamType type = ParamType.ofWit(typeName);
    List<String> cases = List.of();
    if (type == null && enums.containsKey(typeName)) {
      type = ParamType.ENUM;
      cases = enums.get(typeName);
    }
    if (type == null) {
      throw WitTokens.error(raw.type(), "unsupported parameter type: " + typeName);
    }
    Param.Arity arity = Param.Arity.ONE;
    if (type.isFromRun() && raw.wrapper() != null && !raw.wrapper().text().equals("borrow")) {
      throw WitTokens.error(
          raw.wrapper(),
          raw.wrapper().text() + "<" + typeName + ">: a run has one " + typeName + ", taken as is");
    }
    if (raw.wrapper() != null) {
      switch (raw.wrapper().text()) {
        case "borrow" -> {
          if (!type.isHandle()) {
            throw WitTokens.error(
                raw.type(), "borrow<" + typeName + ">: only handles are borrowed");
          }
        }
        case "option" -> arity = Param.Arity.OPTIONAL;
        case "list" -> {
          if (!type.isHandle()) {
            throw WitTokens.error(
                raw.type(), "list<" + typeName + "> cannot be bound: a list takes handles");
          }
          arity = Param.Arity.LIST;
        }
        default ->
            throw WitTokens.error(
                raw.wrapper(), "unsupported parameter type: " + raw.wrapper().text() + "<...>");
      }
    }
    Param param = new Param(name, type, arity, typeName, cases, ParamDoc.NONE);
    try {
      return param.withDoc(ParamDoc.parse(name, raw.docs()));
    } catch (IllegalArgumentException e) {
      throw WitTokens.error(raw.name(), e.getMessage());
    }
  }

  private static ResultType result(Token wit) {
    if (wit == null) {
      return ResultType.NONE;
    }
    for (ResultType type : ResultType.values()) {
      if (type != ResultType.NONE && type.wit().equals(wit.text())) {
        return type;
      }
    }
    throw WitTokens.error(wit, "unsupported result type: " + wit.text());
  }

  private static String id(Token token) {
    String text = token.text();
    if (!ID.matcher(text).matches()) {
      throw WitTokens.error(token, "not a WIT identifier (lower-case kebab-case): " + text);
    }
    return text.startsWith("%") ? text.substring(1) : text;
  }
}
