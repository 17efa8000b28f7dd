package dev.iotypes.wasm;

import dev.iotypes.testing.ArrayKind;
import dev.iotypes.testing.IoArrayContract;
import dev.iotypes.testing.OneByteAtATime;
import java.util.List;
import org.junit.jupiter.api.Named;

/** The {@link dev.iotypes.IoArray} contract, run against an array another guest provides. */
class ProvidedArrayContractTest extends IoArrayContract {
  @Override
  protected List<Named<ArrayKind>> arrays() {
    return List.of(
        Named.of("provided", new ArrayKind(true, ArrayProviders::array)),
        Named.of(
            "provided, one byte at a time",
            new ArrayKind(
                true, (content, f) -> OneByteAtATime.array(ArrayProviders.array(content, f)))));
  }
}
