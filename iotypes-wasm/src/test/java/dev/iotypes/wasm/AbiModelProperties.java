package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.wabt.Wat2Wasm;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.iotypes.IoTypes;
import dev.iotypes.wasm.abi.Handles;
import dev.iotypes.wasm.abi.IoTypesImports;
import dev.iotypes.wasm.runtime.Watchdog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random sequences of ABI calls, made through the host functions exactly as a guest makes them
 * (core values in, core values out, buffers in a real instance's memory), against a reference model
 * of the handle table, the streams, the pipes and the arrays: every call must give the model's
 * counts, statuses and bytes, and must trap exactly when the model says the guest broke a rule (a
 * forged, dropped or wrong-typed handle). A trap happens before any I/O, so the sequence goes on
 * after it and the model checks that nothing moved.
 */
class AbiModelProperties {
  private static final WasmModule MEMORY_ONLY =
      Parser.parse(Wat2Wasm.parse("(module (memory (export \"memory\") 1))"));

  private static final int MAX_ARRAY = 4096;
  private static final int PIPE = 256;
  private static final int BUDGET = 300; // bytes the failing output takes before it fails

  private static final int OPEN = 0;
  private static final int ENDED = 1;
  private static final int FAILED = 2;

  /** One call: an operation and raw numbers, resolved against the model when it runs. */
  record Call(int op, int a, int b, int c, int d, int e) {
    @Override
    public String toString() {
      return OPS[op] + "(" + a + ", " + b + ", " + c + ", " + d + ", " + e + ")";
    }
  }

  private static final String[] OPS = {
    "read",
    "write",
    "skip",
    "forward",
    "drop",
    "pipe",
    "anonymous",
    "read-at",
    "write-at",
    "set-len",
    "len",
    "copy",
    "from-stream",
    "input-from-array",
    "output-error",
    "null-output"
  };

  @Provide
  Arbitrary<List<Call>> calls() {
    Arbitrary<Integer> small = Arbitraries.integers().between(0, 400);
    Arbitrary<Call> call =
        Arbitraries.integers()
            .between(0, OPS.length - 1)
            .flatMap(
                op ->
                    Arbitraries.integers()
                        .between(0, 99)
                        .list()
                        .ofSize(2)
                        .flatMap(
                            picks ->
                                small
                                    .list()
                                    .ofSize(3)
                                    .map(
                                        n ->
                                            new Call(
                                                op,
                                                picks.get(0),
                                                picks.get(1),
                                                n.get(0),
                                                n.get(1) * 12,
                                                n.get(2)))));
    return call.list().ofMinSize(1).ofMaxSize(60);
  }

  @Provide
  Arbitrary<byte[]> inputs() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
  }

  @Property(tries = 300, shrinking = net.jqwik.api.ShrinkingMode.OFF)
  void everyCallDoesWhatTheModelSays(
      @ForAll("calls") List<Call> calls, @ForAll("inputs") byte[] input) {
    new Run(input).play(calls);
  }

  // The model.

  enum Kind {
    INPUT,
    OUTPUT,
    ARRAY,
    ERROR
  }

  /** A model array: bytes up to its length, sticky failure once a write passes the limit. */
  static final class MArray {
    byte[] bytes = new byte[0];
    boolean failed;
  }

  /** A model pipe: buffered bytes, and which ends are gone. */
  static final class MPipe {
    final ByteArrayOutputStream buffered = new ByteArrayOutputStream();
    boolean readerGone;
    boolean writerGone;

    byte[] take(int n) {
      byte[] all = buffered.toByteArray();
      buffered.reset();
      buffered.write(all, n, all.length - n);
      return Arrays.copyOf(all, n);
    }
  }

  /** A model handle. Inputs read a byte[] source, a pipe, or an array; outputs collect or fail. */
  static final class MEntry {
    final Kind kind;
    int sticky = OPEN; // streams: ENDED or FAILED once reported
    // inputs
    byte[] source;
    int position;
    MPipe pipe;
    MArray array;
    // outputs
    ByteArrayOutputStream collected;
    Integer budget; // failing output
    boolean isNull;

    MEntry(Kind kind) {
      this.kind = kind;
    }
  }

  /** The failing output's backend: takes writes while they fit the budget, then fails. */
  static final class Budget extends OutputStream {
    final ByteArrayOutputStream taken = new ByteArrayOutputStream();

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (taken.size() + len > BUDGET) {
        throw new IOException("No space left on device");
      }
      taken.write(b, off, len);
    }
  }

  static final class Run {
    final Handles handles = new Handles(10_000);
    final IoTypesImports imports =
        new IoTypesImports(
            handles,
            GuestOptions.DEFAULTS.withMaxAnonymousLength(MAX_ARRAY).withPipeCapacity(PIPE),
            Watchdog.NONE);
    final Map<String, ImportFunction> functions = new HashMap<>();
    final Instance instance = Instance.builder(MEMORY_ONLY).build();
    final Memory memory = instance.memory();

    final Map<Integer, MEntry> model = new HashMap<>();
    final List<Integer> dropped = new ArrayList<>();
    int next = 1;
    final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    final Budget full = new Budget();
    final StringBuilder log = new StringBuilder();

    Run(byte[] input) {
      for (ImportFunction f : imports.functions()) {
        functions.put(f.name(), f);
      }
      MEntry in = new MEntry(Kind.INPUT);
      in.source = input;
      issue(in, handles.addInput(IoTypes.input(input)));
      MEntry out = new MEntry(Kind.OUTPUT);
      out.collected = new ByteArrayOutputStream();
      issue(out, handles.addOutput(IoTypes.output(sink), false));
      MEntry failing = new MEntry(Kind.OUTPUT);
      failing.collected = new ByteArrayOutputStream();
      failing.budget = BUDGET;
      issue(failing, handles.addOutput(IoTypes.output(full), false));
    }

    private void issue(MEntry entry, long actual) {
      assertThat(actual).as("handles are issued in order, never reused").isEqualTo(next);
      model.put(next++, entry);
    }

    void play(List<Call> calls) {
      for (Call call : calls) {
        log.append(call).append('\n');
        try {
          step(call);
        } catch (AssertionError e) {
          throw new AssertionError(e.getMessage() + "\nafter:\n" + log, e);
        }
      }
      assertThat(sink.toByteArray()).isEqualTo(model.get(2).collected.toByteArray());
      assertThat(full.taken.toByteArray()).isEqualTo(model.get(3).collected.toByteArray());
      handles.releaseAll();
    }

    /** A handle to use: live of the kind wanted, or a forgery the model knows must trap. */
    int pick(int choice, Kind kind) {
      List<Integer> live = new ArrayList<>();
      List<Integer> wrong = new ArrayList<>();
      model.forEach((h, e) -> (e.kind == kind ? live : wrong).add(h));
      live.sort(null);
      wrong.sort(null);
      if (choice < 80 && !live.isEmpty()) {
        return live.get(choice % live.size());
      }
      return switch (choice % 5) {
        case 0 -> 0;
        case 1 -> -1 - choice;
        case 2 -> next + choice;
        case 3 -> dropped.isEmpty() ? 0 : dropped.get(choice % dropped.size());
        default -> wrong.isEmpty() ? 0 : wrong.get(choice % wrong.size());
      };
    }

    boolean valid(int handle, Kind kind) {
      MEntry e = model.get(handle);
      return e != null && e.kind == kind;
    }

    long[] call(String name, long... args) {
      return functions.get(name).handle().apply(instance, args);
    }

    /** Calls {@code name}, which the model says must trap. */
    void expectTrap(String name, long... args) {
      try {
        call(name, args);
      } catch (TrapException e) {
        assertThat(e.getMessage()).startsWith(name + ": ");
        return;
      }
      fail(name + Arrays.toString(args) + " did not trap");
    }

    void expect(long[] actual, long count, int status, String what) {
      assertThat(actual).as(what).containsExactly(count, status);
    }

    void step(Call c) {
      switch (OPS[c.op()]) {
        case "read" -> read(c);
        case "write" -> write(c);
        case "skip" -> skip(c);
        case "forward" -> forward(c);
        case "drop" -> drop(c);
        case "pipe" -> pipe();
        case "anonymous" -> {
          MEntry a = new MEntry(Kind.ARRAY);
          a.array = new MArray();
          issue(a, call("anonymous")[0]);
        }
        case "read-at" -> readAt(c);
        case "write-at" -> writeAt(c);
        case "set-len" -> setLen(c);
        case "len" -> len(c);
        case "copy" -> copy(c);
        case "from-stream" -> fromStream(c);
        case "input-from-array" -> inputFromArray(c);
        case "output-error" -> outputError(c);
        case "null-output" -> {
          MEntry n = new MEntry(Kind.OUTPUT);
          n.isNull = true;
          issue(n, call("null-output")[0]);
        }
        default -> throw new IllegalStateException(c.toString());
      }
    }

    // Inputs.

    /** How many bytes the input has ready without blocking, or -1 if a read would block. */
    int ready(MEntry in) {
      if (in.pipe != null) {
        int buffered = in.pipe.buffered.size();
        return buffered == 0 && !in.pipe.writerGone ? -1 : buffered;
      }
      if (in.array != null) {
        return Math.max(0, in.array.bytes.length - in.position);
      }
      return in.source.length - in.position;
    }

    /** Takes up to n bytes from a model input, as a read of the real one would. */
    byte[] take(MEntry in, int n) {
      if (in.pipe != null) {
        return in.pipe.take(Math.min(n, in.pipe.buffered.size()));
      }
      byte[] from = in.array != null ? in.array.bytes : in.source;
      int k = Math.max(0, Math.min(n, from.length - in.position));
      if (k == 0) {
        return new byte[0];
      }
      byte[] taken = Arrays.copyOfRange(from, in.position, in.position + k);
      in.position += k;
      return taken;
    }

    void read(Call c) {
      int h = pick(c.a(), Kind.INPUT);
      int len = c.c();
      if (!valid(h, Kind.INPUT)) {
        expectTrap("input-read", h, 0, len);
        return;
      }
      MEntry in = model.get(h);
      if (in.sticky != OPEN) {
        expect(call("input-read", h, 0, len), 0, in.sticky, "sticky read");
        return;
      }
      if (len == 0) {
        expect(call("input-read", h, 0, 0), 0, OPEN, "empty read");
        return;
      }
      if (in.array != null && in.array.failed) {
        in.sticky = FAILED;
        expect(call("input-read", h, 0, len), 0, FAILED, "read of a failed array");
        return;
      }
      int ready = ready(in);
      if (ready < 0) {
        return; // would block: a guest on one thread would deadlock itself
      }
      byte[] expected = take(in, len);
      long[] got = call("input-read", h, 0, len);
      if (expected.length == 0) {
        in.sticky = ENDED;
        expect(got, 0, ENDED, "read at end");
      } else {
        expect(got, expected.length, OPEN, "read");
        assertThat(memory.readBytes(0, expected.length)).as("bytes read").isEqualTo(expected);
      }
    }

    void skip(Call c) {
      int h = pick(c.a(), Kind.INPUT);
      long len = c.c();
      if (!valid(h, Kind.INPUT)) {
        expectTrap("input-skip", h, len);
        return;
      }
      MEntry in = model.get(h);
      if (in.sticky != OPEN) {
        expect(call("input-skip", h, len), 0, in.sticky, "sticky skip");
        return;
      }
      if (len == 0) {
        expect(call("input-skip", h, 0), 0, OPEN, "empty skip");
        return;
      }
      if (in.array != null && in.array.failed) {
        in.sticky = FAILED;
        expect(call("input-skip", h, len), 0, FAILED, "skip on a failed array");
        return;
      }
      int ready = ready(in);
      boolean writerAlive = in.pipe != null && !in.pipe.writerGone;
      if (ready < 0 || (writerAlive && ready < len)) {
        return; // would block
      }
      int n = take(in, (int) len).length;
      long[] got = call("input-skip", h, len);
      if (n < len) {
        in.sticky = ENDED;
        expect(got, n, ENDED, "skip to end");
      } else {
        expect(got, n, OPEN, "skip");
      }
    }

    void forward(Call c) {
      int h = pick(c.a(), Kind.INPUT);
      int o = pick(c.b(), Kind.OUTPUT);
      long len = c.c();
      if (!valid(h, Kind.INPUT) || !valid(o, Kind.OUTPUT)) {
        expectTrap("input-forward", h, o, len);
        return;
      }
      MEntry in = model.get(h);
      MEntry out = model.get(o);
      if (in.sticky != OPEN) {
        expect(call("input-forward", h, o, len), 0, in.sticky, "sticky forward");
        return;
      }
      if (out.sticky == FAILED) {
        expect(call("input-forward", h, o, len), 0, FAILED, "forward into a failed output");
        return;
      }
      if (out.pipe != null && out.pipe.readerGone) {
        return; // the zero-byte probe does not find a broken pipe; left to the write tests
      }
      if (len == 0) {
        expect(call("input-forward", h, o, 0), 0, OPEN, "empty forward");
        return;
      }
      if (in.array != null && in.array.failed) {
        return; // an array that failed under a stream: covered by read and skip
      }
      int ready = ready(in);
      boolean writerAlive = in.pipe != null && !in.pipe.writerGone;
      if (ready < 0 || (writerAlive && ready < len)) {
        return; // would block on the input
      }
      int n = (int) Math.min(len, ready);
      if (out.pipe != null && (out.pipe == in.pipe || out.pipe.buffered.size() + n > PIPE)) {
        return; // would block on the output
      }
      if (out.budget != null && out.collected.size() + n > out.budget) {
        return; // the bytes read for a failing write are the input's loss, as with any stream
      }
      byte[] moved = take(in, n);
      deliver(out, moved);
      long[] got = call("input-forward", h, o, len);
      if (n < len) {
        in.sticky = ENDED;
        expect(got, n, ENDED, "forward to end");
      } else {
        expect(got, n, OPEN, "forward");
      }
    }

    // Outputs.

    void deliver(MEntry out, byte[] bytes) {
      if (out.pipe != null) {
        out.pipe.buffered.writeBytes(bytes);
      } else if (!out.isNull && out.collected != null) {
        out.collected.writeBytes(bytes);
      } else if (out.array != null) {
        throw new IllegalStateException("no output-from-array in this model");
      }
    }

    void write(Call c) {
      int o = pick(c.a(), Kind.OUTPUT);
      int len = c.c();
      byte[] data = new byte[len];
      for (int i = 0; i < len; i++) {
        data[i] = (byte) (c.e() * 31 + i * 7 + c.d());
      }
      memory.write(1024, data);
      if (!valid(o, Kind.OUTPUT)) {
        expectTrap("output-write", o, 1024, len);
        return;
      }
      MEntry out = model.get(o);
      if (out.sticky == FAILED) {
        expect(call("output-write", o, 1024, len), 0, FAILED, "sticky write");
        return;
      }
      if (len == 0) {
        expect(call("output-write", o, 1024, 0), 0, OPEN, "empty write");
        return;
      }
      if (out.pipe != null && out.pipe.readerGone) {
        out.sticky = FAILED;
        expect(call("output-write", o, 1024, len), 0, FAILED, "write into a broken pipe");
        return;
      }
      if (out.pipe != null && out.pipe.buffered.size() + len > PIPE) {
        return; // would block
      }
      if (out.budget != null && out.collected.size() + len > out.budget) {
        out.sticky = FAILED;
        expect(call("output-write", o, 1024, len), 0, FAILED, "write past the budget");
        return;
      }
      deliver(out, data);
      expect(call("output-write", o, 1024, len), len, OPEN, "write");
    }

    void outputError(Call c) {
      int o = pick(c.a(), Kind.OUTPUT);
      if (!valid(o, Kind.OUTPUT)) {
        expectTrap("output-error", o);
        return;
      }
      long[] got = call("output-error", o);
      if (model.get(o).sticky == FAILED) {
        issue(new MEntry(Kind.ERROR), got[0]);
      } else {
        assertThat(got).containsExactly(0);
      }
    }

    // Constructors and drops.

    void pipe() {
      MPipe pipe = new MPipe();
      long[] got = call("pipe");
      MEntry in = new MEntry(Kind.INPUT);
      in.pipe = pipe;
      issue(in, got[0]);
      MEntry out = new MEntry(Kind.OUTPUT);
      out.pipe = pipe;
      issue(out, got[1]);
    }

    void drop(Call c) {
      Kind kind = Kind.values()[c.c() % Kind.values().length];
      String name =
          switch (kind) {
            case INPUT -> "input-drop";
            case OUTPUT -> "output-drop";
            case ARRAY -> "array-drop";
            case ERROR -> "error-drop";
          };
      int h = pick(c.a(), kind);
      if (h == 2 || h == 3) {
        return; // the outputs whose bytes the run checks at the end stay
      }
      if (!valid(h, kind)) {
        expectTrap(name, h);
        return;
      }
      MEntry e = model.remove(h);
      dropped.add(h);
      if (e.pipe != null && kind == Kind.INPUT) {
        e.pipe.readerGone = true;
        e.pipe.buffered.reset();
      } else if (e.pipe != null) {
        e.pipe.writerGone = true;
      }
      assertThat(call(name, h)).isNull();
    }

    // Arrays.

    void readAt(Call c) {
      int h = pick(c.a(), Kind.ARRAY);
      int len = c.c();
      long offset = c.d();
      if (!valid(h, Kind.ARRAY)) {
        expectTrap("array-read-at", h, 0, len, offset);
        return;
      }
      MArray a = model.get(h).array;
      long[] got = call("array-read-at", h, 0, len, offset);
      if (a.failed) {
        expect(got, 0, FAILED, "read-at a failed array");
        return;
      }
      int n = (int) Math.max(0, Math.min(len, a.bytes.length - offset));
      expect(got, n, n < len ? ENDED : OPEN, "read-at");
      assertThat(memory.readBytes(0, n))
          .isEqualTo(
              Arrays.copyOfRange(
                  a.bytes,
                  (int) Math.min(offset, a.bytes.length),
                  (int) Math.min(offset, a.bytes.length) + n));
    }

    /** Writes into a model array as the real one does: up to the limit, then failed for good. */
    Tuple.Tuple2<Long, Integer> modelWrite(MArray a, byte[] data, long offset) {
      if (a.failed) {
        return Tuple.of(0L, FAILED);
      }
      if (data.length == 0) {
        return Tuple.of(0L, OPEN);
      }
      long fits = Math.max(0, Math.min(data.length, MAX_ARRAY - offset));
      if (fits > 0) {
        int end = (int) (offset + fits);
        if (end > a.bytes.length) {
          a.bytes = Arrays.copyOf(a.bytes, end);
        }
        System.arraycopy(data, 0, a.bytes, (int) offset, (int) fits);
      }
      if (fits < data.length) {
        a.failed = true;
        return Tuple.of(fits, FAILED);
      }
      return Tuple.of(fits, OPEN);
    }

    void writeAt(Call c) {
      int h = pick(c.a(), Kind.ARRAY);
      int len = c.c();
      long offset = c.d();
      byte[] data = new byte[len];
      for (int i = 0; i < len; i++) {
        data[i] = (byte) (c.e() + i);
      }
      memory.write(2048, data);
      if (!valid(h, Kind.ARRAY)) {
        expectTrap("array-write-at", h, 2048, len, offset);
        return;
      }
      var expected = modelWrite(model.get(h).array, data, offset);
      expect(
          call("array-write-at", h, 2048, len, offset),
          expected.get1(),
          expected.get2(),
          "write-at");
    }

    void setLen(Call c) {
      int h = pick(c.a(), Kind.ARRAY);
      long len = c.d();
      if (!valid(h, Kind.ARRAY)) {
        expectTrap("array-set-len", h, len);
        return;
      }
      MArray a = model.get(h).array;
      long[] got = call("array-set-len", h, len);
      if (a.failed || len > MAX_ARRAY) {
        a.failed = true;
        assertThat(got).as("set-len failed").containsExactly(FAILED);
        return;
      }
      a.bytes = Arrays.copyOf(a.bytes, (int) len);
      assertThat(got).as("set-len").containsExactly(OPEN);
    }

    void len(Call c) {
      int h = pick(c.a(), Kind.ARRAY);
      if (!valid(h, Kind.ARRAY)) {
        expectTrap("array-len", h);
        return;
      }
      MArray a = model.get(h).array;
      long[] got = call("array-len", h);
      if (a.failed) {
        expect(got, 0, FAILED, "len of a failed array");
      } else {
        expect(got, a.bytes.length, OPEN, "len");
      }
    }

    void copy(Call c) {
      int src = pick(c.a(), Kind.ARRAY);
      int dst = pick(c.b(), Kind.ARRAY);
      long offset = c.e() * 4L;
      long dstOffset = c.d();
      long len = c.c();
      if (!valid(src, Kind.ARRAY) || !valid(dst, Kind.ARRAY)) {
        expectTrap("array-copy", src, offset, dst, dstOffset, len);
        return;
      }
      MArray s = model.get(src).array;
      MArray d = model.get(dst).array;
      long[] got = call("array-copy", src, offset, dst, dstOffset, len);
      if (s.failed) {
        expect(got, 0, FAILED, "copy from a failed array");
        return;
      }
      if (len == 0) {
        expect(got, 0, OPEN, "empty copy");
        return;
      }
      int n = (int) Math.max(0, Math.min(len, s.bytes.length - offset));
      byte[] data =
          Arrays.copyOfRange(
              s.bytes,
              (int) Math.min(offset, s.bytes.length),
              (int) Math.min(offset, s.bytes.length) + n);
      var written = modelWrite(d, data, dstOffset);
      if (written.get2() == FAILED) {
        expect(got, written.get1(), FAILED, "copy into a full array");
      } else {
        expect(got, n, n < len ? ENDED : OPEN, "copy");
      }
    }

    void fromStream(Call c) {
      int h = pick(c.a(), Kind.INPUT);
      if (!valid(h, Kind.INPUT)) {
        expectTrap("from-stream", h);
        return;
      }
      MEntry in = model.get(h);
      if (in.pipe != null && !in.pipe.writerGone) {
        return; // would block until the writer goes
      }
      if (in.array != null && in.array.failed && in.sticky == OPEN) {
        return; // covered by read
      }
      MEntry made = new MEntry(Kind.ARRAY);
      made.array = new MArray();
      int status = in.sticky;
      if (status == OPEN) {
        byte[] rest = take(in, Integer.MAX_VALUE);
        modelWrite(made.array, rest, 0);
        status = made.array.failed ? FAILED : ENDED;
        in.sticky = made.array.failed ? OPEN : ENDED;
        if (made.array.failed) {
          return; // past the limit: where the input stops is the core's business
        }
      }
      long[] got = call("from-stream", h);
      issue(made, got[0]);
      assertThat(got[1]).as("from-stream status").isEqualTo(status);
    }

    void inputFromArray(Call c) {
      int h = pick(c.a(), Kind.ARRAY);
      long offset = c.d();
      if (!valid(h, Kind.ARRAY)) {
        expectTrap("input-from-array", h, offset);
        return;
      }
      MEntry in = new MEntry(Kind.INPUT);
      in.array = model.get(h).array;
      in.position = (int) offset;
      issue(in, call("input-from-array", h, offset)[0]);
    }
  }
}
