package dev.iotypes.engine;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.CodeSection;
import com.dylibso.chicory.wasm.types.CustomSection;
import com.dylibso.chicory.wasm.types.DataCountSection;
import com.dylibso.chicory.wasm.types.DataSection;
import com.dylibso.chicory.wasm.types.ElementSection;
import com.dylibso.chicory.wasm.types.ExportSection;
import com.dylibso.chicory.wasm.types.FunctionSection;
import com.dylibso.chicory.wasm.types.GlobalSection;
import com.dylibso.chicory.wasm.types.ImportSection;
import com.dylibso.chicory.wasm.types.MemorySection;
import com.dylibso.chicory.wasm.types.SectionId;
import com.dylibso.chicory.wasm.types.StartSection;
import com.dylibso.chicory.wasm.types.TableSection;
import com.dylibso.chicory.wasm.types.TagSection;
import com.dylibso.chicory.wasm.types.TypeSection;
import java.io.ByteArrayInputStream;

/**
 * A module's first run as {@code Guest} loads it: parsed without its code section, the rest
 * validated by Chicory over placeholder bodies, the bodies by {@link CodeValidator}; and, for
 * comparison, Chicory's parse and validation of the whole module.
 */
public final class FirstRun {
  private FirstRun() {}

  /** The module as the engine's first run has it; throws where it refuses it. */
  public static WasmModule load(byte[] bytes) {
    WasmModule built = withoutBodies(bytes);
    CodeValidator.validate(bytes, built);
    return built;
  }

  /** The module without its code section, all else validated by Chicory. */
  public static WasmModule withoutBodies(byte[] bytes) {
    WasmModule.Builder module = WasmModule.builder().withValidation(true);
    int[] functions = {0};
    LazyBodies.parser()
        .parse(
            new ByteArrayInputStream(bytes),
            section -> {
              if (section instanceof FunctionSection f) {
                functions[0] = f.functionCount();
              }
              add(module, section);
            });
    module.setCodeSection(LazyBodies.placeholders(functions[0]));
    return module.build();
  }

  /** Chicory's parse and validation of the whole module, as before. */
  public static WasmModule chicory(byte[] bytes) {
    return Parser.parse(bytes);
  }

  private static void add(WasmModule.Builder module, com.dylibso.chicory.wasm.types.Section s) {
    switch (s.sectionId()) {
      case SectionId.CUSTOM ->
          module.addCustomSection(((CustomSection) s).name(), (CustomSection) s);
      case SectionId.TYPE -> module.setTypeSection((TypeSection) s);
      case SectionId.IMPORT -> module.setImportSection((ImportSection) s);
      case SectionId.FUNCTION -> module.setFunctionSection((FunctionSection) s);
      case SectionId.TABLE -> module.setTableSection((TableSection) s);
      case SectionId.MEMORY -> module.setMemorySection((MemorySection) s);
      case SectionId.GLOBAL -> module.setGlobalSection((GlobalSection) s);
      case SectionId.EXPORT -> module.setExportSection((ExportSection) s);
      case SectionId.START -> module.setStartSection((StartSection) s);
      case SectionId.ELEMENT -> module.setElementSection((ElementSection) s);
      case SectionId.CODE -> module.setCodeSection((CodeSection) s);
      case SectionId.DATA -> module.setDataSection((DataSection) s);
      case SectionId.DATA_COUNT -> module.setDataCountSection((DataCountSection) s);
      case SectionId.TAG -> module.setTagSection((TagSection) s);
      default -> module.addIgnoredSection(s.sectionId());
    }
  }
}
