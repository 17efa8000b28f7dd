package dev.iotypes.testing;

import java.util.List;
import org.junit.jupiter.api.Named;

/** The contract run against every Input of iotypes-core ({@link CoreKinds}). */
class CoreInputContractTest extends InputContract {
  @Override
  protected List<Named<InputKind>> inputs() {
    return CoreKinds.inputs();
  }
}
