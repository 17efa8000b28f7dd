package dev.iotypes.component;

import dev.iotypes.Output;
import dev.iotypes.component.abi.Value;
import dev.iotypes.component.link.ComponentFunc;
import dev.iotypes.component.link.ComponentInstance;
import dev.iotypes.component.link.LinkError;
import dev.iotypes.component.wasi.ComponentExit;
import dev.iotypes.component.wasi.Session;
import dev.iotypes.wasi.WasiOptions;
import dev.iotypes.wasm.GuestException;
import dev.iotypes.wasm.runtime.GuestAccess;
import dev.iotypes.wasm.runtime.Run;
import java.util.List;

/**
 * Runs a WASI 0.2 command component (one exporting {@code wasi:cli/run}) as {@code WasiCommand}
 * runs a preview1 command: the same {@link WasiOptions}, the same preopens and sandbox, the same
 * standard streams; the exit status is 0 when {@code run} returns {@code ok}, 1 on {@code err},
 * else what {@code wasi:cli/exit} was given.
 */
public final class ComponentCommand {
  /** The export a command component runs by. */
  public static final String RUN = "wasi:cli/run@0.2.0";

  private ComponentCommand() {}

  /**
   * Instantiates {@code component} and calls its {@code run}. Every file is released and the
   * standard streams flushed (never closed) before this returns or throws.
   *
   * @throws dev.iotypes.wasm.GuestTrap if the guest trapped, a Canonical ABI trap included
   * @throws GuestException if it is no command, or needs imports iotypes lacks
   */
  public static int run(Component component, WasiOptions options) throws GuestException {
    Session session = Session.open(options, GuestAccess.get().options(component.first()));
    try (Run run = Run.start(component.first())) {
      try {
        ComponentInstance instance = component.instantiate(session.imports(), run.watchdog());
        if (!(instance.export(RUN) instanceof ComponentInstance cli)
            || !(cli.exports().get("run") instanceof ComponentFunc f)) {
          throw new GuestException(
              component.name() + " is not a WASI command: it does not export " + RUN);
        }
        Object result = f.call().call(List.of());
        return result instanceof Value.Result r && r.ok() ? 0 : 1;
      } catch (GuestException e) {
        ComponentExit exit = exit(e);
        if (exit != null) {
          return exit.status();
        }
        if (e.getCause() == null || e.getCause() instanceof LinkError) {
          throw e; // refused before it ran
        }
        throw run.ended(e);
      } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
        ComponentExit exit = exit(e);
        if (exit != null) {
          return exit.status();
        }
        throw run.ended(e);
      }
    } finally {
      session.close();
      flush(options.stdout());
      flush(options.stderr());
      component.ran();
    }
  }

  private static ComponentExit exit(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ComponentExit exit) {
        return exit;
      }
    }
    return null;
  }

  private static void flush(Output output) {
    try {
      output.flush();
    } catch (RuntimeException e) {
      // the stream is the caller's
    }
  }
}
