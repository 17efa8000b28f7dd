package dev.iotypes.component;

import dev.iotypes.component.binary.ComponentBinary;
import dev.iotypes.component.binary.Definition;
import dev.iotypes.component.binary.MalformedComponent;
import dev.iotypes.component.link.ComponentInstance;
import dev.iotypes.component.link.HostImports;
import dev.iotypes.component.link.Instantiation;
import dev.iotypes.component.link.LinkError;
import dev.iotypes.wasm.Guest;
import dev.iotypes.wasm.GuestException;
import dev.iotypes.wasm.GuestOptions;
import dev.iotypes.wasm.runtime.GuestAccess;
import dev.iotypes.wasm.runtime.ModuleSizeLimits;
import dev.iotypes.wasm.runtime.Watchdog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded component: decoded, validated, and each of its core modules (nested ones too) loaded as
 * a {@link Guest}, with the same options, limits and module cache as a core module. Each {@link
 * #instantiate} makes fresh core instances; runs share nothing.
 *
 * <pre>{@code
 * Component c = Component.load(Path.of("app.wasm"), GuestOptions.DEFAULTS);
 * int status = ComponentCommand.run(c, WasiOptions.builder().args("app").build());
 * }</pre>
 */
public final class Component {
  private final String name;
  private final ComponentBinary binary;
  private final Map<Definition.CoreModule, Guest> modules;
  private final GuestOptions options;

  private Component(
      String name,
      ComponentBinary binary,
      Map<Definition.CoreModule, Guest> modules,
      GuestOptions options) {
    this.name = name;
    this.binary = binary;
    this.modules = modules;
    this.options = options;
  }

  /** Whether {@code bytes} (at least their first eight) are a component rather than a module. */
  public static boolean isComponent(byte[] bytes) {
    return ComponentBinary.isComponent(bytes);
  }

  /** Whether the file at {@code path} starts as a component does. */
  public static boolean isComponent(Path path) {
    try (var in = Files.newInputStream(path)) {
      return isComponent(in.readNBytes(8));
    } catch (IOException e) {
      return false;
    }
  }

  public static Component load(Path path, GuestOptions options) throws GuestException {
    byte[] bytes;
    try {
      ModuleSizeLimits.checkLength(String.valueOf(path.getFileName()), Files.size(path));
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new GuestException("no such component: " + path);
    } catch (IOException e) {
      throw new GuestException("cannot read component " + path + ": " + e.getMessage());
    }
    return load(bytes, String.valueOf(path.getFileName()), options);
  }

  /**
   * Decodes and validates {@code bytes}, then loads each core module; {@code name} is for messages.
   */
  public static Component load(byte[] bytes, String name, GuestOptions options)
      throws GuestException {
    ComponentBinary binary;
    try {
      binary = ComponentBinary.parse(bytes);
    } catch (MalformedComponent e) {
      throw new GuestException(name + " is not a valid component: " + e.getMessage(), e);
    }
    Map<Definition.CoreModule, Guest> modules = new IdentityHashMap<>();
    load(binary, name, options, modules);
    return new Component(name, binary, modules, options);
  }

  private static void load(
      ComponentBinary binary,
      String name,
      GuestOptions options,
      Map<Definition.CoreModule, Guest> modules)
      throws GuestException {
    for (Definition d : binary.definitions()) {
      if (d instanceof Definition.CoreModule m) {
        modules.put(
            m, Guest.load(m.bytes(), name + " (core module " + modules.size() + ")", options));
      } else if (d instanceof Definition.Component c) {
        load(c.component(), name, options, modules);
      }
    }
  }

  /** Each top-level import, {@code name: sort}, in file order. */
  public List<String> imports() {
    List<String> out = new ArrayList<>();
    for (Definition d : binary.definitions()) {
      if (d instanceof Definition.Import i) {
        out.add(i.name() + ": " + sortName(i.desc().sort()));
      }
    }
    return out;
  }

  /** Each top-level export, {@code name: sort}, in file order. */
  public List<String> exports() {
    List<String> out = new ArrayList<>();
    for (Definition d : binary.definitions()) {
      if (d instanceof Definition.Export e) {
        out.add(e.name() + ": " + sortName(e.item().sort()));
      }
    }
    return out;
  }

  private static String sortName(dev.iotypes.component.binary.Sort sort) {
    return sort.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  public String name() {
    return name;
  }

  ComponentBinary binary() {
    return binary;
  }

  public GuestOptions options() {
    return options;
  }

  /** The first core module: a run's limits and traps are reported against it. */
  Guest first() {
    for (Definition d : binary.definitions()) {
      if (d instanceof Definition.CoreModule m) {
        return modules.get(m);
      }
    }
    throw new IllegalStateException(name + " has no core module");
  }

  /**
   * A fresh instance whose imports are {@code imports}; a missing or unsupported import is a {@link
   * GuestException} naming it.
   */
  public ComponentInstance instantiate(HostImports imports) throws GuestException {
    return instantiate(imports, Watchdog.NONE);
  }

  /** As {@link #instantiate(HostImports)}, each host call reported to a run's {@code watchdog}. */
  ComponentInstance instantiate(HostImports imports, Watchdog watchdog) throws GuestException {
    try {
      return Instantiation.instantiate(
          binary, modules::get, imports, GuestAccess.get().options(first()).maxHandles(), watchdog);
    } catch (LinkError e) {
      throw new GuestException(
          name + " needs an import iotypes does not provide: " + e.getMessage(), e);
    }
  }

  /** After a run: lets the module cache keep what was compiled for each core module. */
  void ran() {
    for (Guest g : modules.values()) {
      GuestAccess.get().ran(g);
    }
  }
}
