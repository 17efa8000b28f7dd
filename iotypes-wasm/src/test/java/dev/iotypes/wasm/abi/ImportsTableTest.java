package dev.iotypes.wasm.abi;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.runtime.ImportFunction;
import dev.iotypes.wasm.GuestOptions;
import dev.iotypes.wasm.runtime.Watchdog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The host's import module is the table of {@code docs/abi.md}: the same functions, in its order,
 * each with the core signature the table gives; so a function added to the document (such as {@code
 * diagnostic-output}) cannot be missing from the host, nor the other way round.
 */
class ImportsTableTest {
  private static final Path ABI = Path.of("..", "docs", "abi.md");
  private static final Pattern ROW =
      Pattern.compile("^\\| `([a-z-]+)` \\|([^|]*)\\|([^|]*)\\|$", Pattern.MULTILINE);

  @Test
  void everyImportOfTheTableIsDeclaredInItsOrderWithItsSignature() throws IOException {
    String text = Files.readString(ABI);
    String table =
        text.substring(text.indexOf("## Functions"), text.indexOf("The codes of the two enums"));
    List<String> documented = new ArrayList<>();
    Matcher row = ROW.matcher(table);
    while (row.find()) {
      documented.add(row.group(1) + " " + types(row.group(2)) + " -> " + types(row.group(3)));
    }
    List<String> declared = new ArrayList<>();
    for (ImportFunction f :
        new IoTypesImports(new Handles(16), GuestOptions.DEFAULTS, Watchdog.NONE).functions()) {
      assertThat(f.module()).isEqualTo("iotypes");
      declared.add(f.name() + " " + lower(f.paramTypes()) + " -> " + lower(f.returnTypes()));
    }
    assertThat(documented).contains("diagnostic-output [] -> [i32]");
    assertThat(declared).containsExactlyElementsOf(documented);
  }

  /** {@code "in: h, len: i64"} as {@code [i32, i64]}: handles and statuses are i32. */
  private static String types(String cell) {
    List<String> out = new ArrayList<>();
    for (String item : cell.replace("`", "").replaceAll("\\(.*?\\)", "").split(",")) {
      if (!item.isBlank()) {
        String type = item.substring(item.indexOf(':') + 1).trim();
        out.add(type.equals("h") || type.equals("st") ? "i32" : type);
      }
    }
    return out.toString();
  }

  private static String lower(List<?> types) {
    return types.stream().map(t -> t.toString().toLowerCase(Locale.ROOT)).toList().toString();
  }
}
