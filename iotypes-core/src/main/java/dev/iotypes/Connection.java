package dev.iotypes;

/**
 * The two directions of a connected socket as an input and an output. Closing the input shuts down
 * the socket's reading side, closing the output its writing side (the peer then sees end of
 * stream); the socket is released when both are closed.
 */
public record Connection(Input input, Output output) implements AutoCloseable {
  @Override
  public void close() {
    output.close();
    input.close();
  }
}
