package dev.iotypes.component.abi;

/**
 * Handles in and out of an instance's table, and the canonical built-ins {@code resource.new},
 * {@code resource.drop} and {@code resource.rep}: an owned handle moves, a borrowed one is lent for
 * one call.
 */
public final class Resources {
  private Resources() {}

  static Value.Resource liftOwn(Call cx, int index, ResourceType t) {
    HandleTable.Handle h = cx.options.table().get(index);
    CanonTrap.trapIf(h.type != t, "handle of the wrong resource type");
    CanonTrap.trapIf(!h.own, "a borrowed handle passed as owned");
    CanonTrap.trapIf(h.lends != 0, "an owned handle passed while it is lent");
    cx.options.table().remove(index);
    return new Value.Resource(t, h.rep);
  }

  static Value.Resource liftBorrow(Call cx, int index, ResourceType t) {
    HandleTable.Handle h = cx.options.table().get(index);
    CanonTrap.trapIf(h.type != t, "handle of the wrong resource type");
    if (h.own) {
      cx.lend(h);
    }
    return new Value.Resource(t, h.rep);
  }

  static int lowerOwn(Call cx, Value.Resource r, ResourceType t) {
    CanonTrap.trapIf(r.type() != t, "resource of the wrong type");
    return cx.options.table().add(new HandleTable.Handle(t, r.rep(), true, null));
  }

  static int lowerBorrow(Call cx, Value.Resource r, ResourceType t) {
    CanonTrap.trapIf(r.type() != t, "resource of the wrong type");
    if (t.owner() != null && t.owner() == cx.options.instance()) {
      return (Integer) r.rep();
    }
    cx.borrows++;
    return cx.options.table().add(new HandleTable.Handle(t, r.rep(), false, cx));
  }

  /** {@code canon resource.new}: a new owned handle to a resource this instance implements. */
  public static int newHandle(HandleTable table, ResourceType t, int rep) {
    return table.add(new HandleTable.Handle(t, rep, true, null));
  }

  /** {@code canon resource.rep}. */
  public static int rep(HandleTable table, ResourceType t, int index) {
    HandleTable.Handle h = table.get(index);
    CanonTrap.trapIf(h.type != t, "handle of the wrong resource type");
    return (Integer) h.rep;
  }

  /**
   * {@code canon resource.drop}: an owned handle's resource is destroyed (its destructor runs, a
   * host resource is released); a borrowed one is given back to the call that lent it.
   */
  public static void drop(HandleTable table, ResourceType t, int index) {
    HandleTable.Handle h = table.get(index);
    CanonTrap.trapIf(h.type != t, "handle of the wrong resource type");
    CanonTrap.trapIf(h.own && h.lends != 0, "an owned handle dropped while it is lent");
    table.remove(index);
    if (h.own) {
      t.destroy(h.rep);
    } else {
      h.borrowScope.borrows--;
    }
  }
}
