package dev.iotypes.wasm;

/** What runs a guest's code. */
public enum Execution {
  /** iotypes' own compiler (the default): bytecode shaped for HotSpot, compiled per function. */
  IOTYPES,
  /** Chicory's compiler: the whole module to bytecode at load, kept in the module cache. */
  CHICORY,
  /** Chicory's interpreter: slow, but compiles nothing. */
  INTERPRETER
}
