package dev.iotypes.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A random valid module in the text format, from a seed: a few functions of random signatures
 * (multi-value results included) over a memory, a table of all of them and mutable globals of each
 * type. Bodies mix numeric instructions of every type, locals, select, nested block, loop and if
 * with parameters and results, branches carrying values to outer labels (br, br_if, br_table),
 * return from deep inside, loads and stores of every width with offsets, memory.size and
 * memory.grow, direct and indirect calls, and traps of every kind.
 *
 * <p>Every run ends: a function calls only functions after it (directly, or through the table at
 * indices after its own), and a loop is entered again only by its own back edge, taken while a
 * counter of its own, set just before the loop, runs down from at most 3.
 *
 * <p>Chicory 1.7.5's interpreter, the reference, mishandles blocks with parameters: at a block's
 * end, and at a branch to it, it keeps the top parameters-plus-results values instead of the
 * results ({@code StackFrame.doControlTransfer}). That is harmless when the stack holds exactly the
 * results over at least as many values as the parameters, and wrong otherwise (values left over, or
 * zeros made up when the stack runs out). So here a block or if with parameters is never a branch
 * target, and every body runs over two values of padding, dropped at its end. The reference's other
 * faults, steered clear of likewise: an i32.mul product kept in 64 bits (an or follows each mul),
 * the address of i32.store8, i64.store8 and i64.store32 taken modulo 2^32 (their addresses plus
 * offsets stay below it), a block type index read as a value type (fewer than 64 types), and abs of
 * a negative NaN left negative on Java 17 ({@code Math.abs} there returns a NaN as it is; abs
 * results are canonicalized, so the sign bit of a NaN is checked through neg only). Which NaN an
 * arithmetic instruction gives is not deterministic in Wasm, so each such result is made the
 * canonical NaN; bitwise instructions keep NaN payloads exact.
 */
final class RandomModule {
  enum T {
    I32,
    I64,
    F32,
    F64;

    String w() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One generated function's signature. */
  record Sig(List<T> params, List<T> results) {}

  /**
   * A label a branch may leave for with {@code types}, if {@code target}: a loop's only by its own
   * counted back edge, and a block's with parameters never (see {@link RandomModule}).
   */
  private record Label(List<T> types, boolean target) {}

  private static final int MAX_DEPTH = 5;
  private static final int PAD = 0x5AD;
  private static final int MAX_LOOP_DEPTH = 2;
  private static final int LOCALS_PER_TYPE = 2;

  private final Random r;

  /**
   * The block signatures that take a type index (parameters, or several results), with the
   * functions' own. Chicory 1.7.5's parser reads a block type index as an unsigned number and takes
   * one that equals a value type's code (64 is the empty block type, 99 and 100 reference types,
   * 105 to 127 the rest) for that type: a module's type indices must stay under 64.
   */
  private final java.util.Set<String> indexed = new java.util.HashSet<>();

  private static final int MAX_INDEXED = 56;
  private final boolean big;
  private int callBudget;
  final List<Sig> sigs = new ArrayList<>();
  private final int tableSize;
  private final String wat;

  // The function being generated.
  private int current;
  private StringBuilder out;
  private int indent;
  private List<T> locals;
  private int counters;
  private List<Label> labels;
  private int fuel;
  private int depth;
  private int loopDepth;

  RandomModule(long seed) {
    this(seed, false);
  }

  /**
   * With {@code big}, two or three functions of thousands of instructions each (hundreds of
   * statements at their top level), over the size at which the engine cuts a function into region
   * methods; each makes at most four calls, so runs stay short.
   */
  RandomModule(long seed, boolean big) {
    this(new Random(seed), big);
  }

