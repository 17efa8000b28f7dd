package dev.iotypes.component.link;

import dev.iotypes.component.abi.Calls;
import dev.iotypes.component.abi.FuncType;

/** A component function: a lifted core function, or a host function given as an import. */
public record ComponentFunc(FuncType type, Calls.Host call) {}
