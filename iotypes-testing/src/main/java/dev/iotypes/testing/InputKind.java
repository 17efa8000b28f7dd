package dev.iotypes.testing;

import dev.iotypes.Input;

/**
 * One implementation of {@link Input} under test, as a factory: what okio's {@code
 * BufferedSourceTest} calls a factory. Name it with {@link org.junit.jupiter.api.Named} so that
 * each contract test reports which implementation it ran against.
 */
@FunctionalInterface
public interface InputKind {
  /** An input yielding exactly {@code content}, then the end; {@code fixture} releases the rest. */
  Input open(byte[] content, Fixture fixture) throws Exception;
}
