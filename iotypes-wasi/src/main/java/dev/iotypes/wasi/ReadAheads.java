package dev.iotypes.wasi;

import dev.iotypes.Input;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The read-aheads of one command, at most one per {@link Input}: standard input reached as
 * descriptor 0 and through the bound name {@code -} is one stream, so both descriptors are served
 * by one reader thread, in order. Only the guest's thread calls these methods.
 */
final class ReadAheads {
  private final Map<Input, ReadAhead> byInput = new IdentityHashMap<>();
  private final Object signal;

  ReadAheads(Object signal) {
    this.signal = signal;
  }

  /** The read-ahead of {@code input}, made on first use (its thread starts on request). */
  ReadAhead of(Input input) {
    return byInput.computeIfAbsent(input, in -> new ReadAhead(in, signal));
  }

  /** Ends every reader thread of the command, when it ends (see {@link ReadAhead#close()}). */
  void close() {
    for (ReadAhead ahead : byInput.values()) {
      ahead.close();
    }
    byInput.clear();
  }

  /** Whether {@code input} is read ahead, so that every read of it must go through {@link #of}. */
  boolean started(Input input) {
    return byInput.containsKey(input);
  }
}
