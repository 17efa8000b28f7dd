package dev.iotypes.component.wasi;

import dev.iotypes.component.abi.Value;
import dev.iotypes.component.link.HostInterface;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code wasi:cli}: the arguments and environment of the options, exit, the standard streams as the
 * run's {@code Input}/{@code Output} (flushed at the end, never closed), and terminals only where
 * the options say a standard stream is one.
 */
final class Cli {
  private final Session s;

  Cli(Session s) {
    this.s = s;
  }

  List<HostInterface> interfaces() {
    return List.of(
        new HostInterface("wasi:cli/environment@0.2.0")
            .function("get-environment", a -> environment())
            .function("get-arguments", a -> new ArrayList<Object>(s.options.args()))
            .function("initial-cwd", a -> Optional.empty()),
        new HostInterface("wasi:cli/exit@0.2.0")
            .function(
                "exit",
                a -> {
                  throw new ComponentExit(((Value.Result) a.get(0)).ok() ? 0 : 1);
                })
            .function(
                "exit-with-code",
                a -> {
                  throw new ComponentExit((Integer) a.get(0));
                }),
        new HostInterface("wasi:cli/stdin@0.2.0")
            .function(
                "get-stdin",
                a -> new Value.Resource(s.inputStream, new Streams.In(s.options.stdin(), false))),
        new HostInterface("wasi:cli/stdout@0.2.0")
            .function(
                "get-stdout",
                a -> new Value.Resource(s.outputStream, Streams.Out.handedIn(s.options.stdout()))),
        new HostInterface("wasi:cli/stderr@0.2.0")
            .function(
                "get-stderr",
                a -> new Value.Resource(s.outputStream, Streams.Out.handedIn(s.options.stderr()))),
        new HostInterface("wasi:cli/terminal-input@0.2.0")
            .resource("terminal-input", s.terminalInput),
        new HostInterface("wasi:cli/terminal-output@0.2.0")
            .resource("terminal-output", s.terminalOutput),
        new HostInterface("wasi:cli/terminal-stdin@0.2.0")
            .function("get-terminal-stdin", a -> terminal(0)),
        new HostInterface("wasi:cli/terminal-stdout@0.2.0")
            .function("get-terminal-stdout", a -> terminal(1)),
        new HostInterface("wasi:cli/terminal-stderr@0.2.0")
            .function("get-terminal-stderr", a -> terminal(2)));
  }

  private Optional<Object> terminal(int fd) {
    if (!s.options.terminal(fd)) {
      return Optional.empty();
    }
    return Optional.of(
        new Value.Resource(fd == 0 ? s.terminalInput : s.terminalOutput, "terminal" + fd));
  }

  private List<Object> environment() {
    List<Object> out = new ArrayList<>();
    for (String entry : s.options.env()) {
      int eq = entry.indexOf('=');
      String name = eq < 0 ? entry : entry.substring(0, eq);
      String value = eq < 0 ? "" : entry.substring(eq + 1);
      out.add(new Value.Tuple(List.of(name, value)));
    }
    return out;
  }
}