  /** Every choice drawn from {@code r}: a seeded one, or one that a fuzzer steers. */
  RandomModule(Random r, boolean big) {
    this.r = r;
    this.big = big;
    int count = big ? 2 + r.nextInt(2) : 2 + r.nextInt(4);
    for (int i = 0; i < count; i++) {
      sigs.add(new Sig(types(r.nextInt(4)), types(r.nextInt(10) < 3 ? 0 : 1 + r.nextInt(3))));
    }
    for (Sig sig : sigs) {
      indexed.add(sig.params() + "->" + sig.results());
      indexed.add("[]->" + sig.results()); // the block around each body
    }
    tableSize = count + 2; // the last two entries stay null
    StringBuilder m = new StringBuilder("(module\n");
    for (int i = 0; i < count; i++) {
      m.append("  (type $s").append(i).append(" (func").append(signature(sigs.get(i)));
      m.append("))\n");
    }
    m.append("  (memory 1 4)\n");
    m.append("  (data (i32.const 0) \"")
        .append(dataBytes())
        .append("\")\n  (data (i32.const 65500) \"")
        .append(dataBytes())
        .append("\")\n");
    m.append("  (table ").append(tableSize).append(" funcref)\n  (elem (i32.const 0)");
    for (int i = 0; i < count; i++) {
      m.append(" $f").append(i);
    }
    m.append(")\n");
    for (T t : T.values()) {
      for (int g = 0; g < 2; g++) {
        m.append("  (global $").append(t.w()).append(g).append(" (mut ").append(t.w());
        m.append(") ").append(constant(t)).append(")\n");
      }
    }
    for (int i = 0; i < count; i++) {
      m.append(function(i));
    }
    m.append(")\n");
    wat = m.toString();
  }

  String wat() {
    return wat;
  }

  int functionCount() {
    return sigs.size();
  }

  /**
   * Random arguments for function {@code i}, as Chicory passes them (i32 and f32 sign-extended).
   */
  long[] arguments(int i, Random random) {
    List<T> params = sigs.get(i).params();
    long[] args = new long[params.size()];
    for (int k = 0; k < args.length; k++) {
      args[k] =
          switch (params.get(k)) {
            case I32 -> interestingInt(random);
            case I64 -> interestingLong(random);
            case F32 -> Float.floatToRawIntBits(interestingFloat(random));
            case F64 -> Double.doubleToRawLongBits(interestingDouble(random));
          };
    }
    return args;
  }

  // ---- module parts ----

  private List<T> types(int n) {
    List<T> ts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ts.add(T.values()[r.nextInt(4)]);
    }
    return ts;
  }

  private static String signature(Sig sig) {
    return blockType(sig.params(), sig.results());
  }

  private static String blockType(List<T> params, List<T> results) {
    StringBuilder sb = new StringBuilder();
    if (!params.isEmpty()) {
      sb.append(" (param");
      for (T t : params) {
        sb.append(' ').append(t.w());
      }
      sb.append(')');
    }
    if (!results.isEmpty()) {
      sb.append(" (result");
      for (T t : results) {
        sb.append(' ').append(t.w());
      }
      sb.append(')');
    }
    return sb.toString();
  }

