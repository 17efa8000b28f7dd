package dev.iotypes.wasm;

import java.util.Objects;

/** One parameter of a typed main: its WIT name (the CLI's option name) and type. */
public record Param(String name, ParamType type) {
  public Param {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  @Override
  public String toString() {
    return name + ": " + type.wit();
  }
}
