package dev.iotypes.testing;

import java.util.List;
import org.junit.jupiter.api.Named;

/** The contract run against every IoArray of iotypes-core ({@link CoreKinds}). */
class CoreIoArrayContractTest extends IoArrayContract {
  @Override
  protected List<Named<ArrayKind>> arrays() {
    return CoreKinds.arrays();
  }
}
