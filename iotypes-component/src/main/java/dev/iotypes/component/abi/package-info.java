/**
 * The Canonical ABI: how each value type is laid out, flattened, lifted out of and lowered into a
 * guest, and the resource handle tables. Every pointer and length from a guest is checked before it
 * is used; what the spec calls a trap is a {@link dev.iotypes.component.abi.CanonTrap}.
 */
package dev.iotypes.component.abi;
