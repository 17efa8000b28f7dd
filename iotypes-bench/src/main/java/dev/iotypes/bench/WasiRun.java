package dev.iotypes.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.iotypes.IoTypes;
import dev.iotypes.wasi.WasiCommand;
import dev.iotypes.wasm.Guest;
import dev.iotypes.wasm.GuestOptions;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a WASI preview1 command with the process's stdin, stdout and stderr, in one JVM, for the
 * read/write-loop benchmark: {@code WasiRun iotypes|chicory MODULE.wasm}. {@code iotypes} is the
 * libc mode ({@link WasiCommand}, compiled, with the module cache); {@code chicory} is Chicory's
 * own {@code WasiPreview1} in compiled mode, as an embedder would set it up.
 */
public final class WasiRun {
  private WasiRun() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: WasiRun iotypes|chicory MODULE.wasm");
      System.exit(2);
    }
    Path module = Path.of(args[1]);
    String name = module.getFileName().toString().replace(".wasm", "");
    int status =
        switch (args[0]) {
          case "iotypes" -> iotypes(module, name);
          case "chicory" -> chicory(module, name);
          default -> throw new IllegalArgumentException("no such runtime: " + args[0]);
        };
    System.exit(status);
  }

  private static int iotypes(Path module, String name) throws Exception {
    Guest guest =
        Guest.load(module, GuestOptions.DEFAULTS.withCache(GuestOptions.defaultCacheDirectory()));
    return WasiCommand.run(
        guest,
        dev.iotypes.wasi.WasiOptions.builder()
            .args(name)
            .stdin(IoTypes.stdin())
            .stdout(IoTypes.stdout())
            .stderr(IoTypes.stderr())
            .build());
  }

  private static int chicory(Path module, String name) {
    WasmModule wasm = Parser.parse(module);
    WasiOptions options =
        WasiOptions.builder()
            .withArguments(List.of(name))
            .withStdin(new FileInputStream(FileDescriptor.in))
            .withStdout(new FileOutputStream(FileDescriptor.out))
            .withStderr(new FileOutputStream(FileDescriptor.err))
            .build();
    try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options).build()) {
      Instance.builder(wasm)
          .withMachineFactory(MachineFactoryCompiler::compile)
          .withImportValues(ImportValues.builder().addFunction(wasi.toHostFunctions()).build())
          .build();
      return 0;
    } catch (WasiExitException e) {
      return e.exitCode();
    }
  }
}
