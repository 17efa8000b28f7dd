package dev.iotypes.wasm;

import dev.iotypes.testing.InputContract;
import dev.iotypes.testing.InputKind;
import dev.iotypes.testing.OneByteAtATime;
import java.util.List;
import org.junit.jupiter.api.Named;

/** The {@link dev.iotypes.Input} contract, run against an input another guest provides. */
class ProvidedInputContractTest extends InputContract {
  @Override
  protected List<Named<InputKind>> inputs() {
    return List.of(
        Named.of("provided", PassThroughProviders::input),
        Named.of(
            "provided, one byte at a time",
            (content, f) -> OneByteAtATime.input(PassThroughProviders.input(content, f))));
  }
}
