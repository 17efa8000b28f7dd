package dev.iotypes;

import java.util.Optional;

/**
 * An input directory: the talk's "stream of lazy streams". Platforms disagree on what a directory
 * is (case, separators, reserved names, links, permissions), so a program is handed none of that:
 * only a stream of {@link DirectoryEntry entries}, each a portable relative name, a media type, a
 * pseudonym, a size when known, and an input that is opened only when the program asks for it.
 * Listing a tree of 10,000 files opens none of them.
 *
 * <p>The walk is recursive and flat: a subdirectory is an entry of kind {@link
 * DirectoryEntry.Kind#DIRECTORY} (so empty ones survive), and its contents follow as entries whose
 * names start with its name and {@code /}. Entries come in the byte order of their UTF-8 names, as
 * {@code LC_ALL=C sort} orders lines, so a folder and an archive of the same tree list the same
 * entries in the same order, and a parent always comes before what it holds. See {@link
 * PortableName} for which names are taken, and the backends in {@link IoTypes} for what each skips
 * (links, devices).
 *
 * <p>An input directory is used by one thread at a time. Closing it releases the backend (an
 * archive's file); inputs already opened from it stay usable until closed themselves.
 */
public interface InputDirectory extends AutoCloseable {
  /** The next entry, or empty at the end (and at every call after it). */
  Optional<DirectoryEntry> next();

  /** The name the user gave the whole directory; entries' pseudonyms extend it. */
  Pseudonym pseudonym();

  /** Releases the backend. Later calls throw {@link IllegalStateException}; twice is fine. */
  @Override
  void close();
}
