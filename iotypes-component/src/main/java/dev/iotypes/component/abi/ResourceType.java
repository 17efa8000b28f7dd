package dev.iotypes.component.abi;

import java.util.function.Consumer;

/**
 * A resource type: compared by identity, as the Component Model's generative resource types are. A
 * host resource's representation is any Java object, dropped by {@code destructor}; a resource
 * defined by a component has an i32 representation and that component's destructor, if any.
 */
public final class ResourceType {
  private final String name;
  private final Object owner;
  private volatile Consumer<Object> destructor;

  /** {@code owner}: the component instance that implements it, or null for the host. */
  public ResourceType(String name, Object owner, Consumer<Object> destructor) {
    this.name = name;
    this.owner = owner;
    this.destructor = destructor;
  }

  /** A host resource: its representations are Java objects, closed by {@code destructor}. */
  public static ResourceType host(String name, Consumer<Object> destructor) {
    return new ResourceType(name, null, destructor);
  }

  public String name() {
    return name;
  }

  /** The component instance that implements this resource, or null for the host. */
  public Object owner() {
    return owner;
  }

  /** Set once the defining instance's destructor function exists. */
  public void destructor(Consumer<Object> d) {
    this.destructor = d;
  }

  void destroy(Object rep) {
    Consumer<Object> d = destructor;
    if (d != null) {
      d.accept(rep);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
