package dev.iotypes.component.abi;

/** The four core value types that flattened component values travel as. */
public enum CoreType {
  I32,
  I64,
  F32,
  F64
}
