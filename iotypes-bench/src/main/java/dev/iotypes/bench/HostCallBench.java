package dev.iotypes.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wabt.Wat2Wasm;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.iotypes.IoTypes;
import dev.iotypes.wasm.Guest;
import dev.iotypes.wasm.GuestOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Host-call overhead: one compiled guest loop calls an import {@value #CALLS} times. {@code
 * iotypesOutputWrite} calls the ABI's {@code output-write} with 0 bytes (handle lookup, buffer
 * check, a write to the null output, a two-value result); {@code bareChicory} calls a Chicory host
 * function of the same type that does nothing. Scores are calls per second.
 *
 * <p>{@link #main} is the cold one-shot of the same two calls: a fresh JVM runs the guest once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HostCallBench {
  static final int CALLS = 10_000_000;

  private static final String LOOP =
      """
        (memory 1)
        (func (export "main") (param $out i32) (param $n i32)
          (local $i i32)
          (loop $l
            (drop (drop (call $write (local.get $out) (i32.const 0) (i32.const 0))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $l (i32.lt_u (local.get $i) (local.get $n)))))
      """;

  private static final long[] NOTHING = {0, 1};

  private int calls = CALLS;
  private Guest iotypes;
  private WasmModule bare;
  private Function<Instance, Machine> bareMachine;

  @Setup
  public void setUp() throws Exception {
    byte[] guest =
        withSection(
            Wat2Wasm.parse(
                "(module (import \"iotypes\" \"output-write\" (func $write (param i32 i32 i32)"
                    + " (result i32 i32)))"
                    + LOOP
                    + ")"),
            "iotypes-main",
            "main: func(output: output-stream, n: u32)");
    iotypes = Guest.load(guest, "hostcall.wasm", GuestOptions.DEFAULTS);
    bare =
        Parser.parse(
            Wat2Wasm.parse(
                "(module (import \"env\" \"nop\" (func $write (param i32 i32 i32)"
                    + " (result i32 i32)))"
                    + LOOP
                    + ")"));
    bareMachine = MachineFactoryCompiler.compile(bare);
  }

  @Benchmark
  @OperationsPerInvocation(CALLS)
  public int iotypesOutputWrite() throws Exception {
    return iotypes.main().bind("output", IoTypes.nullOutput()).bind("n", calls).call();
  }

  @Benchmark
  @OperationsPerInvocation(CALLS)
  public long bareChicory() {
    HostFunction nop =
        new HostFunction(
            "env",
            "nop",
            FunctionType.of(
                List.of(ValType.I32, ValType.I32, ValType.I32), List.of(ValType.I32, ValType.I32)),
            (instance, args) -> NOTHING);
    Instance instance =
        Instance.builder(bare)
            .withMachineFactory(bareMachine)
            .withImportValues(ImportValues.builder().addFunction(nop).build())
            .build();
    long[] result = instance.export("main").apply(1, calls);
    return result == null ? 0 : result.length;
  }

  /**
   * The cold one-shot, as issue 5 first measured it: {@code HostCallBench bare|iotypes [calls]} in
   * a fresh JVM sets both modules up (parsed and compiled, as in JMH's setup), then times one call
   * of the loop (instantiation included) and prints its nanoseconds.
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 1 || !List.of("bare", "iotypes").contains(args[0])) {
      System.err.println("usage: HostCallBench bare|iotypes [calls]");
      System.exit(2);
    }
    HostCallBench bench = new HostCallBench();
    bench.calls = args.length > 1 ? Integer.parseInt(args[1]) : CALLS;
    bench.setUp();
    long start = System.nanoTime();
    if (args[0].equals("bare")) {
      bench.bareChicory();
    } else {
      bench.iotypesOutputWrite();
    }
    System.out.println(System.nanoTime() - start);
  }

  /** Appends a custom section (the typed main, which wabt cannot emit). */
  static byte[] withSection(byte[] module, String name, String payload) {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    leb(body, nameBytes.length);
    body.writeBytes(nameBytes);
    body.writeBytes(payload.getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(module);
    out.write(0);
    leb(out, body.size());
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  private static void leb(ByteArrayOutputStream out, int value) {
    do {
      int b = value & 0x7f;
      value >>>= 7;
      out.write(value != 0 ? b | 0x80 : b);
    } while (value != 0);
  }
}
