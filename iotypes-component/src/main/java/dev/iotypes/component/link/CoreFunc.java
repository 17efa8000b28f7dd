package dev.iotypes.component.link;

import com.dylibso.chicory.wasm.types.FunctionType;
import dev.iotypes.component.abi.Calls;

/**
 * A core function in a component's core index space: an export of a core instance, or one made by
 * {@code canon lower} or a resource built-in. Core instances import it as a host function, so the
 * core instances of a component share nothing but calls, their memory and their tables.
 */
record CoreFunc(FunctionType type, Calls.Core call) {}
