package dev.iotypes.component.link;

import java.util.ArrayList;
import java.util.List;

/** The interfaces a host offers a component, found by name at a compatible version. */
public final class HostImports {
  private final List<HostInterface> interfaces = new ArrayList<>();

  public HostImports add(HostInterface i) {
    interfaces.add(i);
    return this;
  }

  HostInterface find(String importName) {
    for (HostInterface i : interfaces) {
      if (Versions.compatible(i.name(), importName)) {
        return i;
      }
    }
    return null;
  }
}
