package dev.iotypes.wasm.abi;

import dev.iotypes.DirectoryEntry;
import dev.iotypes.InputDirectory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * An input directory as a guest holds it: a cursor on its current entry. The ABI names "the entry
 * {@code directory-next} last returned" rather than handing out a handle per entry, so that a guest
 * walking 10,000 files holds one handle, not 10,000 it must remember to drop.
 */
public final class Listing {
  final InputDirectory directory;
  final boolean owned;
  private final List<DirectoryEntry> listed; // null: the directory's own cursor is the guest's
  private Iterator<DirectoryEntry> replay;
  private DirectoryEntry current; // null before the first entry and after the last

  /**
   * @param owned whether dropping the handle closes the directory; the embedder's own is let be
   */
  public Listing(InputDirectory directory, boolean owned) {
    this.directory = directory;
    this.owned = owned;
    this.listed = null;
  }

  private Listing(InputDirectory directory, boolean owned, List<DirectoryEntry> listed) {
    this.directory = directory;
    this.owned = owned;
    this.listed = listed;
  }

  /**
   * A listing read to its end now (which opens nothing), so that others can walk the same entries
   * without moving the guest's cursor: libc's view of the directory ({@link #entries()}).
   */
  public static Listing listed(InputDirectory directory, boolean owned) {
    List<DirectoryEntry> entries = new ArrayList<>();
    for (Optional<DirectoryEntry> e = directory.next(); e.isPresent(); e = directory.next()) {
      entries.add(e.get());
    }
    return new Listing(directory, owned, List.copyOf(entries));
  }

  /** Every entry, for a listing made by {@link #listed}; empty otherwise. */
  public List<DirectoryEntry> entries() {
    return listed == null ? List.of() : listed;
  }

  /** Moves to the next entry; null at the end, and from then on. */
  DirectoryEntry advance() {
    if (listed != null) {
      if (replay == null) {
        replay = listed.iterator();
      }
      current = replay.hasNext() ? replay.next() : null;
      return current;
    }
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
