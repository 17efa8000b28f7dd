package dev.iotypes.component.link;

import dev.iotypes.component.abi.Calls;
import dev.iotypes.component.abi.ResourceType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An interface the host implements in Java, by name (such as {@code wasi:io/streams@0.2.0}): its
 * functions, which take and return {@link dev.iotypes.component.abi.Value}s, and its resource
 * types. A component importing the interface at any compatible version gets it; the function types
 * are those the component declares.
 */
public final class HostInterface {
  private final String name;
  private final Map<String, Calls.Host> functions = new LinkedHashMap<>();
  private final Map<String, ResourceType> resources = new LinkedHashMap<>();

  public HostInterface(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  public HostInterface function(String name, Calls.Host f) {
    functions.put(name, f);
    return this;
  }

  public HostInterface resource(String name, ResourceType type) {
    resources.put(name, type);
    return this;
  }

  /** The function {@code name}, or null. */
  public Calls.Host function(String name) {
    return functions.get(name);
  }

  ResourceType resource(String name) {
    return resources.get(name);
  }
}
