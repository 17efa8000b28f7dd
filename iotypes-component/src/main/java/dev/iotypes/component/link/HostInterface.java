package dev.iotypes.component.link;

import dev.iotypes.component.abi.Calls;
import dev.iotypes.component.abi.FuncType;
import dev.iotypes.component.abi.ResourceType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

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
  private BiFunction<String, FuncType, Calls.Host> otherwise;
  private Function<String, ResourceType> otherResources;

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

  /**
   * How functions not given by name are made, from the type the component declares: for an
   * interface answered as a whole (every call of {@code wasi:sockets} is {@code not-supported}).
   */
  public HostInterface otherwise(BiFunction<String, FuncType, Calls.Host> make) {
    this.otherwise = make;
    return this;
  }

  /** How resource types not given by name are found. */
  public HostInterface otherResources(Function<String, ResourceType> find) {
    this.otherResources = find;
    return this;
  }

  /** The function {@code name}, or null. */
  public Calls.Host function(String name) {
    return functions.get(name);
  }

  /** The function {@code name} of type {@code type}, made by {@link #otherwise} if not given. */
  Calls.Host function(String name, FuncType type) {
    Calls.Host f = functions.get(name);
    return f != null || otherwise == null ? f : otherwise.apply(name, type);
  }

  ResourceType resource(String name) {
    ResourceType r = resources.get(name);
    return r != null || otherResources == null ? r : otherResources.apply(name);
  }
}