  private String dataBytes() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 36; i++) {
      sb.append(String.format("\\%02x", r.nextInt(256)));
    }
    return sb.toString();
  }

  private String function(int index) {
    current = index;
    Sig sig = sigs.get(index);
    out = new StringBuilder();
    indent = 2;
    locals = new ArrayList<>(sig.params());
    for (T t : T.values()) {
      for (int k = 0; k < LOCALS_PER_TYPE; k++) {
        locals.add(t);
      }
    }
    counters = 0;
    labels = new ArrayList<>();
    labels.add(new Label(sig.results(), true));
    fuel = big ? 4_000 : 30 + r.nextInt(150);
    callBudget = big ? 4 : Integer.MAX_VALUE;
    depth = 0;
    loopDepth = 0;
    // Two values under everything the body does (see the class comment), dropped at the end.
    emit("i32.const " + PAD);
    emit("i64.const " + PAD);
    emit("block" + blockType(List.of(), sig.results()));
    push(sig.results(), true);
    stmts(big ? 500 + r.nextInt(600) : 1 + r.nextInt(5));
    exprs(sig.results());
    pop();
    emit("end");
    int results = locals.size() + 2;
    for (int i = sig.results().size() - 1; i >= 0; i--) {
      emit("local.set " + (results + i));
    }
    emit("drop");
    emit("drop");
    for (int i = 0; i < sig.results().size(); i++) {
      emit("local.get " + (results + i));
    }
    StringBuilder f = new StringBuilder();
    f.append("  (func $f")
        .append(index)
        .append(" (export \"f")
        .append(index)
        .append("\") (type $s");
    f.append(index).append(')').append(signature(sig)).append('\n');
    f.append("    (local");
    for (int i = sig.params().size(); i < locals.size(); i++) {
      f.append(' ').append(locals.get(i).w());
    }
    f.append(" f32 f64"); // the NaN canonicalizer's scratch locals
    for (T t : sig.results()) {
      f.append(' ').append(t.w()); // where the results wait while the padding is dropped
    }
    f.append(" i32".repeat(counters)).append(")\n");
    f.append(out);
    f.append("  )\n");
    return f.toString();
  }

  private void emit(String line) {
    out.append("  ".repeat(indent)).append(line).append('\n');
  }

  // ---- values ----

  /** Code that pushes one value of type t. */
  private void expr(T t) {
    if (fuel <= 0 || depth >= MAX_DEPTH) {
      leaf(t);
      return;
    }
    fuel--;
    depth++;
    int c = r.nextInt(100);
    if (c < 12) {
      leaf(t);
    } else if (c < 28) {
      binary(t);
    } else if (c < 35) {
      unary(t);
    } else if (c < 42) {
      conversion(t);
    } else if (c < 48) {
      if (t == T.I32) {
        comparison();
      } else {
        binary(t);
      }
    } else if (c < 52) {
      select(t);
    } else if (c < 56) {
      tee(t);
    } else if (c < 63) {
      load(t);
    } else if (c < 69) {
      block(List.of(t), more());
    } else if (c < 74) {
      ifElse(List.of(t), more());
    } else if (c < 78) {
      loop(List.of(t), more());
    } else if (c < 83) {
      callInto(t, false);
    } else if (c < 86) {
      callInto(t, true);
    } else if (c < 90) {
      brIfInto(t);
    } else if (c < 92 && mayEscape()) {
      escape();
    } else if (c < 95) {
      if (t == T.I32) {
        memory();
      } else {
        leaf(t);
      }
    } else {
      emit("global.get $" + t.w() + r.nextInt(2));
    }
    depth--;
  }

  /** Extra results for a block whose first result is the value wanted. */
  private List<T> more() {
    return r.nextInt(4) == 0 ? types(1 + r.nextInt(2)) : List.of();
  }

  /** Code that pushes values of the given types, in order. */
  private void exprs(List<T> ts) {
    if (ts.size() >= 2
        && fuel > 0
        && depth < MAX_DEPTH
        && r.nextInt(5) == 0
        && allowed(List.of(), ts)) {
      depth++;
      // All at once: a block of several results, or a call returning exactly these.
      List<Integer> callees = new ArrayList<>();
      for (int j = current + 1; j < sigs.size(); j++) {
        if (sigs.get(j).results().equals(ts)) {
          callees.add(j);
        }
      }
      if (!callees.isEmpty() && callBudget > 0 && r.nextBoolean()) {
        callBudget--;
        int j = callees.get(r.nextInt(callees.size()));
        exprs(sigs.get(j).params());
        emit("call $f" + j);
      } else {
        fuel--;
        emit("block" + blockType(List.of(), ts));
        indent++;
        labels.add(new Label(ts, true));
        stmts(r.nextInt(2));
        exprs(ts);
        labels.remove(labels.size() - 1);
        indent--;
        emit("end");
      }
      depth--;
      return;
    }
    for (T t : ts) {
      expr(t);
    }
  }

  private void leaf(T t) {
    int c = r.nextInt(10);
    if (c < 4) {
      emit(t.w() + ".const " + constant(t).replaceFirst("^\\(\\w+\\.const (.*)\\)$", "$1"));
    } else if (c < 9) {
      emit("local.get " + local(t));
    } else {
      emit("global.get $" + t.w() + r.nextInt(2));
    }
  }

  /** A random local of type t (never a loop counter). */
  private int local(T t) {
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < locals.size(); i++) {
      if (locals.get(i) == t) {
        candidates.add(i);
      }
    }
    return candidates.get(r.nextInt(candidates.size()));
  }

  private static final String[] INT_BINARY = {
    "add", "sub", "mul", "div_s", "div_u", "rem_s", "rem_u", "and", "or", "xor", "shl", "shr_s",
    "shr_u", "rotl", "rotr"
  };
  private static final String[] FLOAT_BINARY = {
    "add", "sub", "mul", "div", "min", "max", "copysign"
  };

  private void binary(T t) {
    boolean integer = t == T.I32 || t == T.I64;
    String op = pick(integer ? INT_BINARY : FLOAT_BINARY);
    expr(t);
    expr(t);
    if (integer && (op.startsWith("div") || op.startsWith("rem"))) {
      // Mostly a divisor that cannot be zero, so runs go on past most divisions.
      if (r.nextInt(4) != 0) {
        emit(t.w() + ".const 1");
        emit(t.w() + ".or");
      }
    }
    emit(t.w() + "." + op);
    if (!integer && !op.equals("copysign")) {
      canonicalize(t);
    }
    if (t == T.I32 && op.equals("mul")) {
      // Chicory 1.7.5's interpreter keeps an i32.mul product as a 64-bit value (its high bits
      // travel through locals, globals and select), and its if tests all 64 bits: 256 * 2^29 is
      // zero to the engine and true to the interpreter's if. An or takes the high bits away.
      emit("i32.const 0");
      emit("i32.or");
    }
  }

  /**
   * Replaces a NaN on top of the stack by the canonical NaN. Which NaN an arithmetic instruction
   * gives is not deterministic in Wasm (sign and payload may differ between two correct machines),
   * so it is made so after each, before it can reach a result, memory or an integer. Bitwise ones
   * (neg, copysign, reinterpret, load, store) stay exact, and are compared so; abs would too, but
   * for the reference's fault on Java 17 (see above).
   */
  private void canonicalize(T t) {
    int scratch = locals.size() + (t == T.F32 ? 0 : 1);
    emit("local.tee " + scratch);
    emit(t.w() + ".const nan");
    emit("local.get " + scratch);
    emit("local.get " + scratch);
    emit(t.w() + ".eq");
    emit("select");
  }

  private void unary(T t) {
    String op =
        switch (t) {
          case I32 -> pick("clz", "ctz", "popcnt", "eqz", "extend8_s", "extend16_s");
          case I64 -> pick("clz", "ctz", "popcnt", "extend8_s", "extend16_s", "extend32_s");
          default -> pick("abs", "neg", "ceil", "floor", "trunc", "nearest", "sqrt");
        };
    expr(t);
    emit(t.w() + "." + op);
    if (!op.equals("neg") && (t == T.F32 || t == T.F64)) {
      canonicalize(t);
    }
  }

  private void conversion(T t) {
    String sat = r.nextInt(3) == 0 ? "" : "_sat";
    String sign = r.nextBoolean() ? "_s" : "_u";
    switch (t) {
      case I32 -> {
        switch (r.nextInt(4)) {
          case 0 -> {
            expr(T.I64);
            emit("i32.wrap_i64");
          }
          case 1 -> {
            expr(T.F32);
            emit("i32.trunc" + sat + "_f32" + sign);
          }
          case 2 -> {
            expr(T.F64);
            emit("i32.trunc" + sat + "_f64" + sign);
          }
          default -> {
            expr(T.F32);
            emit("i32.reinterpret_f32");
          }
        }
      }
      case I64 -> {
        switch (r.nextInt(4)) {
          case 0 -> {
            expr(T.I32);
            emit("i64.extend_i32" + sign);
          }
          case 1 -> {
            expr(T.F32);
            emit("i64.trunc" + sat + "_f32" + sign);
          }
          case 2 -> {
            expr(T.F64);
            emit("i64.trunc" + sat + "_f64" + sign);
          }
          default -> {
            expr(T.F64);
            emit("i64.reinterpret_f64");
          }
        }
      }
      case F32 -> {
        switch (r.nextInt(4)) {
          case 0 -> {
            expr(T.I32);
            emit("f32.convert_i32" + sign);
          }
          case 1 -> {
            expr(T.I64);
            emit("f32.convert_i64" + sign);
          }
          case 2 -> {
            expr(T.F64);
            emit("f32.demote_f64");
            canonicalize(T.F32);
          }
          default -> {
            expr(T.I32);
            emit("f32.reinterpret_i32");
          }
        }
      }
      case F64 -> {
        switch (r.nextInt(4)) {
          case 0 -> {
            expr(T.I32);
            emit("f64.convert_i32" + sign);
          }
          case 1 -> {
            expr(T.I64);
            emit("f64.convert_i64" + sign);
          }
          case 2 -> {
            expr(T.F32);
            emit("f64.promote_f32");
            canonicalize(T.F64);
          }
          default -> {
            expr(T.I64);
            emit("f64.reinterpret_i64");
          }
        }
      }
    }
  }

  private void comparison() {
    T u = T.values()[r.nextInt(4)];
    boolean integer = u == T.I32 || u == T.I64;
    if (integer && r.nextInt(6) == 0) {
      expr(u);
      emit(u.w() + ".eqz");
      return;
    }
    String op =
        integer
            ? pick("eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u")
            : pick("eq", "ne", "lt", "gt", "le", "ge");
    expr(u);
    expr(u);
    emit(u.w() + "." + op);
  }

  private void select(T t) {
    expr(t);
    expr(t);
    expr(T.I32);
    emit(r.nextBoolean() ? "select" : "select (result " + t.w() + ")");
  }

  private void tee(T t) {
    expr(t);
    emit("local.tee " + local(t));
  }

  // ---- memory ----

  private static final long[] OFFSETS = {0, 0, 0, 0, 0, 1, 2, 3, 4, 7, 8, 16, 100, 1000};

  /**
   * Pushes an address: mostly inside the first page (the offset may still take the access past it),
   * sometimes any value; {@code wrapSafe} keeps {@code address + offset} below 2^32, which
   * Chicory's interpreter gets wrong for {@code store8} and {@code i64.store32} (it wraps).
   */
  private long address(boolean wrapSafe) {
    long offset = OFFSETS[r.nextInt(OFFSETS.length)];
    if (r.nextInt(40) == 0) {
      offset = wrapSafe ? 65_528 : r.nextBoolean() ? 0xFFFF_FFFFL : 0x8000_0000L;
    }
    int c = r.nextInt(20);
    if (c < 8) {
      emit("i32.const " + r.nextInt(65_536 - 16));
    } else if (c < 18 || wrapSafe && offset != 0) {
      expr(T.I32);
      emit("i32.const " + (r.nextBoolean() ? 0xFFFF : 0xFFF8));
      emit("i32.and");
    } else {
      expr(T.I32);
    }
    return offset;
  }

  private static String memarg(long offset, int width) {
    String s = offset == 0 ? "" : " offset=" + offset;
    return width > 1 && offset % 2 == 1 ? s + " align=1" : s;
  }

  private void load(T t) {
    String op;
    int width;
    switch (t) {
      case I32 -> {
        int c = r.nextInt(5);
        op = new String[] {"load", "load8_s", "load8_u", "load16_s", "load16_u"}[c];
        width = new int[] {4, 1, 1, 2, 2}[c];
      }
      case I64 -> {
        int c = r.nextInt(7);
        op =
            new String[] {
                  "load", "load8_s", "load8_u", "load16_s", "load16_u", "load32_s", "load32_u"
                }
                [c];
        width = new int[] {8, 1, 1, 2, 2, 4, 4}[c];
      }
      default -> {
        op = "load";
        width = t == T.F32 ? 4 : 8;
      }
    }
    long offset = address(false);
    emit(t.w() + "." + op + memarg(offset, width));
  }

  private void store() {
    T t = T.values()[r.nextInt(4)];
    String op;
    int width;
    switch (t) {
      case I32 -> {
        int c = r.nextInt(3);
        op = new String[] {"store", "store8", "store16"}[c];
        width = new int[] {4, 1, 2}[c];
      }
      case I64 -> {
        int c = r.nextInt(4);
        op = new String[] {"store", "store8", "store16", "store32"}[c];
        width = new int[] {8, 1, 2, 4}[c];
      }
      default -> {
        op = "store";
        width = t == T.F32 ? 4 : 8;
      }
    }
    boolean wrapSafe = op.equals("store8") || t == T.I64 && op.equals("store32");
    long offset = address(wrapSafe);
    expr(t);
    emit(t.w() + "." + op + memarg(offset, width));
  }

  private void memory() {
    if (r.nextInt(3) == 0) {
      emit("memory.size");
      return;
    }
    if (r.nextInt(3) == 0) {
      expr(T.I32);
      emit("i32.const 1");
      emit("i32.and");
    } else {
      emit("i32.const " + pick("0", "1", "1", "2", "3", "-1", "65536"));
    }
    emit("memory.grow");
  }

  // ---- control ----

  private void push(List<T> types, boolean target) {
    labels.add(new Label(types, target));
    indent++;
  }

  private void pop() {
    labels.remove(labels.size() - 1);
    indent--;
  }

  /** Whether a block of this signature may be written (see {@link #indexed}). */
  private boolean allowed(List<T> params, List<T> results) {
    if (params.isEmpty() && results.size() <= 1) {
      return true;
    }
    String key = params + "->" + results;
    if (indexed.contains(key)) {
      return true;
    }
    if (indexed.size() >= MAX_INDEXED) {
      return false;
    }
    indexed.add(key);
    return true;
  }

  /** Block parameters, sometimes. */
  private List<T> params() {
    return r.nextInt(3) == 0 ? types(1 + r.nextInt(2)) : List.of();
  }

  private static List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** A block pushing {@code first} then {@code extra}; the extras are then stashed. */
  private void block(List<T> first, List<T> extra) {
    List<T> params = params();
    if (!allowed(params, concat(first, extra))) {
      params = List.of();
      extra = List.of();
    }
    List<T> results = concat(first, extra);
    exprs(params);
    emit("block" + blockType(params, results));
    push(results, params.isEmpty());
    stash(params);
    stmts(r.nextInt(3));
    exprs(results);
    pop();
    emit("end");
    stash(extra);
  }

  private void ifElse(List<T> first, List<T> extra) {
    List<T> params = params();
    if (!allowed(params, concat(first, extra))) {
      params = List.of();
      extra = List.of();
    }
    List<T> results = concat(first, extra);
    exprs(params);
    expr(T.I32);
    emit("if" + blockType(params, results));
    push(results, params.isEmpty());
    stash(params);
    stmts(r.nextInt(3));
    exprs(results);
    indent--;
    emit("else");
    indent++;
    stash(params);
    stmts(r.nextInt(3));
    exprs(results);
    pop();
    emit("end");
    stash(extra);
  }

  /**
   * A loop that runs its body 1 to 3 times: its own counter, set before the loop, is counted down
   * at the end of each pass, and only then is the loop's label branched to (with new parameters).
   */
  private void loop(List<T> first, List<T> extra) {
    if (loopDepth >= MAX_LOOP_DEPTH) {
      block(first, extra);
      return;
    }
    loopDepth++;
    List<T> params = params();
    if (!allowed(params, concat(first, extra))) {
      params = List.of();
      extra = List.of();
    }
    List<T> results = concat(first, extra);
    int counter = locals.size() + 2 + sigs.get(current).results().size() + counters++;
    emit("i32.const " + (1 + r.nextInt(3)));
    emit("local.set " + counter);
    exprs(params);
    emit("loop" + blockType(params, results));
    push(params, false);
    stash(params);
    stmts(r.nextInt(3));
    emit("local.get " + counter);
    emit("i32.const 1");
    emit("i32.sub");
    emit("local.tee " + counter);
    emit("if");
    push(List.of(), true);
    exprs(params);
    emit("br 1");
    pop();
    emit("end");
    exprs(results);
    pop();
    emit("end");
    stash(extra);
    loopDepth--;
  }

  /** Pops values of the given types (the last on top) into locals, or drops them. */
  private void stash(List<T> types) {
    for (int i = types.size() - 1; i >= 0; i--) {
      if (r.nextInt(4) == 0) {
        emit("drop");
      } else {
        emit("local.set " + local(types.get(i)));
      }
    }
  }

  /** Reduces values of {@code types} on the stack to one t: it, if it is the first of them. */
  private void reduceTo(List<T> types, T t) {
    if (!types.isEmpty() && types.get(0) == t) {
      stash(types.subList(1, types.size()));
    } else {
      stash(types);
      leaf(t);
    }
  }

  /** A function after this one; -1 if there is none. */
  private int callee() {
    int after = sigs.size() - current - 1;
    if (after == 0 || callBudget == 0) {
      return -1;
    }
    callBudget--;
    return current + 1 + r.nextInt(after);
  }

  /** Calls a later function (directly or through the table), leaving its results. */
  private List<T> call(boolean indirect) {
    int j = callee();
    if (j < 0) {
      return null;
    }
    Sig sig = sigs.get(j);
    exprs(sig.params());
    if (!indirect) {
      emit("call $f" + j);
      return sig.results();
    }
    if (r.nextInt(4) != 0) {
      emit("i32.const " + j);
    } else {
      // Some later entry, or a null one, or past the table; maybe of another type.
      expr(T.I32);
      emit("i32.const 7");
      emit("i32.and");
      emit("i32.const " + (current + 1));
      emit("i32.add");
    }
    emit("call_indirect (type $s" + j + ")");
    return sig.results();
  }

  private void callInto(T t, boolean indirect) {
    List<T> results = call(indirect);
    if (results == null) {
      leaf(t);
    } else {
      reduceTo(results, t);
    }
  }

  /** Labels a branch may target: any but a loop's (only its own counter takes a loop round). */
  private List<Integer> targets() {
    List<Integer> ok = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      if (labels.get(i).target()) {
        ok.add(i);
      }
    }
    return ok;
  }

  private int relative(int label) {
    return labels.size() - 1 - label;
  }

  private void brIfInto(T t) {
    List<Integer> targets = targets();
    int label = targets.get(r.nextInt(targets.size()));
    List<T> types = labels.get(label).types();
    exprs(types);
    expr(T.I32);
    emit("br_if " + relative(label));
    reduceTo(types, t);
  }

  /**
   * Whether to leave for good here. In a big function, not from the body's own level (in the block
   * around it): all that follows would be dead, and dead code is not compiled, so not outlined.
   */
  private boolean mayEscape() {
    return !big || labels.size() > 2;
  }

  /** Leaves for good: br, br_table, return or unreachable; what follows is never run. */
  private void escape() {
    List<Integer> targets = targets();
    int c = r.nextInt(10);
    if (c < 3) {
      int label = targets.get(r.nextInt(targets.size()));
      exprs(labels.get(label).types());
      emit("br " + relative(label));
    } else if (c < 7) {
      int label = targets.get(r.nextInt(targets.size()));
      List<T> types = labels.get(label).types();
      List<Integer> same = new ArrayList<>();
      for (int i : targets) {
        if (labels.get(i).types().equals(types)) {
          same.add(i);
        }
      }
      exprs(types);
      expr(T.I32);
      StringBuilder sb = new StringBuilder("br_table");
      int n = r.nextInt(6);
      for (int k = 0; k <= n; k++) {
        sb.append(' ').append(relative(same.get(r.nextInt(same.size()))));
      }
      emit(sb.toString());
    } else if (c < 9) {
      exprs(labels.get(0).types());
      emit("return");
    } else {
      emit("unreachable");
    }
  }

  // ---- statements ----

  private void stmts(int n) {
    for (int i = 0; i < n; i++) {
      stmt();
    }
  }

  private void stmt() {
    if (fuel <= 0 || depth >= MAX_DEPTH) {
      T t = T.values()[r.nextInt(4)];
      leaf(t);
      emit("local.set " + local(t));
      return;
    }
    fuel--;
    depth++;
    T t = T.values()[r.nextInt(4)];
    int c = r.nextInt(100);
    if (c < 20) {
      expr(t);
      emit("local.set " + local(t));
    } else if (c < 27) {
      expr(t);
      emit("global.set $" + t.w() + r.nextInt(2));
    } else if (c < 42) {
      store();
    } else if (c < 47) {
      expr(t);
      emit("drop");
    } else if (c < 57) {
      List<T> results = call(r.nextInt(3) == 0);
      if (results != null) {
        stash(results);
      }
    } else if (c < 63) {
      block(List.of(), more());
    } else if (c < 70) {
      ifElse(List.of(), more());
    } else if (c < 77) {
      loop(List.of(), more());
    } else if (c < 83) {
      expr(T.I32);
      emit("if");
      push(List.of(), true);
      stmts(1 + r.nextInt(3));
      pop();
      emit("end");
    } else if (c < 90) {
      List<Integer> targets = targets();
      int label = targets.get(r.nextInt(targets.size()));
      List<T> types = labels.get(label).types();
      exprs(types);
      expr(T.I32);
      emit("br_if " + relative(label));
      stash(types);
    } else if (c < 94) {
      memory();
      emit("drop");
    } else if (c < 96 && mayEscape()) {
      escape();
    } else {
      expr(T.I32);
      emit("local.set " + local(T.I32));
    }
    depth--;
  }

  // ---- constants ----

  private String pick(String... options) {
    return options[r.nextInt(options.length)];
  }

  private String constant(T t) {
    return switch (t) {
      case I32 -> "(i32.const " + interestingInt(r) + ")";
      case I64 -> "(i64.const " + interestingLong(r) + ")";
      case F32 -> "(f32.const " + floatText(interestingFloat(r)) + ")";
      case F64 -> "(f64.const " + doubleText(interestingDouble(r)) + ")";
    };
  }

  static int interestingInt(Random r) {
    int[] values = {
      0,
      1,
      -1,
      2,
      3,
      7,
      8,
      31,
      32,
      33,
      63,
      64,
      255,
      256,
      65_535,
      65_536,
      65_532,
      0x7FFF_FFFF,
      Integer.MIN_VALUE,
      -65_536,
      100,
      1000
    };
    return r.nextInt(3) == 0 ? r.nextInt() : values[r.nextInt(values.length)];
  }

  static long interestingLong(Random r) {
    long[] values = {
      0,
      1,
      -1,
      2,
      7,
      63,
      64,
      65,
      255,
      0xFFFF_FFFFL,
      0x1_0000_0000L,
      Long.MAX_VALUE,
      Long.MIN_VALUE,
      Integer.MIN_VALUE,
      Integer.MAX_VALUE,
      65_536,
      1000
    };
    return r.nextInt(3) == 0 ? r.nextLong() : values[r.nextInt(values.length)];
  }

  static float interestingFloat(Random r) {
    float[] values = {
      0f,
      -0f,
      1f,
      -1f,
      0.5f,
      -1.5f,
      2.5f,
      3.5f,
      1e10f,
      -1e10f,
      Float.MAX_VALUE,
      Float.MIN_VALUE,
      Float.POSITIVE_INFINITY,
      Float.NEGATIVE_INFINITY,
      Float.NaN,
      2147483648f,
      -2147483648f,
      4294967296f,
      9.223372e18f,
      65536f,
      1.0e-40f
    };
    return switch (r.nextInt(4)) {
      case 0 -> (r.nextFloat() - 0.5f) * 1000f;
      case 1 -> Float.intBitsToFloat(r.nextInt());
      default -> values[r.nextInt(values.length)];
    };
  }

  static double interestingDouble(Random r) {
    double[] values = {
      0d,
      -0d,
      1d,
      -1d,
      0.5,
      -1.5,
      2.5,
      -2.5,
      1e300,
      -1e300,
      Double.MAX_VALUE,
      Double.MIN_VALUE,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.NaN,
      2147483648d,
      -2147483649d,
      4294967296d,
      9.223372036854775807e18,
      -9.223372036854775808e18,
      1.8446744073709552e19
    };
    return switch (r.nextInt(4)) {
      case 0 -> (r.nextDouble() - 0.5) * 1e6;
      case 1 -> Double.longBitsToDouble(r.nextLong());
      default -> values[r.nextInt(values.length)];
    };
  }

  static String floatText(float f) {
    int bits = Float.floatToRawIntBits(f);
    String sign = bits < 0 ? "-" : "";
    if (Float.isNaN(f)) {
      return sign + "nan:0x" + Integer.toHexString(bits & 0x7F_FFFF);
    }
    if (Float.isInfinite(f)) {
      return sign + "inf";
    }
    return Float.toHexString(f);
  }

  static String doubleText(double d) {
    long bits = Double.doubleToRawLongBits(d);
    String sign = bits < 0 ? "-" : "";
    if (Double.isNaN(d)) {
      return sign + "nan:0x" + Long.toHexString(bits & 0xF_FFFF_FFFF_FFFFL);
    }
    if (Double.isInfinite(d)) {
      return sign + "inf";
    }
    return Double.toHexString(d);
  }
}
