package dev.iotypes.component.abi;

import java.util.ArrayList;
import java.util.List;

/**
 * One component instance's handles: the i32s its core code holds for resources, each naming an
 * owned or a borrowed resource. Index 0 is never a handle; freed slots are reused; a handle that
 * was dropped, never made, or is of another resource type traps when used.
 */
public final class HandleTable {
  /** The spec's bound on a table's length. */
  static final int MAX_LENGTH = (1 << 28) - 1;

  /** A handle: its resource's type and representation, and what may still rely on it. */
  static final class Handle {
    final ResourceType type;
    final Object rep;
    final boolean own;
    final Call borrowScope;
    int lends;

    Handle(ResourceType type, Object rep, boolean own, Call borrowScope) {
      this.type = type;
      this.rep = rep;
      this.own = own;
      this.borrowScope = borrowScope;
    }
  }

  private final List<Handle> slots = new ArrayList<>(List.of(new Handle(null, null, false, null)));
  private final List<Integer> free = new ArrayList<>();
  private final int max;

  public HandleTable() {
    this(MAX_LENGTH);
  }

  /** {@code max}: how many live handles the instance may hold (a limit of the run). */
  public HandleTable(int max) {
    this.max = Math.min(max, MAX_LENGTH);
  }

  int add(Handle h) {
    if (!free.isEmpty()) {
      int i = free.remove(free.size() - 1);
      slots.set(i, h);
      return i;
    }
    CanonTrap.trapIf(slots.size() > max, "too many handles");
    slots.add(h);
    return slots.size() - 1;
  }

  Handle get(int index) {
    CanonTrap.trapIf(
        index <= 0 || index >= slots.size() || slots.get(index) == null,
        "unknown handle " + Integer.toUnsignedString(index));
    return slots.get(index);
  }

  Handle remove(int index) {
    Handle h = get(index);
    slots.set(index, null);
    free.add(index);
    return h;
  }

  /** The live handles' count, for tests and for the end of a run. */
  public int live() {
    return slots.size() - 1 - free.size();
  }

  /** Every owned host resource still held, for release at the end of a run. */
  public List<Value.Resource> owned() {
    List<Value.Resource> out = new ArrayList<>();
    for (int i = 1; i < slots.size(); i++) {
      Handle h = slots.get(i);
      if (h != null && h.own) {
        out.add(new Value.Resource(h.type, h.rep));
      }
    }
    return out;
  }
}
