package dev.iotypes.engine;

import static dev.iotypes.engine.Differential.call;
import static dev.iotypes.engine.Differential.engine;
import static dev.iotypes.engine.Differential.interpreter;
import static dev.iotypes.engine.Differential.same;
import static dev.iotypes.engine.Differential.wat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import dev.iotypes.engine.Differential.Outcome;
import dev.iotypes.engine.WasmBinary.Code;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Modules written to break a compiler: extreme nesting, locals, tables, call chains, recursion,
 * accesses at and past the edges of memory, bad indirect calls, endless loops. Each must run as
 * Chicory's interpreter runs it, or stop with a clean Chicory exception: never crash or hang the
 * JVM, never let an error that is not a trap escape, never skip a trap.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileModuleTest {

  /** Both machines over one module: each call compared, then globals and memory. */
  private static final class Pair {
    final Instance engine;
    final Instance reference;

    Pair(String wat) {
      this(Differential.wat(wat));
    }

    Pair(WasmModule module) {
      long t0 = System.nanoTime();
      engine = engine(module);
      reference = interpreter(module);
      this.setupMillis = (System.nanoTime() - t0) / 1_000_000;
    }

    final long setupMillis;

    Outcome same(String export, long... args) {
      return Differential.same(engine, reference, export, args);
    }

    void sameState() {
      Differential.sameState(engine, reference);
    }
  }

  private static String repeat(String s, int n) {
    return s.repeat(n);
  }

  // ---- nesting ----

  @Test
  void fiveThousandNestedBlocksWithABrTableAtTheBottom() {
    int depth = 5_000;
    WasmBinary m = new WasmBinary();
    int t = m.type(new int[] {WasmBinary.I32}, new int[] {WasmBinary.I32});
    Code c = new Code();
    for (int i = 0; i < depth; i++) {
      c.block(WasmBinary.I32);
    }
    // Carries 42 out to label 0, 1, 2 500 or 4 999 (the outermost); each end then adds 1.
    c.i32(42).localGet(0).brTable(new int[] {0, 1, 2_500}, depth - 1);
    for (int i = 0; i < depth; i++) {
      c.end().i32(1).op(WasmBinary.I32_ADD);
    }
    m.export("f", m.function(t, new int[0][], c.end()));
    Pair p = new Pair(m.module());
    for (long i : new long[] {0, 1, 2, 3, 4, -1}) {
      p.same("f", i);
    }
    assertThat(call(p.engine, "f", 0).values()).containsExactly(42 + depth);
    assertThat(call(p.engine, "f", 3).values()).containsExactly(43);
  }

  @Test
  void threeThousandNestedIfElseWithResults() {
    int depth = 3_000;
    WasmBinary m = new WasmBinary();
    int t = m.type(new int[] {WasmBinary.I32, WasmBinary.I32}, new int[] {WasmBinary.I32});
    Code c = new Code();
    for (int i = 0; i < depth; i++) {
      // Goes down the then-branch while bit (i % 32) of the first argument is set.
      c.localGet(0).i32(i % 32).op(WasmBinary.I32_SHR_U).i32(1).op(WasmBinary.I32_AND);
      c.ifThen(WasmBinary.I32);
    }
    c.localGet(1).i32(1000).op(WasmBinary.I32_ADD);
    for (int i = depth - 1; i >= 0; i--) {
      c.elseThen().i32(i).localGet(1).op(WasmBinary.I32_MUL).end();
      c.i32(3).op(WasmBinary.I32_XOR);
    }
    m.export("f", m.function(t, new int[0][], c.end()));
    Pair p = new Pair(m.module());
    for (long a : new long[] {0, -1, 1, 7, 0x7FFF_FFFF, 0xFFFF_FFFEL}) {
      p.same("f", a, 5);
    }
  }

  @Test
  void twoThousandNestedLoopsEachGoingRoundOnce() {
    int depth = 2_000;
    WasmBinary m = new WasmBinary();
    int t = m.type(new int[0], new int[] {WasmBinary.I64});
    Code c = new Code();
    for (int i = 0; i < depth; i++) {
      c.loop(WasmBinary.VOID);
    }
    // Local 0 is an i64 sum. Loop k (counted from the innermost) has counter local k + 1 and goes
    // round once more the first time its end is reached: the innermost body runs depth + 1 times.
    c.localGet(0).i64(3).op(WasmBinary.I64_ADD).localSet(0);
    for (int k = 0; k < depth; k++) {
      c.localGet(k + 1).i32(1).op(WasmBinary.I32_ADD).localTee(k + 1);
      c.i32(2).op(WasmBinary.I32_LT_U).brIf(0).end();
    }
    c.localGet(0).localGet(1).op(WasmBinary.I64_EXTEND_I32_U).op(WasmBinary.I64_ADD);
    int[][] locals = {{1, WasmBinary.I64}, {depth, WasmBinary.I32}};
    m.export("f", m.function(t, locals, c.end()));
    Pair p = new Pair(m.module());
    p.same("f");
    assertThat(call(p.engine, "f").values()).containsExactly(4L * (depth + 1));
  }

  // ---- locals ----

  private static String mixedLocals(int count) {
    StringBuilder wat =
        new StringBuilder("(module (func (export \"f\") (param $p i32) (result i64)\n(local");
    String[] types = {"i32", "i64", "f32", "f64"};
    for (int i = 0; i < count; i++) {
      wat.append(' ').append(types[i % 4]);
      if (i % 64 == 63) {
        wat.append('\n');
      }
    }
    wat.append(")\n");
    // Local i + 1 (the parameter is local 0) has type types[i % 4]. Touches locals spread over
    // the whole range: writes from the parameter, reads everything back, summed as i64.
    int[] picks = {0, 1, 2, 3, 4, 5, 6, 7, count / 2, count / 2 + 1, count / 2 + 2, count / 2 + 3};
    int[] tail = {count - 4, count - 3, count - 2, count - 1};
    StringBuilder sum = new StringBuilder("i64.const 0\n");
    for (int[] group : new int[][] {picks, tail}) {
      for (int i : group) {
        int local = i + 1;
        String t = types[i % 4];
        wat.append("local.get $p ").append(convertFromI32(t)).append(" local.set ").append(local);
        wat.append('\n');
        sum.append("local.get ").append(local).append(' ').append(toI64(t)).append(" i64.add\n");
      }
    }
    // And one never written: must still read as zero.
    sum.append("local.get ").append(count / 3 + 1).append(' ').append(toI64(types[count / 3 % 4]));
    sum.append(" i64.add\n");
    wat.append(sum).append("))");
    return wat.toString();
  }

  static String convertFromI32(String t) {
    return switch (t) {
      case "i32" -> "";
      case "i64" -> "i64.extend_i32_s";
      case "f32" -> "f32.convert_i32_s";
      default -> "f64.convert_i32_s";
    };
  }

  static String toI64(String t) {
    return switch (t) {
      case "i32" -> "i64.extend_i32_s";
      case "i64" -> "";
      case "f32" -> "i64.trunc_sat_f32_s";
      default -> "i64.trunc_sat_f64_s";
    };
  }

  @Test
  void fiftyThousandLocalsOfMixedTypes() {
    Pair p = new Pair(mixedLocals(50_000));
    for (long a : new long[] {0, 1, -7, 123_456}) {
      p.same("f", a);
    }
  }

  @Test
  void tenThousandLocalsOfMixedTypesStillCompiled() {
    // Small enough for one JVM method (past 8 000 bytes of zeroing, which no region can take).
    Pair p = new Pair(mixedLocals(10_000));
    for (long a : new long[] {0, 1, -7, 123_456}) {
      p.same("f", a);
    }
  }

  // ---- br_table ----

  /**
   * Four nested blocks of result i32 and a br_table of {@code targets} entries over them, carrying
   * 100; each block's end adds its own amount and returns.
   */
  private static WasmModule brTable(int targets) {
    WasmBinary m = new WasmBinary();
    int t = m.type(new int[] {WasmBinary.I32}, new int[] {WasmBinary.I32});
    Code c = new Code();
    for (int i = 0; i < 4; i++) {
      c.block(WasmBinary.I32);
    }
    int[] labels = new int[targets];
    for (int i = 0; i < targets; i++) {
      labels[i] = i % 7 == 0 ? 0 : i % 3 == 0 ? 1 : i % 2 == 0 ? 2 : 3;
    }
    c.i32(100).localGet(0).brTable(labels, 2);
    for (int i = 0; i < 4; i++) {
      c.end().i32(i * 1000 + 1).op(WasmBinary.I32_ADD).ret();
    }
    m.export("f", m.function(t, new int[0][], c.end()));
    return m.module();
  }

  @Test
  void brTableWithAHundredThousandTargets() {
    Pair p = new Pair(brTable(100_000));
    long t0 = System.nanoTime();
    p.same("f", 0);
    long firstCallMillis = (System.nanoTime() - t0) / 1_000_000;
    for (long i : new long[] {1, 2, 3, 6, 7, 99_998, 99_999, 100_000, 100_001, -1}) {
      p.same("f", i);
    }
    System.out.printf("br_table of 100,000 targets: first call %d ms%n", firstCallMillis);
  }

  /**
   * A module can hold many such functions: deciding what to do with one must not take seconds. It
   * once took 10 s: the function was compiled seven times (no plan can shrink one instruction),
   * each time emitting a 100,000-entry tableswitch, before it fell back to the interpreter. Now the
   * instruction itself decides.
   */
  @Test
  void brTableWithAHundredThousandTargetsIsLeftToTheInterpreterAtOnce() {
    WasmModule module = brTable(100_000);
    var factory = Engine.machineFactory(module);
    Instance engine = Differential.instance(module, factory);
    assertThat(call(engine, "f", 7).values()).containsExactly(101);
    assertThat(Differential.moduleCode(factory).interpreted(0)).isTrue();
  }

  @Test
  void brTableWithFiveThousandTargets() {
    Pair p = new Pair(brTable(5_000));
    for (long i : new long[] {0, 1, 2, 3, 6, 7, 4_999, 5_000, 5_001, -1, 0x7FFF_FFFF}) {
      p.same("f", i);
    }
  }

  // ---- calls ----

  @Test
  void tenThousandFunctionsCallingEachOtherInAChain() throws Exception {
    int count = 10_000;
    WasmBinary m = new WasmBinary();
    int t = m.type(new int[] {WasmBinary.I64}, new int[] {WasmBinary.I64});
    for (int i = 0; i < count - 1; i++) {
      m.function(
          t, new int[0][], new Code().localGet(0).i64(i).op(WasmBinary.I64_ADD).call(i + 1).end());
    }
    m.function(t, new int[0][], new Code().localGet(0).end());
    m.export("first", 0).export("middle", count / 2);
    WasmModule module = m.module();
    // 10 000 calls deep: a thread with room for them, under either machine.
    long[] millis = new long[1];
    Outcome[] outcomes = new Outcome[3];
    onBigStack(
        () -> {
          Instance engine = engine(module);
          long t0 = System.nanoTime();
          outcomes[0] = call(engine, "first", 1);
          millis[0] = (System.nanoTime() - t0) / 1_000_000;
          outcomes[1] = call(engine, "first", 2);
          outcomes[2] = call(interpreter(module), "first", 2);
        });
    assertThat(outcomes[0].values()).containsExactly(1 + sum(0, count - 1));
    assertThat(outcomes[1]).isEqualTo(outcomes[2]);
    // On a test thread's own stack the chain may run out of it (so may the interpreter's), but
    // only as a trap, and the instance keeps working.
    Instance engine = engine(module);
    Outcome first = call(engine, "first", 1);
    if (first.trap() != null) {
      assertThat(first.trap()).isEqualTo("call stack exhausted");
    } else {
      assertThat(first.values()).containsExactly(1 + sum(0, count - 1));
    }
    Outcome middle = call(engine, "middle", 1);
    assertThat(middle.trap() == null ? "ok" : middle.trap()).isIn("ok", "call stack exhausted");
    System.out.printf(
        "10,000-function chain: first call on a big stack (compiling 10,000) %d ms;"
            + " on the test thread: %s from the top, %s from the middle%n",
        millis[0],
        first.trap() == null ? "ok" : first.trap(),
        middle.trap() == null ? "ok" : middle.trap());
  }

  /** Runs {@code body} on a thread with a 512 MB stack. */
  private static void onBigStack(Runnable body) throws InterruptedException {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                body.run();
              } catch (Throwable e) {
                thrown.set(e);
              }
            },
            "big-stack",
            512L << 20);
    t.start();
    t.join();
    if (thrown.get() instanceof Error e) {
      throw e;
    }
    if (thrown.get() instanceof RuntimeException e) {
      throw e;
    }
  }

  private static long sum(long from, long toExclusive) {
    return (from + toExclusive - 1) * (toExclusive - from) / 2;
  }

  @Test
  void manyParametersBeyondTheJvmLimit() {
    // A JVM method takes at most 255 slots of parameters; Wasm has no such limit.
    StringBuilder wat = new StringBuilder("(module\n");
    wat.append("(type $t (func (param");
    wat.append(" i64".repeat(200));
    wat.append(") (result i64)))\n");
    wat.append("(func $wide (type $t)\n");
    wat.append("local.get 0 local.get 199 i64.add local.get 100 i64.add)\n");
    wat.append("(table 1 funcref) (elem (i32.const 0) $wide)\n");
    wat.append("(func (export \"direct\") (param i64) (result i64)\n");
    for (int i = 0; i < 200; i++) {
      wat.append("local.get 0 i64.const ").append(i).append(" i64.add\n");
    }
    wat.append("call $wide)\n");
    wat.append("(func (export \"indirect\") (param i64) (result i64)\n");
    for (int i = 0; i < 200; i++) {
      wat.append("local.get 0 i64.const ").append(i).append(" i64.add\n");
    }
    wat.append("i32.const 0 call_indirect (type $t))\n");
    wat.append("(export \"wide\" (func $wide)))");
    Pair p = new Pair(wat.toString());
    long[] args = new long[200];
    for (int i = 0; i < 200; i++) {
      args[i] = i * 3L;
    }
    p.same("wide", args);
    p.same("direct", 5);
    p.same("indirect", 5);
  }

  @Test
  void manyResults() {
    StringBuilder wat = new StringBuilder("(module\n");
    wat.append("(func $many (param i32) (result");
    wat.append(" i64 f64 i32 f32".repeat(100));
    wat.append(")\n");
    for (int i = 0; i < 100; i++) {
      wat.append("local.get 0 i64.extend_i32_s i64.const ").append(i).append(" i64.mul\n");
      wat.append("f64.const ").append(i).append(".5\n");
      wat.append("local.get 0 i32.const ").append(i).append(" i32.add\n");
      wat.append("f32.const -").append(i).append(".25\n");
    }
    wat.append(")\n(export \"many\" (func $many))\n");
    wat.append("(func (export \"sum\") (param i32) (result i64) (local $acc i64)\n");
    wat.append("local.get 0 call $many\n");
    for (int i = 0; i < 100; i++) {
      wat.append("i64.trunc_sat_f32_s local.get $acc i64.add local.set $acc\n");
      wat.append("i64.extend_i32_s local.get $acc i64.add local.set $acc\n");
      wat.append("i64.trunc_sat_f64_s local.get $acc i64.add local.set $acc\n");
      wat.append("local.get $acc i64.add local.set $acc\n");
    }
    wat.append("local.get $acc))");
    Pair p = new Pair(wat.toString());
    p.same("many", 3);
    p.same("sum", 7);
  }

  // ---- recursion ----

  private static final String RECURSION =
      """
      (module
        (type $t (func (param i32) (result i32)))
        (memory 1)
        (table 4 funcref)
        (elem (i32.const 0) $self $indirect $ping $pong)
        (func $self (export "self") (type $t)
          local.get 0 i32.const 1 i32.add call $self)
        (func $locals (export "locals") (param i32) (result i32)
          (local i64 f64 f32 i64 i64 i64 i64 f64 f64 f64 f64)
          local.get 0 i32.const 0xFFF i32.and i32.load
          local.get 0 i32.const 1 i32.add call $locals i32.add)
        (func $indirect (export "indirect") (type $t)
          local.get 0 i32.const 1 i32.add i32.const 1 call_indirect (type $t))
        (func $ping (export "ping") (type $t)
          local.get 0 i32.const 1 i32.add i32.const 3 call_indirect (type $t))
        (func $pong (type $t)
          local.get 0 i32.const 1 i32.add call $ping)
        (func (export "ok") (type $t)
          local.get 0 i32.const 1 i32.add))
      """;

  @Test
  void endlessRecursionIsACleanTrapAndTheInstanceLivesOn() {
    WasmModule module = wat(RECURSION);
    Instance engine = engine(module);
    Instance reference = interpreter(module);
    for (String export : new String[] {"self", "locals", "indirect", "ping"}) {
      assertThatThrownBy(() -> engine.export(export).apply(0))
          .as(export)
          .isInstanceOf(ChicoryException.class)
          .hasMessage("call stack exhausted");
      same(engine, reference, "ok", 41);
    }
    // Again, now that everything is compiled and linked.
    for (String export : new String[] {"self", "locals", "indirect", "ping"}) {
      assertThat(call(engine, export, 0).trap()).as(export).isEqualTo("call stack exhausted");
    }
    same(engine, reference, "ok", 1);
  }

  /**
   * {@code $down(n)} recurses n deep and only then calls {@code $leaf} (directly, or through the
   * table) for the first time: the JVM links the call, and the engine compiles the callee, at the
   * bottom of a deep stack. Whatever depth runs out of stack there, the failure must be a trap of
   * that call only: the same instance must still run {@code $down(0)}.
   */
  private static final String DEEP_FIRST_CALL =
      """
      (module
        (type $t (func (param i32) (result i32)))
        (memory 1)
        (table 1 funcref)
        (elem (i32.const 0) $leaf)
        (func $down (export "down") (param i32) (param i32) (result i32)
          local.get 0
          if (result i32)
            local.get 0 i32.const 1 i32.sub local.get 1 call $down i32.const 1 i32.add
          else
            i32.const 7
            local.get 1
            if (param i32) (result i32)
              i32.const 0 call_indirect (type $t)
            else
              call $leaf
            end
          end)
        (func $leaf (type $t)
          local.get 0 i32.const 8 i32.load i32.add i32.const 1 i32.add))
      """;

  @Test
  void firstCallOfAFunctionAtTheBottomOfADeepStack() {
    WasmModule module = wat(DEEP_FIRST_CALL);
    for (int indirect = 0; indirect <= 1; indirect++) {
      // The deepest first call that works on fresh classes, roughly (the JVM's frames vary).
      int lo = 0;
      int hi = 1 << 20;
      while (hi - lo > 64) {
        int mid = (lo + hi) >>> 1;
        if (deepFirstCall(module, mid, indirect)) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      // Around the edge, the stack runs out at every point of linking and compiling $leaf.
      int traps = 0;
      for (int depth = Math.max(0, lo - 600); depth < hi + 200; depth += 11) {
        traps += deepFirstCall(module, depth, indirect) ? 0 : 1;
      }
      System.out.printf(
          "deep first call (indirect %d): fails from about %d deep; %d traps near there%n",
          indirect, hi, traps);
    }
  }

  /** Whether $down(depth) worked; if it trapped, asserts the trap and that the instance lives. */
  private static boolean deepFirstCall(WasmModule module, int depth, int indirect) {
    Instance engine = engine(module); // fresh classes: $leaf not yet compiled nor linked
    Outcome deep = call(engine, "down", depth, indirect);
    if (deep.trap() == null) {
      assertThat(deep.values()).containsExactly(8 + depth);
      return true;
    }
    assertThat(deep.trap()).isEqualTo("call stack exhausted");
    assertThat(call(engine, "down", 0, indirect).values())
        .as("after exhausting the stack %d deep (indirect %d)", depth, indirect)
        .containsExactly(8);
    assertThat(call(engine, "down", 10, indirect).values()).containsExactly(18);
    return false;
  }

  // ---- memory ----

  /** One load or store export of {@link #MEMORY}: its instruction, static offset and width. */
  private record Access(String name, String instruction, long offset, int width) {
    boolean store() {
      return instruction.contains("store");
    }

    /**
     * Chicory 1.7.5's interpreter adds the offset to the address in 32 bits for {@code i32.store8},
     * {@code i64.store8} and {@code i64.store32} and checks neither: an access whose effective
     * address passes 2^32 (the spec's 33-bit sum) writes at the wrapped address there. The engine
     * is checked against the spec for those.
     */
    boolean referenceWraps(long addr) {
      return (instruction.endsWith("store8") || instruction.equals("i64.store32"))
          && addr + offset >= 1L << 32;
    }

    String wat() {
      String value = instruction.substring(0, 3) + ".const -1";
      String result = store() ? "" : " (result " + instruction.substring(0, 3) + ")";
      return "(func (export \""
          + name
          + "\") (param i32)"
          + result
          + " local.get 0 "
          + (store() ? value + " " : "")
          + instruction
          + (offset == 0 ? "" : " offset=" + offset)
          + ")\n";
    }
  }

  private static final Access[] ACCESSES = {
    new Access("i32.load", "i32.load", 0, 4),
    new Access("i64.load", "i64.load", 0, 8),
    new Access("f32.load", "f32.load", 0, 4),
    new Access("f64.load", "f64.load", 0, 8),
    new Access("i32.load8_u", "i32.load8_u", 0, 1),
    new Access("i32.load16_s", "i32.load16_s", 0, 2),
    new Access("i64.load32_u", "i64.load32_u", 0, 4),
    new Access("i64.load16_u", "i64.load16_u", 0, 2),
    new Access("i64.load8_s/1", "i64.load8_s", 1, 1),
    new Access("i32.load/max", "i32.load", 0xFFFF_FFFFL, 4),
    new Access("i32.load8_u/max", "i32.load8_u", 0xFFFF_FFFFL, 1),
    new Access("i32.load/2^31", "i32.load", 0x8000_0000L, 4),
    new Access("i32.load/2^31-1", "i32.load", 0x7FFF_FFFFL, 4),
    new Access("i64.load/65535", "i64.load", 65_535, 8),
    new Access("i32.load/4", "i32.load", 4, 4),
    new Access("i32.store", "i32.store", 0, 4),
    new Access("i64.store", "i64.store", 0, 8),
    new Access("f64.store", "f64.store", 0, 8),
    new Access("f32.store", "f32.store", 0, 4),
    new Access("i32.store8", "i32.store8", 0, 1),
    new Access("i32.store16", "i32.store16", 0, 2),
    new Access("i64.store8", "i64.store8", 0, 1),
    new Access("i64.store16", "i64.store16", 0, 2),
    new Access("i64.store32", "i64.store32", 0, 4),
    new Access("i64.store/max", "i64.store", 0xFFFF_FFFFL, 8),
    new Access("i32.store8/max", "i32.store8", 0xFFFF_FFFFL, 1),
    new Access("i64.store8/max", "i64.store8", 0xFFFF_FFFFL, 1),
    new Access("i64.store32/max", "i64.store32", 0xFFFF_FFFFL, 4),
    new Access("i64.store32/4", "i64.store32", 4, 4),
    new Access("i32.store16/2^31", "i32.store16", 0x8000_0000L, 2),
    new Access("i32.store/8", "i32.store", 8, 4),
  };

  private static final String MEMORY;

  static {
    StringBuilder wat = new StringBuilder("(module (memory 1 2)\n");
    wat.append("(data (i32.const 65528) \"\\01\\02\\03\\04\\05\\06\\07\\08\")\n");
    for (Access a : ACCESSES) {
      wat.append(a.wat());
    }
    wat.append(
        """
        (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
        (func (export "size") (result i32) memory.size)
        (func (export "fill") (param i32 i32)
          local.get 0 i32.const 0xAB local.get 1 memory.fill)
        (func (export "copy") (param i32 i32 i32)
          local.get 0 local.get 1 local.get 2 memory.copy))
        """);
    MEMORY = wat.toString();
  }

  private static final long[] EDGES = {
    0,
    1,
    4,
    65_527,
    65_528,
    65_529,
    65_531,
    65_532,
    65_533,
    65_534,
    65_535,
    65_536,
    65_537,
    131_064,
    131_068,
    131_071,
    131_072,
    0x7FFF_FFFFL,
    0x8000_0000L,
    0xFFFF_FFF8L,
    0xFFFF_FFFCL,
    0xFFFF_FFFEL,
    0xFFFF_FFFFL
  };

  @Test
  void accessesAtAndPastTheEdgesOfMemory() {
    Pair p = new Pair(MEMORY);
    for (int round = 0; round < 2; round++) {
      long bytes = (round + 1) * 65_536L;
      for (Access access : ACCESSES) {
        for (long addr : EDGES) {
          // The spec: the access traps iff its 33-bit effective address range passes the end.
          boolean traps = addr + access.offset() + access.width() > bytes;
          Outcome engine = call(p.engine, access.name(), addr);
          assertThat(engine.trap())
              .as("%s at %d with %d bytes", access.name(), addr, bytes)
              .isEqualTo(traps ? "out of bounds memory access" : null);
          if (access.referenceWraps(addr)) {
            continue;
          }
          assertThat(engine)
              .as("%s at %d: engine vs interpreter", access.name(), addr)
              .isEqualTo(call(p.reference, access.name(), addr));
        }
      }
      p.sameState();
      // A second page: the same edges again, some now inside.
      p.same("grow", 1);
    }
    // A store that straddles the end writes nothing.
    p.same("i64.store", 65_532 + 65_536);
    p.same("i64.load", 65_528 + 65_536);
    p.sameState();
  }

  @Test
  void bulkMemoryAtTheEdges() {
    Pair p = new Pair(MEMORY);
    long[][] cases = {
      {65_535, 1},
      {65_535, 2},
      {65_536, 0},
      {65_537, 0},
      {0, 65_536},
      {1, 65_536},
      {0, 0xFFFF_FFFFL}
    };
    for (long[] c : cases) {
      p.same("fill", c[0], c[1]);
    }
    long[][] copies = {
      {0, 65_528, 8}, {65_528, 0, 9}, {1, 0, 65_535}, {0, 1, 65_536}, {0xFFFF_FFFFL, 0, 1}
    };
    for (long[] c : copies) {
      p.same("copy", c[0], c[1], c[2]);
    }
    p.sameState();
  }

  @Test
  void memoryGrowPastTheMaximum() {
    Pair p = new Pair(MEMORY);
    for (long delta : new long[] {0, 2, 0xFFFF_FFFFL, 0x1_0000, 1, 1, 0, 0x8000_0000L}) {
      p.same("grow", delta);
      p.same("size");
    }
    p.same("i32.load", 131_068);
    p.same("i32.load", 131_069);
    p.sameState();

    // No declared maximum: the runtime's own cap, never the JVM's.
    Pair unbounded =
        new Pair(
            """
            (module (memory 0)
              (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
              (func (export "load") (param i32) (result i32) local.get 0 i32.load8_u))
            """);
    unbounded.same("load", 0);
    for (long delta : new long[] {0x1_0000, 0x1_0001, 0xFFFF_FFFFL, 0x8000_0000L, 1}) {
      unbounded.same("grow", delta);
    }
    unbounded.same("load", 65_535);
    unbounded.same("load", 65_536);
  }

  // ---- indirect calls ----

  private static final String INDIRECT =
      """
      (module
        (type $ii (func (param i32) (result i32)))
        (type $ii2 (func (param i32) (result i32)))
        (type $il (func (param i32) (result i64)))
        (type $v (func))
        (table $t 6 funcref)
        (elem (i32.const 0) $inc $wide $nothing)
        (elem (i32.const 4) $inc)
        (func $inc (type $ii) local.get 0 i32.const 1 i32.add)
        (func $wide (type $il) local.get 0 i64.extend_i32_s)
        (func $nothing (type $v))
        (func (export "ii") (param i32 i32) (result i32)
          local.get 1 local.get 0 call_indirect (type $ii))
        (func (export "ii2") (param i32 i32) (result i32)
          local.get 1 local.get 0 call_indirect (type $ii2))
        (func (export "il") (param i32 i32) (result i64)
          local.get 1 local.get 0 call_indirect (type $il))
        (func (export "v") (param i32) local.get 0 call_indirect (type $v)))
      """;

  @Test
  void callIndirectWithWrongTypesNullsAndIndicesOutOfRange() {
    Pair p = new Pair(INDIRECT);
    long[] indices = {0, 1, 2, 3, 4, 5, 6, 7, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL};
    for (long i : indices) {
      p.same("ii", i, 41);
      p.same("ii2", i, 41);
      p.same("il", i, 41);
      p.same("v", i);
    }
  }

  // ---- endless loops ----

  @Test
  void anEndlessLoopStopsWhenItsThreadIsInterrupted() throws Exception {
    StringBuilder huge = new StringBuilder();
    for (int i = 0; i < 3_000; i++) {
      huge.append("local.get 0 i32.const ").append(i).append(" i32.xor local.set 0\n");
    }
    WasmModule module =
        wat(
            "(module (memory 1)\n"
                + "(func (export \"spin\") loop br 0 end)\n"
                + "(func (export \"busy\") (param i32) loop\n"
                + "  local.get 0 i32.const 1 i32.add local.tee 0 i32.const 4 i32.rem_u\n"
                + "  local.get 0 i32.const 4 i32.rem_u i32.load i32.const 1 i32.add\n"
                + "  i32.store br 0 end)\n"
                + "(func (export \"huge\") (param i32) loop\n"
                + huge
                + "  br 0 end))");
    for (String export : new String[] {"spin", "busy", "huge"}) {
      Instance engine = engine(module);
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      Thread t =
          new Thread(
              () -> {
                try {
                  engine.export(export).apply(export.equals("spin") ? new long[0] : new long[1]);
                } catch (Throwable e) {
                  thrown.set(e);
                }
              });
      t.start();
      Thread.sleep(300);
      assertThat(t.isAlive()).as(export + " still running").isTrue();
      t.interrupt();
      t.join(10_000);
      assertThat(t.isAlive()).as(export + " stopped after interrupt").isFalse();
      assertThat(thrown.get()).as(export).isInstanceOf(ChicoryInterruptedException.class);
    }
  }
}
