package dev.iotypes.wasm.abi;

import com.dylibso.chicory.runtime.TrapException;
import dev.iotypes.AtomicFile;
import dev.iotypes.Clock;
import dev.iotypes.Failure;
import dev.iotypes.Input;
import dev.iotypes.IoArray;
import dev.iotypes.Output;
import dev.iotypes.OutputDirectory;
import dev.iotypes.Pollable;
import dev.iotypes.Pseudonym;
import dev.iotypes.Random;
import dev.iotypes.wasm.LimitExceeded;
import dev.iotypes.wasm.runtime.LimitReached;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One instance's handle table: the only way a guest names a host resource. Indexes start at 1 and
 * are never reused while the instance lives, so a dropped or forged handle can never alias a live
 * one; each lookup checks the kind, so an output handle cannot be used as an input. Every violation
 * is a trap that names the import and the handle.
 */
public final class Handles {
  /** What a slot holds; one record per kind, so lookups are exhaustive and typed. */
  public sealed interface Entry {}

  /**
   * @param parent the array this stream reads, if the guest made it with input-from-array
   * @param owned whether dropping closes it; the embedder's own objects are only let go of
   */
  public record InputEntry(Input input, ArrayUse parent, boolean owned) implements Entry {}

  /**
   * @param guestMade whether the guest built this output itself (pipe, from-array, null): such an
   *     output could be read back, so a name is never rendered into it (the placeholder is)
   * @param owned whether dropping closes it; the embedder's own objects are only flushed
   */
  public record OutputEntry(Output output, boolean guestMade, ArrayUse parent, boolean owned)
      implements Entry {}

  public record ArrayEntry(ArrayUse array) implements Entry {}

  public record PseudonymEntry(Pseudonym pseudonym) implements Entry {}

  public record ErrorEntry(Failure failure) implements Entry {}

  /** A clock: the embedder's, or the run's; dropping the handle leaves it be. */
  public record ClockEntry(Clock clock) implements Entry {}

  /** A source of random bytes, held as a clock is. */
  public record RandomEntry(Random random) implements Entry {}

  /** The readiness of a stream or a deadline; it holds nothing of its own to release. */
  public record PollableEntry(Pollable pollable) implements Entry {}

  public record DirectoryHandle(Listing listing) implements Entry {}

  /**
   * @param owned whether dropping the handle closes it; the embedder's own is let be
   */
  public record OutputDirectoryHandle(OutputDirectory directory, boolean owned) implements Entry {}

  /**
   * An array and the streams made over it: dropping the array's handle closes it only once no
   * stream reads or writes it any more.
   */
  public static final class ArrayUse {
    final IoArray array;
    private final boolean owned;
    private int streams;
    private boolean handleDropped;

    public ArrayUse(IoArray array, boolean owned) {
      this.array = array;
      this.owned = owned;
    }

    void streamOpened() {
      streams++;
    }

    void streamClosed() {
      streams--;
      closeIfUnused();
    }

    void handleDropped() {
      handleDropped = true;
      closeIfUnused();
    }

    private void closeIfUnused() {
      if (handleDropped && streams == 0) {
        if (owned) {
          array.close();
        } else {
          array.flush();
        }
      }
    }
  }

  private final int maxOpen;
  private final List<AtomicFile> staged = new ArrayList<>();
  private final List<OutputDirectory> archives = new ArrayList<>();
  private Entry[] slots = new Entry[16];
  private int next = 1;
  private int open;

  public Handles(int maxOpen) {
    this.maxOpen = maxOpen;
  }

  public int add(Entry entry) {
    if (open >= maxOpen) {
      throw new LimitReached(
          LimitExceeded.Limit.HANDLES, "too many open handles (limit " + maxOpen + ")");
    }
    if (next == Integer.MAX_VALUE) {
      throw new TrapException("handle space exhausted");
    }
    if (next >= slots.length) {
      slots = Arrays.copyOf(slots, (int) Math.min(Integer.MAX_VALUE - 8L, slots.length * 2L));
    }
    int handle = next++;
    slots[handle] = entry;
    open++;
    return handle;
  }

  /** A stream the guest made, or one the host made for it: dropping it closes it. */
  public int addInput(Input input) {
    return add(new InputEntry(input, null, true));
  }

  public int addOutput(Output output, boolean guestMade) {
    return add(new OutputEntry(output, guestMade, null, true));
  }

  public int addArray(IoArray array) {
    return add(new ArrayEntry(new ArrayUse(array, true)));
  }

  public Input input(String function, long handle) {
    return get(function, handle, InputEntry.class, "input-stream").input();
  }

  public OutputEntry output(String function, long handle) {
    return get(function, handle, OutputEntry.class, "output-stream");
  }

  public ArrayUse array(String function, long handle) {
    return get(function, handle, ArrayEntry.class, "array").array();
  }

  public Pseudonym pseudonym(String function, long handle) {
    return get(function, handle, PseudonymEntry.class, "pseudonym").pseudonym();
  }

  public Listing directory(String function, long handle) {
    return get(function, handle, DirectoryHandle.class, "input-directory").listing();
  }

