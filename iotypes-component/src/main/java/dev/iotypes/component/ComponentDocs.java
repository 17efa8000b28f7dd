package dev.iotypes.component;

import dev.iotypes.component.binary.Names;
import dev.iotypes.wasm.Param;
import dev.iotypes.wasm.ParamDoc;
import dev.iotypes.wasm.TypedMain;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A typed-main component's help, short flags and defaults, read from the doc comment of its {@code
 * main} in the WIT ({@code package-docs}) by the conventions a core module's {@code ///} lines
 * follow ({@code docs/abi.md}). WIT keeps no doc comments on parameters, so a parameter's doc is a
 * paragraph of the function's, begun by a line naming it: {@code -n, --lines: TEXT}, {@code
 * --lines: TEXT} or {@code lines: TEXT}; the lines after it, up to a blank line, are its own
 * ({@code default: 10}); the other lines describe the program.
 */
final class ComponentDocs {
  private static final Pattern FLAG_LINE =
      Pattern.compile("(?:-[A-Za-z0-9],\\s*)?--([a-z][a-z0-9-]*)\\s*:.*");
  private static final Pattern NAME_LINE = Pattern.compile("([a-z][a-z0-9-]*)\\s*:\\s*(.*)");

  private ComponentDocs() {}

  /**
   * {@code main} documented by {@code doc}.
   *
   * @throws IllegalArgumentException if the doc breaks a convention (a flag on a stream, {@code
   *     -h}, a default that does not parse, a flag given twice), naming the parameter
   */
  static TypedMain document(TypedMain main, String doc) {
    Map<String, List<String>> paramLines = new LinkedHashMap<>();
    for (Param p : main.params()) {
      paramLines.put(p.name(), null);
    }
    List<String> description = new ArrayList<>();
    List<String> current = null;
    for (String raw : doc.split("\n", -1)) {
      String line = Names.printable(raw.replace('\t', ' ').strip());
      if (line.isEmpty()) {
        current = null;
        continue;
      }
      Matcher flag = FLAG_LINE.matcher(line);
      Matcher named = NAME_LINE.matcher(line);
      String first = null;
      String name = null;
      if (flag.matches() && paramLines.containsKey(flag.group(1))) {
        name = flag.group(1);
        first = line;
      } else if (named.matches() && paramLines.containsKey(named.group(1))) {
        name = named.group(1);
        first = named.group(2);
      }
      if (name != null && (current == null || !line.startsWith("default:"))) {
        if (paramLines.get(name) != null) {
          throw new IllegalArgumentException(name + " is documented twice");
        }
        current = new ArrayList<>();
        current.add(first);
        paramLines.put(name, current);
      } else if (current != null) {
        current.add(line);
      } else {
        description.add(line);
      }
    }
    List<Param> params = new ArrayList<>();
    for (Param p : main.params()) {
      List<String> lines = paramLines.get(p.name());
      params.add(lines == null ? p : p.withDoc(ParamDoc.parse(p.name(), lines)));
    }
    Param.checkShortNames(params);
    return new TypedMain(main.export(), params, main.result(), ParamDoc.join(description));
  }
}
