package dev.iotypes.component.wasi;

import dev.iotypes.component.abi.Calls;
import dev.iotypes.component.abi.CanonTrap;
import dev.iotypes.component.abi.FuncType;
import dev.iotypes.component.abi.ResourceType;
import dev.iotypes.component.abi.ValType;
import dev.iotypes.component.abi.Value;
import dev.iotypes.component.link.HostInterface;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code wasi:sockets}, present so that a component whose toolchain linked it in runs, and
 * answering every attempt with {@code not-supported}: a command reaches the network only through
 * streams it was handed, never by opening a socket. {@code instance-network} gives a network handle
 * that nothing can use.
 */
final class Sockets {
  private static final List<String> INTERFACES =
      List.of(
          "network",
          "instance-network",
          "tcp",
          "tcp-create-socket",
          "udp",
          "udp-create-socket",
          "ip-name-lookup");

  private final Map<String, ResourceType> resources = new ConcurrentHashMap<>();

  List<HostInterface> interfaces() {
    return INTERFACES.stream()
        .map(
            i ->
                new HostInterface("wasi:sockets/" + i + "@0.2.0")
                    .otherResources(this::resource)
                    .otherwise(Sockets::refused)
                    .function(
                        "instance-network",
                        a -> new Value.Resource(resource("network"), "network")))
        .toList();
  }

  private ResourceType resource(String name) {
    return resources.computeIfAbsent(name, n -> ResourceType.host(n, rep -> {}));
  }

  /**
   * A call answered by its declared type: {@code err(not-supported)} where the result is a result
   * whose error is an enum with that case, {@code none} for an option; a call that needs a socket
   * to exist (none can) traps.
   */
  static Calls.Host refused(String name, FuncType type) {
    if (type.result() instanceof ValType.Result r
        && r.error() instanceof ValType.Enum e
        && e.names().contains("not-supported")) {
      Value.Result notSupported =
          Value.Result.error(new Value.Enum(e.names().indexOf("not-supported")));
      return args -> notSupported;
    }
    if (type.result() instanceof ValType.Option) {
      return args -> Optional.empty();
    }
    return args -> {
      throw new CanonTrap(name + " is not supported: iotypes opens no socket");
    };
  }
}
