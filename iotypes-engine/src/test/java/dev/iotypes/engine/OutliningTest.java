package dev.iotypes.engine;

import static dev.iotypes.engine.Differential.call;
import static dev.iotypes.engine.Differential.generatedMethods;
import static dev.iotypes.engine.Differential.interpreter;
import static dev.iotypes.engine.Differential.same;
import static dev.iotypes.engine.Differential.sameState;
import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Functions far over the huge-method limit, which the engine cuts into region methods ({@code
 * Outliner}): branches out of regions to outer labels with values, return from inside one, a region
 * that never falls through as the last thing of a function, values on the stack below a big block,
 * loops whose bodies are outlined, locals written in regions and read after, huge if/else, memory
 * grown inside a region. Each is compared with Chicory's interpreter (or, for blocks with
 * parameters, which that interpreter gets wrong, with the value worked out by hand), and each test
 * checks that the function was outlined at all.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OutliningTest {

  /** Locals every generated function declares, after its one parameter {@code $p}. */
  private static final String[] I32 = {"$i0", "$i1", "$i2", "$i3", "$i4", "$i5"};

  private static final String[] I64 = {"$l0", "$l1", "$l2", "$l3"};
  private static final String[] F32 = {"$f0", "$f1"};
  private static final String[] F64 = {"$d0", "$d1"};

  private static final String LOCALS =
      "(local $i0 i32) (local $i1 i32) (local $i2 i32) (local $i3 i32) (local $i4 i32)"
          + " (local $i5 i32) (local $l0 i64) (local $l1 i64) (local $l2 i64) (local $l3 i64)"
          + " (local $f0 f32) (local $f1 f32) (local $d0 f64) (local $d1 f64) (local $n i32)"
          + " (local $m i32) (local $acc i64)\n";

  /** Every local from the parameter, differently. */
  private static final String INIT =
      """
      local.get $p i32.const 3 i32.mul local.set $i0
      local.get $p i32.const 0x55 i32.xor local.set $i1
      local.get $p i32.const 7 i32.rotl local.set $i2
      local.get $p i32.const 1 i32.add local.set $i3
      local.get $p i32.const -9 i32.mul local.set $i4
      local.get $p local.set $i5
      local.get $p i64.extend_i32_s i64.const 1000003 i64.mul local.set $l0
      local.get $p i64.extend_i32_u i64.const 77 i64.add local.set $l1
      local.get $p i64.extend_i32_s i64.const 13 i64.rotl local.set $l2
      i64.const -5 local.set $l3
      local.get $p f32.convert_i32_s local.set $f0
      f32.const 1.5 local.set $f1
      local.get $p f64.convert_i32_u local.set $d0
      f64.const -2.25 local.set $d1
      """;

  /** Pushes one i64 that depends on every local. */
  private static final String HASH;

  static {
    StringBuilder h = new StringBuilder("i64.const 0\n");
    for (String i : I32) {
      h.append("local.get ").append(i).append(" i64.extend_i32_u i64.xor i64.const 7 i64.rotl\n");
    }
    for (String l : I64) {
      h.append("local.get ").append(l).append(" i64.add i64.const 11 i64.rotl\n");
    }
    for (String f : F32) {
      h.append("local.get ").append(f).append(" i32.reinterpret_f32 i64.extend_i32_u i64.xor\n");
    }
    for (String d : F64) {
      h.append("local.get ")
          .append(d)
          .append(" i64.reinterpret_f64 i64.add i64.const 3 i64.rotl\n");
    }
    HASH = h.toString();
  }

  /**
   * {@code groups} runs of straight-line code over the locals, each leaving the operand stack as it
   * found it (so any may sit under values of an enclosing expression); floats stay bounded, nothing
   * traps. About five instructions a group, some 20 bytes of bytecode.
   */
  static String filler(int groups, long seed) {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder();
    for (int g = 0; g < groups; g++) {
      String a = pick(r, I32);
      String b = pick(r, I32);
      String c = pick(r, I32);
      switch (r.nextInt(6)) {
        case 0 ->
            sb.append("local.get ")
                .append(a)
                .append(" i32.const ")
                .append(r.nextInt())
                .append(" i32.add local.set ")
                .append(c);
        case 1 ->
            sb.append("local.get ")
                .append(a)
                .append(" local.get ")
                .append(b)
                .append(" i32.xor i32.const ")
                .append(1 + r.nextInt(31))
                .append(" i32.rotl local.set ")
                .append(c);
        case 2 ->
            sb.append("local.get ")
                .append(pick(r, I64))
                .append(" local.get ")
                .append(b)
                .append(" i64.extend_i32_u i64.add i64.const ")
                .append(r.nextLong() | 1)
                .append(" i64.mul local.set ")
                .append(pick(r, I64));
        case 3 ->
            sb.append("local.get ")
                .append(pick(r, F64))
                .append(" f64.const 0.5 f64.mul")
                .append(" local.get ")
                .append(b)
                .append(" f64.convert_i32_s f64.add local.set ")
                .append(pick(r, F64));
        case 4 ->
            sb.append("local.get ")
                .append(pick(r, F32))
                .append(" f32.const 0.25 f32.mul")
                .append(" local.get ")
                .append(b)
                .append(" f32.convert_i32_s f32.add local.set ")
                .append(pick(r, F32));
        default ->
            sb.append("local.get ")
                .append(a)
                .append(" i32.const ")
                .append(r.nextInt(1000))
                .append(" i32.mul local.get ")
                .append(b)
                .append(" i32.sub local.set ")
                .append(c);
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String pick(Random r, String[] options) {
    return options[r.nextInt(options.length)];
  }

  /** A module of one exported function {@code f (param $p i32) (result i64)}. */
  private static String module(String body) {
    return module("", body);
  }

  private static String module(String before, String body) {
    return "(module\n"
        + before
        + "(func (export \"f\") (param $p i32) (result i64)\n"
        + LOCALS
        + INIT
        + body
        + ")\n)";
  }

  /** Runs f over {@code inputs} on both machines; asserts the same; returns the engine's code. */
  private static ModuleCode check(String wat, int funcId, long... inputs) {
    WasmModule module = Differential.wat(wat);
    var factory = Engine.machineFactory(module);
    ModuleCode code = Differential.moduleCode(factory);
    Instance engine = Differential.instance(module, factory);
    Instance reference = interpreter(module);
    for (long p : inputs) {
      same(engine, reference, "f", p);
    }
    sameState(engine, reference);
    assertOutlined(code, funcId);
    return code;
  }

  private static final long[] INPUTS = {0, 1, 2, 3, 4, 5, 6, 7, 8, -1, 12_345};

  static void assertOutlined(ModuleCode code, int funcId) {
    List<String> methods = generatedMethods(code, funcId);
    assertThat(methods)
        .as("methods of function %d's class", funcId)
        .anyMatch(m -> m.startsWith("func_" + funcId + "$"));
  }

  // ---- branches ----

  @Test
  void branchesOutOfDeepNestingToOuterLabelsCarryValues() {
    int depth = 8;
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < depth; k++) {
      b.append("block $o").append(k).append(" (result i64)\n");
      b.append(filler(120, k));
      // A conditional branch out, from here, to a label a few levels out.
      b.append(HASH)
          .append("local.get $p i32.const ")
          .append(k)
          .append(" i32.eq br_if $o")
          .append(k / 2)
          .append(" drop\n");
    }
    // The innermost level long enough to be cut into runs itself: the br_table is in a region.
    b.append(filler(600, 99)).append(HASH);
    b.append("local.get $p i32.const 8 i32.sub br_table $o0 $o3 $o5 $o7 $o1\n");
    for (int k = depth - 1; k >= 0; k--) {
      b.append("end\n").append(filler(60, 100 + k));
      b.append("i64.const ").append(k + 1).append(" i64.add\n");
    }
    b.append(HASH).append("i64.xor\n");
    check(module(b.toString()), 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, -1);
  }

  @Test
  void multipleValuesOutOfRegions() {
    String body =
        "block $b (result i64 i32 f64)\n"
            + filler(300, 1)
            + HASH
            + "local.get $i0 local.get $d0 local.get $p i32.const 1 i32.and br_if $b\n"
            + "drop drop drop\n"
            + filler(300, 2)
            + HASH
            + "local.get $i1 local.get $d1\n"
            + "local.get $p i32.const 2 i32.and br_if $b\n"
            + "local.get $p br_table $b $b 0\n"
            + "end\n"
            + "i64.trunc_sat_f64_s local.set $l0 i64.extend_i32_u local.get $l0 i64.add i64.mul\n";
    check(module(body), 0, INPUTS);
  }

  @Test
  void returnFromInsideRegions() {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < 5; k++) {
      b.append("block\n").append(filler(150, k));
      b.append("local.get $p i32.const ").append(k).append(" i32.eq if ").append(HASH);
      b.append("return end\n");
    }
    // And a branch to the function's own label (a return), and a br_table out of the nest.
    b.append(HASH).append("local.get $p i32.const 5 i32.eq br_if 5 drop\n");
    b.append("local.get $p i32.const 6 i32.sub br_table 0 4 2 1\n");
    b.append("end ".repeat(5)).append('\n');
    b.append(filler(200, 9)).append(HASH);
    check(module(b.toString()), 0, INPUTS);
  }

  // ---- regions that never fall through ----

  @Test
  void aRegionThatNeverFallsThroughIsTheLastThingInTheFunction() {
    // Straight-line code long enough for several regions, the last of which ends in return.
    check(module(filler(1200, 1) + HASH + "return\n"), 0, 0, 1, 7);
    // ... or in a branch to the function's label.
    check(module(filler(1200, 2) + HASH + "local.get $p br_table 0 0\n"), 0, 0, 1, 7);
    // ... or in a trap.
    check(module(filler(1200, 3) + "unreachable\n"), 0, 0, 1);
    // A last block that only ever returns: its end, and the function's, are unreachable.
    check(
        module(filler(100, 4) + "block\n" + filler(1200, 5) + HASH + "return\nend\nunreachable\n"),
        0,
        0,
        1,
        7);
    // A last loop that only leaves by returning.
    check(
        module(
            "i32.const 3 local.set $n\nloop $l\n"
                + filler(1200, 6)
                + "local.get $n i32.const 1 i32.sub local.tee $n br_if $l\n"
                + HASH
                + "return\nend\nunreachable\n"),
        0,
        0,
        1,
        7);
    // A last if/else whose both arms return.
    check(
        module(
            "local.get $p i32.const 1 i32.and\nif\n"
                + filler(900, 7)
                + HASH
                + "return\nelse\n"
                + filler(900, 8)
                + HASH
                + "i64.const 1 i64.add return\nend\nunreachable\n"),
        0,
        0,
        1,
        2,
        3);
  }

  // ---- values under big blocks ----

  @Test
  void valuesOnTheStackBelowABigBlock() {
    // The brief's case: i32.const 7, a huge block with a result, i32.add.
    String body =
        "i32.const 7\n"
            + "block (result i32)\n"
            + filler(1200, 1)
            + "local.get $i0\n"
            + "end\n"
            + "i32.add i64.extend_i32_s\n"
            + HASH
            + "i64.xor\n";
    check(module(body), 0, INPUTS);
    // Several values of every type below, used after; the block also branches out.
    body =
        "i64.const 11 f64.const 2.5 f32.const -0.75 i32.const 7\n"
            + "block $b (result i32)\n"
            + filler(600, 2)
            + "local.get $i1 local.get $p i32.const 3 i32.eq br_if $b drop\n"
            + filler(600, 3)
            + "local.get $i2\n"
            + "end\n"
            + "i32.add i64.extend_i32_s local.set $l0\n"
            + "i64.trunc_sat_f32_s local.get $l0 i64.add local.set $l0\n"
            + "i64.trunc_sat_f64_s local.get $l0 i64.add\n"
            + "i64.add\n"
            + HASH
            + "i64.xor\n";
    check(module(body), 0, INPUTS);
    // Below a big loop and a big if.
    body =
        "i32.const 5 i64.const 6\n"
            + "i32.const 4 local.set $n\n"
            + "loop $l (result i32)\n"
            + filler(700, 4)
            + "local.get $n i32.const 1 i32.sub local.tee $n br_if $l\n"
            + "local.get $i3\n"
            + "end\n"
            + "i64.extend_i32_u i64.add\n"
            + "local.get $p\n"
            + "if (result i64)\n"
            + filler(700, 5)
            + "local.get $l1\n"
            + "else\n"
            + filler(700, 6)
            + "local.get $l2\n"
            + "end\n"
            + "i64.add\n"
            // The stack now holds i32 5 under an i64: fold the i32 in.
            + "local.set $l3 i64.extend_i32_s local.get $l3 i64.add\n"
            + HASH
            + "i64.xor\n";
    check(module(body), 0, INPUTS);
  }

  @Test
  void blocksWithParametersAroundRegions() {
    // Worked out by hand: the filler leaves the stack alone, and Chicory's interpreter keeps the
    // wrong values at the end of a block with parameters when the stack below it is short.
    String body =
        "i64.const 100 i32.const 7\n"
            + "block $b (param i32) (result i32)\n"
            + filler(1200, 1)
            + "local.get $p br_if $b\n"
            + "i32.const 5 i32.add\n"
            + "end\n"
            + "i64.extend_i32_s i64.add\n";
    WasmModule module = Differential.wat(module(body));
    var factory = Engine.machineFactory(module);
    ModuleCode code = Differential.moduleCode(factory);
    Instance engine = Differential.instance(module, factory);
    assertThat(call(engine, "f", 0).values()).containsExactly(112);
    assertThat(call(engine, "f", 1).values()).containsExactly(107);
    assertOutlined(code, 0);
    // A loop with parameters whose body is outlined: the parameters are its counter and a sum.
    body =
        "i32.const 10 i64.const 0\n"
            + "loop $l (param i32 i64) (result i64)\n"
            + "local.set $acc local.set $n\n"
            + filler(1200, 2)
            + "local.get $n i32.const 1 i32.sub\n"
            + "local.get $acc local.get $n i64.extend_i32_u i64.add\n"
            + "local.get $n i32.const 1 i32.gt_s br_if $l\n"
            + "local.set $acc drop local.get $acc\n"
            + "end\n";
    module = Differential.wat(module(body));
    factory = Engine.machineFactory(module);
    code = Differential.moduleCode(factory);
    engine = Differential.instance(module, factory);
    assertThat(call(engine, "f", 0).values()).containsExactly(55); // 10 + 9 + ... + 1
    assertOutlined(code, 0);
  }

  // ---- loops ----

  @Test
  void loopsWhoseBodiesAreHuge() {
    String body =
        "i32.const 40 local.set $n\n"
            + "block $out (result i64)\n"
            + "loop $l\n"
            + filler(800, 1)
            + "block $inner\n"
            + filler(400, 2)
            // Leaves the loop, with a value, from inside the body.
            + HASH
            + "local.get $n local.get $p i32.const 10 i32.add i32.eq br_if $out drop\n"
            // Goes round from deep inside.
            + "local.get $n i32.const 1 i32.sub local.tee $n i32.const 1 i32.and br_if $l\n"
            + filler(400, 3)
            + "end\n"
            + "local.get $n br_if $l\n"
            + "end\n"
            + HASH
            + "end\n";
    check(module(body), 0, 0, 1, 5, 29, 30, 100);
  }

  @Test
  void nestedLoopsWithOutlinedBodiesAndContinueToTheOuterOne() {
    String body =
        "i32.const 6 local.set $n\n"
            + "loop $outer\n"
            + "i32.const 5 local.set $m\n"
            + "loop $inner\n"
            + filler(700, 1)
            + "local.get $m i32.const 1 i32.sub local.tee $m i32.const 2 i32.eq\n"
            + "if local.get $n i32.const 1 i32.sub local.tee $n i32.const 0 i32.gt_s br_if $outer end\n"
            + filler(300, 2)
            + "local.get $m br_if $inner\n"
            + "end\n"
            + "local.get $n i32.const 1 i32.sub local.tee $n i32.const 0 i32.gt_s br_if $outer\n"
            + "end\n"
            + HASH;
    check(module(body), 0, 0, 1, 2);
  }

  // ---- an interpreter's dispatch ----

  /**
   * An interpreter's loop as C compilers emit a {@code switch}: a {@code br_table} under a chain of
   * 64 nested blocks, each case after its block's end, planned at the dispatch budget ({@link
   * Outliner#DISPATCH_BUDGET}); it runs as the interpreter runs it. A function without such a
   * {@code br_table} keeps the usual budget.
   */
  @Test
  void anInterpretersDispatchChain() {
    int cases = 64;
    StringBuilder b = new StringBuilder("i32.const 300 local.set $n\n");
    b.append("block $exit\nloop $dispatch\n");
    for (int c = cases - 1; c >= 0; c--) {
      b.append("block $c").append(c).append('\n');
    }
    b.append("local.get $n i32.const 37 i32.mul local.get $p i32.add i32.const 63 i32.and\n");
    b.append("br_table");
    for (int c = 0; c < cases; c++) {
      b.append(" $c").append(c);
    }
    b.append(" $exit\n");
    for (int c = 0; c < cases; c++) {
      b.append("end\n").append(filler(24, c));
      b.append("local.get $n i32.const 1 i32.sub local.tee $n br_if $dispatch br $exit\n");
    }
    b.append("end\nend\n").append(HASH);
    String wat = module(b.toString());
    check(wat, 0, 0, 1, 2, 63, -7);
    assertThat(
            Outliner.budget(Differential.wat(wat).codeSection().getFunctionBody(0).instructions()))
        .isEqualTo(Outliner.DISPATCH_BUDGET);
    String small = module(filler(2000, 9) + "block local.get $p br_table 0 0 0 end\n" + HASH);
    assertThat(
            Outliner.budget(
                Differential.wat(small).codeSection().getFunctionBody(0).instructions()))
        .isEqualTo(Outliner.METHOD_BUDGET);
  }

  // ---- locals ----

  @Test
  void manyLocalsOfMixedTypesWrittenInRegionsAndReadAfter() {
    int count = 400;
    String[] types = {"i32", "i64", "f32", "f64"};
    StringBuilder decl = new StringBuilder();
    for (int i = 0; i < count; i++) {
      decl.append("(local $x").append(i).append(' ').append(types[i % 4]).append(") ");
    }
    StringBuilder body = new StringBuilder();
    Random r = new Random(5);
    // Writes spread over the locals, in code long enough to be cut into many regions.
    for (int g = 0; g < 2_400; g++) {
      int i = r.nextInt(count);
      int j = r.nextInt(count / 4) * 4 + i % 4; // the same type as i
      String t = types[i % 4];
      body.append("local.get $x").append(j).append(' ');
      body.append(
          switch (t) {
            case "i32" -> "local.get $p i32.add i32.const 3 i32.rotl";
            case "i64" -> "local.get $p i64.extend_i32_s i64.add i64.const 5 i64.rotl";
            case "f32" -> "f32.const 0.5 f32.mul local.get $p f32.convert_i32_s f32.add";
            default -> "f64.const 0.5 f64.mul local.get $p f64.convert_i32_s f64.add";
          });
      body.append(" local.set $x").append(i).append('\n');
      if (g % 600 == 599) {
        body.append("block\n"); // some writes inside nested blocks too
      }
    }
    body.append("end end end end\n");
    // Then every one is read.
    body.append("i64.const 0\n");
    for (int i = 0; i < count; i++) {
      body.append("local.get $x").append(i).append(' ');
      body.append(
          switch (types[i % 4]) {
            case "i32" -> "i64.extend_i32_u";
            case "i64" -> "";
            case "f32" -> "i32.reinterpret_f32 i64.extend_i32_u";
            default -> "i64.reinterpret_f64";
          });
      body.append(" i64.xor i64.const 1 i64.rotl\n");
    }
    String wat =
        "(module (func (export \"f\") (param $p i32) (result i64)\n" + decl + "\n" + body + "))";
    check(wat, 0, 0, 1, 2, -3, 1_000_000);
  }

  // ---- if/else ----

  @Test
  void aHugeIfElse() {
    String body =
        "local.get $p i32.const 1 i32.and\n"
            + "if (result i64)\n"
            + filler(1500, 1)
            + HASH
            + "else\n"
            + filler(1500, 2)
            + HASH
            + "i64.const 1 i64.add\n"
            + "end\n"
            + filler(100, 3)
            + HASH
            + "i64.add\n";
    check(module(body), 0, INPUTS);
  }

  // ---- memory and calls ----

  @Test
  void memoryGrownInsideARegionIsSeenAfterIt() {
    String before =
        "(memory 1 8)\n"
            + "(func $grow (param i32) (result i32) local.get 0 memory.grow)\n"
            + "(func (export \"size\") (result i32) memory.size)\n";
    String body =
        "block\n"
            + filler(600, 1)
            + "i32.const 1 memory.grow drop\n"
            + "i32.const 70000 local.get $i0 i32.store\n"
            + filler(600, 2)
            + "end\n"
            // The caller's view of memory after the region: the new page is there.
            + "i32.const 70004 local.get $i1 i32.store\n"
            + "i32.const 1 call $grow drop\n"
            + "block\n"
            + filler(600, 3)
            // The region's view after a grow in the caller (by a call).
            + "i32.const 140000 local.get $i2 i32.store\n"
            + "i32.const 70000 i32.load local.set $i3\n"
            + filler(600, 4)
            + "end\n"
            + "i32.const 140000 i32.load local.get $i3 i32.add local.set $i4\n"
            // Out of bounds at the first call (3 pages), inside at the second (5).
            + "local.get $p if i32.const 200000 i32.load8_u local.set $i5 end\n"
            + HASH;
    String wat = module(before, body);
    // Function 0 is $grow, 1 size; f is function 2.
    check(wat, 2, 1, 1, 0);
  }

  @Test
  void trapsInsideRegions() {
    String body =
        "block\n"
            + filler(700, 1)
            + "local.get $p i32.const 1 i32.eq if unreachable end\n"
            + "local.get $i0 local.get $p i32.const 2 i32.sub i32.div_s local.set $i0\n"
            + filler(700, 2)
            // -1 when $p is 3: an overflow.
            + "i32.const 0x80000000 local.get $p i32.const 3 i32.ne i32.const 1 i32.shl"
            + " i32.const 1 i32.sub i32.div_s local.set $i1\n"
            + "end\n"
            + HASH;
    check(module(body), 0, 0, 1, 2, 3, 4);
  }

  @Test
  void functionsOfTwentyThousandInstructionsCallingEachOther() {
    List<String> functions = new ArrayList<>();
    for (int f = 0; f < 3; f++) {
      functions.add(
          "(func $g"
              + f
              + " (param $p i32) (result i64)\n"
              + LOCALS
              + INIT
              + filler(2_000, 10 + f)
              + (f < 2 ? "local.get $i0 call $g" + (f + 1) + " local.set $l3\n" : "")
              + filler(2_000, 20 + f)
              + HASH
              + ")\n");
    }
    String wat = "(module\n" + String.join("", functions) + "(export \"f\" (func $g0)))";
    ModuleCode code = check(wat, 0, 0, 1, 2);
    assertOutlined(code, 1);
    assertOutlined(code, 2);
  }
}