  public OutputDirectory outputDirectory(String function, long handle) {
    return get(function, handle, OutputDirectoryHandle.class, "output-directory").directory();
  }

  public Failure error(String function, long handle) {
    return get(function, handle, ErrorEntry.class, "error").failure();
  }

  public Clock clock(String function, long handle) {
    return get(function, handle, ClockEntry.class, "clock").clock();
  }

  public Random random(String function, long handle) {
    return get(function, handle, RandomEntry.class, "random").random();
  }

  public Pollable pollable(String function, long handle) {
    return get(function, handle, PollableEntry.class, "pollable").pollable();
  }

  /** Removes {@code handle} after checking its kind, and releases what it held. */
  public void drop(String function, long handle, Class<? extends Entry> kind, String kindName) {
    Entry entry = get(function, handle, kind, kindName);
    slots[(int) handle] = null;
    open--;
    release(entry);
  }

  /**
   * Keeps {@code file} until the run is settled: the output over its staged file is put in place by
   * {@link #releaseAll(boolean) releaseAll(true)}, and deleted by any other release.
   *
   * @throws IOException if another output of this table already replaces the same file
   */
  public void stage(AtomicFile file) throws IOException {
    for (AtomicFile other : staged) {
      if (other.target().equals(file.target())) {
        file.discard();
        throw new IOException("bound twice as an output: " + file.target());
      }
    }
    staged.add(file);
  }

  /**
   * Keeps {@code archive}, an archive being written as an output directory, to be ended after every
   * handle is dropped and before the staged files are settled: the guest's handle on it must not
   * own it, since a guest may drop the directory and go on writing the outputs it made there. An
   * archive that cannot be ended keeps every staged output from being put in place.
   */
  public void finishLast(OutputDirectory archive) {
    archives.add(archive);
  }

  /**
   * Drops every handle and ends the archives, then puts the staged outputs in place if {@code
   * succeeded}, else deletes them and leaves their files as they were.
   *
   * @throws IOException if an archive could not be written, or a staged output could not be put in
   *     place; the ones after it are deleted
   */
  public void releaseAll(boolean succeeded) throws IOException {
    closeEntries();
    IOException failed = finishArchives();
    List<AtomicFile> settling = List.copyOf(staged);
    staged.clear();
    for (AtomicFile file : settling) {
      if (succeeded && failed == null) {
        try {
          file.commit();
        } catch (IOException e) {
          failed = e;
        }
      } else {
        file.discard();
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  /**
   * Drops every handle: outputs are flushed by their close, so nothing written is lost. Outputs
   * staged beside their files are deleted unless {@link #releaseAll(boolean)} settles them.
   */
  public void releaseAll() {
    closeEntries();
    finishArchives();
    discardStaged();
  }

  /** Ends every archive, now that its outputs are closed; returns the first that failed. */
  private IOException finishArchives() {
    IOException failed = null;
    for (OutputDirectory archive : archives) {
      try {
        archive.close();
      } catch (RuntimeException e) {
        if (failed == null) {
          failed = e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
      }
    }
    archives.clear();
    return failed;
  }

  private void closeEntries() {
    // Streams first, so that arrays under them close last.
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 1; i < next; i++) {
        Entry entry = slots[i];
        if (entry != null && (entry instanceof ArrayEntry) == (pass == 1)) {
          slots[i] = null;
          open--;
          release(entry);
        }
      }
    }
  }

  /** Deletes the staged outputs: the run failed, their files stay as they were. */
  private void discardStaged() {
    staged.forEach(AtomicFile::discard);
    staged.clear();
  }

  private static void release(Entry entry) {
    if (entry instanceof InputEntry e) {
      if (e.owned()) {
        e.input().close();
      }
      if (e.parent() != null) {
        e.parent().streamClosed();
      }
    } else if (entry instanceof OutputEntry e) {
      if (e.owned()) {
        e.output().close();
      } else {
        e.output().flush();
      }
      if (e.parent() != null) {
        e.parent().streamClosed();
      }
    } else if (entry instanceof ArrayEntry e) {
      e.array().handleDropped();
    } else if (entry instanceof OutputDirectoryHandle e && e.owned()) {
      e.directory().close(); // the outputs created in it are handles of their own
    } else if (entry instanceof DirectoryHandle e && e.listing().owned) {
      e.listing().directory.close(); // inputs opened from it stay open: they are handles too
    }
    // Pseudonyms, errors, clocks, random sources and pollables hold nothing to release.
  }

  private <T extends Entry> T get(String function, long handle, Class<T> kind, String kindName) {
    Entry entry = handle > 0 && handle < next ? slots[(int) handle] : null;
    if (!kind.isInstance(entry)) {
      throw refused(function, handle, kindName);
    }
    return kind.cast(entry);
  }

  // Out of line: every host call looks a handle up, and only a refusal needs a message.
  private TrapException refused(String function, long handle, String kindName) {
    if (handle <= 0 || handle >= next) {
      return new TrapException(function + ": " + handle + " is not a handle");
    }
    if (slots[(int) handle] == null) {
      return new TrapException(function + ": handle " + handle + " was dropped");
    }
    return new TrapException(function + ": handle " + handle + " is not a " + kindName);
  }
}
