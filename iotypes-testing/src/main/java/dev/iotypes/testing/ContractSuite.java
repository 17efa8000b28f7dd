package dev.iotypes.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * What every contract suite shares: one instance per class (so that the implementations are listed
 * once), and a fresh {@link Fixture} per test, closed after it with everything it opened.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ContractSuite {
  private Fixture fixture;

  /** The fixture of the test running now. */
  protected final Fixture fixture() {
    return fixture;
  }

  @BeforeEach
  protected final void openFixture() throws Exception {
    fixture = Fixture.inTempDir();
  }

  @AfterEach
  protected final void closeFixture() throws Exception {
    fixture.close();
  }
}
