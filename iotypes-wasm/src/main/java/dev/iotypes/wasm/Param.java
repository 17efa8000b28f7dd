package dev.iotypes.wasm;

import java.util.Objects;

/** One parameter of a typed main: its WIT name (the CLI's option name) and type. */
public record Param(String name, ParamType type) {
  public Param {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  // Written out: a record's generated equals and hashCode link method handles on first use, which
  // costs a run that binds its arguments by Param several milliseconds of start-up.
  @Override
  public boolean equals(Object other) {
    return other instanceof Param p && name.equals(p.name) && type.equals(p.type);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + type.hashCode();
  }

  @Override
  public String toString() {
    return name + ": " + type.wit();
  }
}
