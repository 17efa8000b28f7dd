package dev.iotypes.testing;

import dev.iotypes.Output;

/** One implementation of {@link Output} under test, as a factory of {@link Sink}s. */
@FunctionalInterface
public interface OutputKind {
  Sink open(Fixture fixture) throws Exception;
}
