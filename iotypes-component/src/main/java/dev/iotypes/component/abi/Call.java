package dev.iotypes.component.abi;

import java.util.ArrayList;
import java.util.List;

/**
 * One call across the boundary: the owned handles lent for its duration (they cannot be dropped
 * until it returns) and the borrowed handles it was given (which must all be dropped before it
 * returns).
 */
public final class Call {
  final Options options;
  private final List<HandleTable.Handle> lenders = new ArrayList<>();
  int borrows;

  public Call(Options options) {
    this.options = options;
  }

  void lend(HandleTable.Handle h) {
    h.lends++;
    lenders.add(h);
  }

  /** At the end of the call: lent handles may be dropped again. */
  public void returnLends() {
    for (HandleTable.Handle h : lenders) {
      h.lends--;
    }
    lenders.clear();
  }

  /** At the end of a lifted call: every borrow the callee was given must have been dropped. */
  public void checkBorrowsDropped() {
    CanonTrap.trapIf(borrows != 0, "borrow handles still remain at the end of the call");
  }
}
