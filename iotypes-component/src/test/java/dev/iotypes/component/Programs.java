package dev.iotypes.component;

import dev.iotypes.IoTypes;
import dev.iotypes.wasi.WasiCommand;
import dev.iotypes.wasi.WasiOptions;
import dev.iotypes.wasm.Guest;
import dev.iotypes.wasm.GuestException;
import dev.iotypes.wasm.GuestOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The C programs of {@code guests/wasi}, run twice under iotypes: as the preview1 module ({@code
 * guests/wasi/wasm}) and as the command component {@code jco new --wasi-command} made of it ({@code
 * guests/wasi/components}).
 */
final class Programs {
  static final Path DIR = Path.of("..", "guests", "wasi");

  private static final Map<String, Object> LOADED = new ConcurrentHashMap<>();

  private Programs() {}

  record Result(int status, String stdout, String stderr) {}

  private static Object load(String kind, String name) {
    return LOADED.computeIfAbsent(
        kind + "/" + name,
        k -> {
          try {
            Path p = DIR.resolve(kind).resolve(name + ".wasm");
            return kind.equals("wasm") ? Guest.load(p) : Component.load(p, GuestOptions.DEFAULTS);
          } catch (GuestException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  static Result module(
      String name, byte[] stdin, Consumer<WasiOptions.Builder> configure, String... args)
      throws GuestException {
    return run(name, stdin, configure, args, false);
  }

  static Result component(
      String name, byte[] stdin, Consumer<WasiOptions.Builder> configure, String... args)
      throws GuestException {
    return run(name, stdin, configure, args, true);
  }

  private static Result run(
      String name,
      byte[] stdin,
      Consumer<WasiOptions.Builder> configure,
      String[] args,
      boolean component)
      throws GuestException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> argv = new ArrayList<>();
    argv.add(name);
    argv.addAll(List.of(args));
    WasiOptions.Builder b =
        WasiOptions.builder()
            .args(argv)
            .stdin(IoTypes.input(stdin))
            .stdout(IoTypes.output(out))
            .stderr(IoTypes.output(err));
    configure.accept(b);
    int status =
        component
            ? ComponentCommand.run((Component) load("components", name), b.build())
            : WasiCommand.run((Guest) load("wasm", name), b.build());
    return new Result(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
