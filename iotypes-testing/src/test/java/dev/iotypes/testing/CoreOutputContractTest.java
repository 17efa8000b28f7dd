package dev.iotypes.testing;

import java.util.List;
import org.junit.jupiter.api.Named;

/** The contract run against every Output of iotypes-core ({@link CoreKinds}). */
class CoreOutputContractTest extends OutputContract {
  @Override
  protected List<Named<OutputKind>> outputs() {
    return CoreKinds.outputs();
  }
}
