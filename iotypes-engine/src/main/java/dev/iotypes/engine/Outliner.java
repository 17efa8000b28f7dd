package dev.iotypes.engine;

import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.OpCode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses which runs of a big function's instructions become methods of their own, so that no
 * method passes HotSpot's huge-method limit (8,000 bytes of bytecode, past which a method is never
 * compiled). Sizes come from compiling the whole function once: each instruction's measured
 * bytecode. A region is a run of whole instructions and blocks at one nesting level, so it has one
 * entry and leaves only by falling through, branching out or returning.
 */
final class Outliner {
  /** The most bytecode a method should have: under HotSpot's limit, with room for the glue. */
  static final int METHOD_BUDGET = 3_500;

  /**
   * The budget of a function that dispatches through a {@link #DISPATCH}-way {@code br_table} or
   * more: an interpreter's loop, whose C {@code switch} is a chain of nested blocks, one per case.
   * Cut to the usual budget, that chain becomes segments that call each other (12 deep in Lua's
   * {@code luaV_execute}), and every opcode deep in the chain pays a call and an exit dispatch per
   * segment each way. At twice the budget Lua's nest 7 deep, and Lua's fannkuch took 0.81× the CPU
   * (binary-trees 0.96×), our VM 0.56× (bench/RESULTS.md, session 8); how deep a chain ends up
   * depends on its cases' sizes, so this is a measured choice, not a bound. Other big functions
   * keep the usual budget: a bigger method costs C2 more than the calls it saves (bzip2 -c at twice
   * the budget: 1.22× CPU).
   */
  static final int DISPATCH_BUDGET = 7_000;

  /** The fewest {@code br_table} targets that make a function an interpreter's dispatch. */
  static final int DISPATCH = 32;

  /** What a region's call costs its caller, roughly: stack to the frame, call, exit dispatch. */
  private static final int CALL_COST = 40;

  /** Smaller runs are not worth a call. */
  private static final int MIN_REGION = 300;

  private final List<AnnotatedInstruction> body;
  private final int[] offsets;
  private final int[] end; // for block, loop and if: the index of its end
  private final int[] elseAt; // for if: the index of its else, or -1
  private final int chunk;
  private final Map<Integer, Integer> regions = new HashMap<>();

  private Outliner(List<AnnotatedInstruction> body, int[] offsets, int chunk) {
    this.body = body;
    this.offsets = offsets;
    this.chunk = chunk;
    end = new int[body.size()];
    elseAt = new int[body.size()];
    int[] open = new int[body.size() + 1];
    int depth = 0;
    for (int i = 0; i < body.size(); i++) {
      elseAt[i] = -1;
      switch (body.get(i).opcode()) {
        case BLOCK, LOOP, IF -> open[depth++] = i;
        case ELSE -> elseAt[open[depth - 1]] = i;
        case END -> {
          if (depth > 0) {
            end[open[--depth]] = i;
          }
        }
        default -> {}
      }
    }
  }

  /**
   * Regions as {@code start -> end} (exclusive) instruction indices, nested ones included, for a
   * function whose instructions measured {@code offsets}, its methods planned to {@code budget}
   * ({@link #budget}) in runs of at most {@code chunk}; none if it fits as it is.
   */
  static Map<Integer, Integer> plan(
      List<AnnotatedInstruction> body, int[] offsets, int chunk, int budget) {
    Outliner outliner = new Outliner(body, offsets, chunk);
    outliner.level(0, body.size() - 1, budget);
    return outliner.regions;
  }

  /** {@link #DISPATCH_BUDGET} for an interpreter's dispatch, else {@link #METHOD_BUDGET}. */
  static int budget(List<AnnotatedInstruction> body) {
    for (AnnotatedInstruction ins : body) {
      if (ins.opcode() == OpCode.BR_TABLE && ins.operands().length > DISPATCH) {
        return DISPATCH_BUDGET;
      }
    }
    return METHOD_BUDGET;
  }

  private int size(int from, int to) {
    return offsets[to] - offsets[from];
  }

  private boolean opens(int i) {
    OpCode op = body.get(i).opcode();
    return op == OpCode.BLOCK || op == OpCode.LOOP || op == OpCode.IF;
  }

  /** Plans instructions {@code [from, to)} of one level to fit {@code budget}; its new size. */
  private int level(int from, int to, int budget) {
    if (size(from, to) <= budget) {
      return size(from, to);
    }
    // First make every block that is too big on its own smaller inside.
    int count = 0;
    for (int i = from; i < to; i = next(i)) {
      count++;
    }
    int[] starts = new int[count];
    int[] sizes = new int[count];
    boolean[] split = new boolean[count];
    int total = 0;
    int k = 0;
    for (int i = from; i < to; i = next(i)) {
      int size = size(i, next(i));
      if (opens(i) && size > chunk) {
        split[k] = true;
        int e = end[i];
        size = size(i, i + 1) + size(e, e + 1);
        if (elseAt[i] >= 0) {
          size += level(i + 1, elseAt[i], chunk) + level(elseAt[i] + 1, e, chunk);
          size += size(elseAt[i], elseAt[i] + 1);
        } else {
          size += level(i + 1, e, chunk);
        }
      }
      starts[k] = i;
      sizes[k++] = size;
      total += size;
    }
    if (total <= budget) {
      return total;
    }
    // Then cut the level into runs of at most a chunk each. A block planned inside stays here:
    // its own runs become this method's calls, so a dispatch loop over a chain of blocks (an
    // interpreter's switch) keeps its branches in one method and calls one region per case.
    int result = cut(starts, sizes, split, count, to);
    if (result > budget) {
      // Still too big (a long chain of such blocks): those blocks become regions too, so the
      // chain is cut into segments each a method of its own.
      for (k = 0; k < count; k++) {
        if (split[k] && sizes[k] >= Math.min(MIN_REGION, chunk / 16)) {
          regions.put(starts[k], k + 1 == count ? to : starts[k + 1]);
          result += CALL_COST - sizes[k];
        }
      }
    }
    return result;
  }

  /** Outlines runs of the unsplit items of a level; the level's size afterwards. */
  private int cut(int[] starts, int[] sizes, boolean[] split, int count, int to) {
    int result = 0;
    int runStart = 0;
    int runSize = 0;
    for (int k = 0; k <= count; k++) {
      boolean close = k == count || split[k] || runSize + sizes[k] > chunk;
      if (close && k > runStart) {
        if (runSize >= Math.min(MIN_REGION, chunk / 16)) {
          regions.put(starts[runStart], k == count ? to : starts[k]);
          result += CALL_COST;
        } else {
          result += runSize;
        }
      }
      if (close) {
        runStart = k;
        runSize = 0;
      }
      if (k < count && split[k]) {
        result += sizes[k];
        runStart = k + 1;
      } else if (k < count) {
        runSize += sizes[k];
      }
    }
    return result;
  }

  private int next(int i) {
    return opens(i) ? end[i] + 1 : i + 1;
  }
}
