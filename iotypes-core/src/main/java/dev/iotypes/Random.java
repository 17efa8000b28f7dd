package dev.iotypes;

import java.nio.ByteBuffer;

/**
 * Random bytes handed to a program like any other I/O type, instead of ambient entropy: the host
 * decides where they come from, so a run can be made reproducible ({@link IoTypes#seededRandom}),
 * and a program that was handed none has none.
 */
public interface Random {
  /** Fills {@code dst} from its position to its limit, advancing the position. */
  void fill(ByteBuffer dst);
}
