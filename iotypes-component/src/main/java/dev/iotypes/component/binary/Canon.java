package dev.iotypes.component.binary;

import java.util.List;

/** A canonical definition: the bridges between core functions and component functions. */
public sealed interface Canon {
  /** A core function lifted to a component function of {@code type}. */
  record Lift(int coreFunc, List<CanonOption> options, int type) implements Canon {}

  /** A component function lowered to a core function. */
  record Lower(int func, List<CanonOption> options) implements Canon {}

  record ResourceNew(int resource) implements Canon {}

  record ResourceDrop(int resource) implements Canon {}

  record ResourceRep(int resource) implements Canon {}

  /** Whether this defines a core function (all but lift do). */
  default boolean definesCoreFunc() {
    return !(this instanceof Lift);
  }
}
