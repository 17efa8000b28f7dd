package dev.iotypes.testing;

import dev.iotypes.Output;

/**
 * An output under test and, after it is closed, what reached its backend: the contract compares the
 * two, so an output that drops or reorders bytes is caught, not only one that reports wrong counts.
 */
public interface Sink {
  Output output();

  /** The bytes written, or {@code null} when the backend keeps none (the bit bucket). */
  byte[] written() throws Exception;

  /** What reached a backend, read after the output is closed. */
  @FunctionalInterface
  interface Written {
    byte[] get() throws Exception;
  }

  static Sink of(Output output, Written written) {
    return new Sink() {
      @Override
      public Output output() {
        return output;
      }

      @Override
      public byte[] written() throws Exception {
        return written.get();
      }
    };
  }
}
