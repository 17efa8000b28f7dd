package dev.iotypes.component.wasi;

import dev.iotypes.DirectoryEntry;
import dev.iotypes.InputDirectory;
import dev.iotypes.OutputDirectory;
import dev.iotypes.PortableName;
import dev.iotypes.component.abi.Value;
import dev.iotypes.component.link.HostInterface;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * {@code iotypes:io/directories}: the core library's {@link InputDirectory} and {@link
 * OutputDirectory} as the resources {@code input-directory} and {@code output-directory}, with the
 * core ABI's rules. An input directory is a cursor on its current entry (a method naming it before
 * the first entry or after the end is misuse and traps); an output directory creates new files
 * beneath it, their names checked here before anything is made (a name too long or not portable
 * traps: the guest wrote it), and the backend's confinement does the rest. No filesystem code of
 * its own: the folder and archive backends are the core library's.
 */
final class Directories {
  /** The longest name a guest may create, in UTF-8 bytes, as in the core ABI. */
  static final int MAX_NAME = 4096;

  /** A lent input directory as the guest walks it: the entry it last moved to, null if none. */
  static final class Cursor {
    final InputDirectory directory;
    DirectoryEntry current;

    Cursor(InputDirectory directory) {
      this.directory = directory;
    }

    DirectoryEntry current() {
      if (current == null) {
        throw new IllegalStateException(
            "no current entry (call next-entry first, until it returns none)");
      }
      return current;
    }
  }

  private final Session s;

  Directories(Session s) {
    this.s = s;
  }

  HostInterface directories() {
    return new HostInterface("iotypes:io/directories@0.2.0")
        .resource("input-directory", s.inputDirectory)
        .resource("output-directory", s.outputDirectory)
        .resource("input-stream", s.inputStream)
        .resource("output-stream", s.outputStream)
        .resource("error", s.error)
        .resource("pseudonym", s.pseudonym)
        .function("[method]input-directory.next-entry", a -> next(cursor(a)))
        .function(
            "[method]input-directory.media-type",
            a -> cursor(a).current().origin().mediaType().toString())
        .function(
            "[method]input-directory.pseudonym",
            a -> new Value.Resource(s.pseudonym, cursor(a).current().origin().pseudonym()))
        .function(
            "[method]input-directory.open",
            a -> s.opened(new Streams.In(cursor(a).current().open(), true)))
        .function(
            "[method]output-directory.create-file",
            a -> create((OutputDirectory) Streams.rep(a.get(0)), (String) a.get(1)))
        .function(
            "[method]output-directory.pseudonym",
            a ->
                new Value.Resource(
                    s.pseudonym, ((OutputDirectory) Streams.rep(a.get(0))).pseudonym()));
  }

  private static Cursor cursor(List<Object> a) {
    return (Cursor) Streams.rep(a.get(0));
  }

  private Value.Result next(Cursor cursor) {
    Optional<DirectoryEntry> next;
    try {
      next = cursor.directory.next();
    } catch (RuntimeException e) {
      // The exception's text may name host paths; errors are opaque to the guest, so it learns
      // only that the listing failed (the core ABI's error is as opaque).
      cursor.current = null;
      return Value.Result.error(
          new Value.Resource(
              s.error, new Streams.Failure("the directory could not be read", "io")));
    }
    cursor.current = next.orElse(null);
    if (next.isEmpty()) {
      return Value.Result.ok(Optional.empty());
    }
    DirectoryEntry e = next.get();
    boolean file = e.kind() == DirectoryEntry.Kind.FILE;
    Optional<Object> size = file && e.size() >= 0 ? Optional.of(e.size()) : Optional.empty();
    return Value.Result.ok(
        Optional.of(new Value.Record(List.of(e.name(), new Value.Enum(file ? 0 : 1), size))));
  }

  /**
   * A new file in {@code directory}: a bug in the guest (a trap) unless {@code name} is at most
   * {@link #MAX_NAME} bytes and portable, checked before the backend is asked for anything.
   */
  private Value.Resource create(OutputDirectory directory, String name) {
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_NAME) {
      throw new IllegalArgumentException("a name is at most " + MAX_NAME + " bytes: " + bytes);
    }
    PortableName.check(name); // IllegalArgumentException: ../x, /abs, a\b, a NUL
    Streams.Out out = new Streams.Out(directory.create(name), true);
    out.handedIn = true; // the host made it and the guest cannot read it back, as in the core ABI
    return s.opened(out);
  }
}
