package dev.iotypes.wasm;

import dev.iotypes.testing.OneByteAtATime;
import dev.iotypes.testing.OutputContract;
import dev.iotypes.testing.OutputKind;
import dev.iotypes.testing.Sink;
import java.util.List;
import org.junit.jupiter.api.Named;

/** The {@link dev.iotypes.Output} contract, run against an output another guest provides. */
class ProvidedOutputContractTest extends OutputContract {
  @Override
  protected List<Named<OutputKind>> outputs() {
    return List.of(
        Named.of("provided", PassThroughProviders::output),
        Named.of(
            "provided, one byte at a time",
            f -> {
              Sink provided = PassThroughProviders.output(f);
              return Sink.of(OneByteAtATime.output(provided.output()), provided::written);
            }));
  }
}
