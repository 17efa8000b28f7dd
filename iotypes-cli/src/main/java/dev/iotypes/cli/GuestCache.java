package dev.iotypes.cli;

import dev.iotypes.wasm.Guest;
import dev.iotypes.wasm.GuestException;
import dev.iotypes.wasm.GuestOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's loaded modules, kept between runs so that a module loaded once, and the classes the
 * JVM compiled for it, run again warm. A module is found again by its file's real path, size and
 * modification time, and the {@link GuestOptions} it was loaded with (engine, limits, the time
 * limit its runs are held to, the cache directory): a changed file, or other options, load anew.
 *
 * <p>A {@link Guest} is lent to one run at a time ({@link Leases}): two runs of the same module at
 * once each have their own (the second loads another copy, from the module cache on disk), so that
 * no two runs ever share one. Idle modules are kept least recently used first, at most {@code
 * maxModules} of them and {@code maxBytes} bytes of module files.
 */
final class GuestCache {
  static final int DEFAULT_MAX_MODULES = 8;
  static final long DEFAULT_MAX_BYTES = 1L << 30;

  /** What a loaded module is found again by. */
  private record Key(String realPath, long size, long modified, GuestOptions options) {}

  private final int maxModules;
  private final long maxBytes;
  private final LinkedHashMap<Key, Deque<Guest>> idle = new LinkedHashMap<>(16, 0.75f, true);
  private int idleModules;
  private long idleBytes;
  private final AtomicLong loads = new AtomicLong();
  private final AtomicLong reuses = new AtomicLong();

  GuestCache(int maxModules, long maxBytes) {
    if (maxModules < 0 || maxBytes < 0) {
      throw new IllegalArgumentException("negative bound");
    }
    this.maxModules = maxModules;
    this.maxBytes = maxBytes;
  }

  /** How many modules were loaded from their files (not found here). */
  long loads() {
    return loads.get();
  }

  /** How many runs took a module loaded by an earlier one. */
  long reuses() {
    return reuses.get();
  }

  /** A run's loans: every module it took goes back when it is closed. */
  Leases leases() {
    return new Leases();
  }

  final class Leases implements AutoCloseable {
    private final List<Map.Entry<Key, Guest>> taken = new ArrayList<>();
    private boolean closed;

    private Leases() {}

    /** The module at {@code path} loaded with {@code options}, this run's alone until closed. */
    Guest load(Path path, GuestOptions options) throws GuestException {
      Key key;
      try {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        key =
            new Key(
                path.toRealPath().toString(),
                attributes.size(),
                attributes.lastModifiedTime().toMillis(),
                options);
      } catch (IOException e) {
        return Guest.load(path, options); // its error, as in-process
      }
      Guest guest = take(key);
      if (guest == null) {
        guest = Guest.load(path, options);
        loads.incrementAndGet();
      } else {
        reuses.incrementAndGet();
      }
      synchronized (this) {
        if (closed) {
          return guest; // not kept
        }
        taken.add(Map.entry(key, guest));
      }
      return guest;
    }

    @Override
    public void close() {
      List<Map.Entry<Key, Guest>> back;
      synchronized (this) {
        closed = true;
        back = List.copyOf(taken);
        taken.clear();
      }
      back.forEach(e -> give(e.getKey(), e.getValue()));
    }
  }

  private synchronized Guest take(Key key) {
    Deque<Guest> guests = idle.get(key);
    if (guests == null || guests.isEmpty()) {
      return null;
    }
    Guest guest = guests.pop();
    idleModules--;
    idleBytes -= key.size();
    if (guests.isEmpty()) {
      idle.remove(key);
    }
    return guest;
  }

  private synchronized void give(Key key, Guest guest) {
    if (key.size() > maxBytes || maxModules == 0) {
      return;
    }
    idle.computeIfAbsent(key, k -> new ArrayDeque<>()).push(guest);
    idleModules++;
    idleBytes += key.size();
    Iterator<Map.Entry<Key, Deque<Guest>>> eldest = idle.entrySet().iterator();
    while ((idleModules > maxModules || idleBytes > maxBytes) && eldest.hasNext()) {
      Map.Entry<Key, Deque<Guest>> entry = eldest.next();
      Deque<Guest> guests = entry.getValue();
      while (!guests.isEmpty() && (idleModules > maxModules || idleBytes > maxBytes)) {
        guests.removeLast();
        idleModules--;
        idleBytes -= entry.getKey().size();
      }
      if (guests.isEmpty()) {
        eldest.remove();
      }
    }
  }

  /** Modules kept idle now. */
  synchronized int idleModules() {
    return idleModules;
  }
}
