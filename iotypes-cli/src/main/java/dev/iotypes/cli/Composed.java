package dev.iotypes.cli;

import dev.iotypes.Input;
import dev.iotypes.IoArray;
import dev.iotypes.Outcome;
import dev.iotypes.Output;
import dev.iotypes.wasm.Provider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One composition as bound: the handle a provider guest gives the outer guest, the provider, and
 * the boundary of the provider's own arguments. Closed in that order, so that an output provider is
 * flushed into its sink before the sink closes; closing reports, as one line, what the outer
 * guest's handle or the provider's own arguments would otherwise hide (a provider that failed
 * mid-stream, a file it could not finish writing).
 */
final class Composed implements AutoCloseable {
  private final AutoCloseable handle;
  private final Provider provider;
  private final Boundary inner;
  private boolean succeeded = true;

  Composed(AutoCloseable handle, Provider provider, Boundary inner) {
    this.handle = handle;
    this.provider = provider;
    this.inner = inner;
  }

  AutoCloseable handle() {
    return handle;
  }

  /**
   * Whether the run succeeded, as the outer boundary closes: the provider's own file outputs are
   * put in place only if it did and the provided handle did not fail (atomic outputs).
   */
  void settle(boolean succeeded) {
    this.succeeded = succeeded;
  }

  /**
   * Closes the handle, the provider and its arguments.
   *
   * @throws IOException whose message is the first problem found
   */
  @Override
  public void close() throws IOException {
    String problem = failure();
    try {
      handle.close();
    } catch (Exception e) {
      // Released either way; a failure it had is the one reported.
    }
    provider.close();
    List<Boundary.Problem> problems = inner.closeAll(succeeded && problem == null);
    if (problem == null && !problems.isEmpty()) {
      problem = problems.get(0).line();
    }
    if (problem != null) {
      throw new IOException(problem);
    }
  }

  /** What the handle's sticky state says, flushing an output first; null if it is healthy. */
  private String failure() {
    try {
      Outcome state;
      String verb;
      if (handle instanceof Input input) {
        state = input.read(ByteBuffer.allocate(0));
        verb = "read failed: ";
      } else if (handle instanceof Output output) {
        state = output.flush();
        verb = "write failed: ";
      } else {
        state = ((IoArray) handle).len();
        verb = "failed: ";
      }
      return state.isFailed()
          ? verb + Boundary.withoutJava(Boundary.render(state.failure().detail()))
          : null;
    } catch (IllegalStateException closedAlready) {
      return null;
    }
  }
}
