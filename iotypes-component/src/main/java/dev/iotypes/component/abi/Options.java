package dev.iotypes.component.abi;

import dev.iotypes.component.binary.CanonOption.StringEncoding;

/**
 * The canonical options of one lift or lower, bound to the instance they were defined in: the
 * memory pointers refer to, the allocator for values the callee returns into it, the string
 * encoding, and that instance's handle table.
 *
 * @param instance the component instance (its identity decides when a borrow passes the bare
 *     representation, as to the resource's own implementation)
 */
public record Options(
    LinearMemory memory,
    Realloc realloc,
    StringEncoding encoding,
    HandleTable table,
    Object instance) {
  /** The guest's {@code realloc}: {@code (old, old-size, align, new-size) -> ptr}. */
  @FunctionalInterface
  public interface Realloc {
    int call(int original, int originalSize, int alignment, int newSize);
  }

  LinearMemory mem() {
    CanonTrap.trapIf(memory == null, "no memory to read the value from");
    return memory;
  }

  int alloc(int alignment, long size) {
    CanonTrap.trapIf(realloc == null, "no realloc to allocate the value with");
    CanonTrap.trapIf(size > 0xffff_ffffL, "allocation too large");
    int ptr = realloc.call(0, 0, alignment, (int) size);
    CanonTrap.trapIf(
        Integer.toUnsignedLong(ptr) % alignment != 0, "realloc returned a misaligned pointer");
    CanonTrap.trapIf(
        Integer.toUnsignedLong(ptr) + size > mem().size(),
        "realloc returned a pointer out of bounds");
    return ptr;
  }
}
