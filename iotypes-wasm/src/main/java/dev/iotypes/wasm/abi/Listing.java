package dev.iotypes.wasm.abi;

import dev.iotypes.DirectoryEntry;
import dev.iotypes.InputDirectory;

/**
 * An input directory as a guest holds it: a cursor on its current entry. The ABI names "the entry
 * {@code directory-next} last returned" rather than handing out a handle per entry, so that a guest
 * walking 10,000 files holds one handle, not 10,000 it must remember to drop.
 */
public final class Listing {
  final InputDirectory directory;
  final boolean owned;
  private DirectoryEntry current; // null before the first entry and after the last

  /**
   * @param owned whether dropping the handle closes the directory; the embedder's own is let be
   */
  public Listing(InputDirectory directory, boolean owned) {
    this.directory = directory;
    this.owned = owned;
  }

  /** Moves to the next entry; null at the end, and from then on. */
  DirectoryEntry advance() {
    current = directory.next().orElse(null);
    return current;
  }

  /**
   * The entry last returned.
   *
   * @throws IllegalStateException before the first {@code directory-next} and after the end: the
   *     guest asked about nothing, which is misuse
   */
  DirectoryEntry current() {
    if (current == null) {
      throw new IllegalStateException("no current entry (call directory-next first, until ended)");
    }
    return current;
  }
}
