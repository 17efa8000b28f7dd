package dev.iotypes.testing;

import dev.iotypes.IoArray;

/**
 * One implementation of {@link IoArray} under test. {@code growable} is false for arrays fixed at
 * their content's size, so that the contract skips the tests that extend them.
 */
public record ArrayKind(boolean growable, ArrayKind.Factory factory) {
  /** An array holding exactly {@code content}. */
  @FunctionalInterface
  public interface Factory {
    IoArray open(byte[] content, Fixture fixture) throws Exception;
  }

  /** An array holding exactly {@code content}, released by {@code fixture}. */
  public IoArray open(byte[] content, Fixture fixture) throws Exception {
    return fixture.register(factory.open(content, fixture));
  }
}
