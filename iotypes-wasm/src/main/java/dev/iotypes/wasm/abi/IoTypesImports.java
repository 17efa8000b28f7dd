package dev.iotypes.wasm.abi;

import static com.dylibso.chicory.wasm.types.ValType.I32;
import static com.dylibso.chicory.wasm.types.ValType.I64;

import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.iotypes.Advice;
import dev.iotypes.Allowance;
import dev.iotypes.Clock;
import dev.iotypes.DirectoryEntry;
import dev.iotypes.Input;
import dev.iotypes.IoArray;
import dev.iotypes.IoTypes;
import dev.iotypes.MediaType;
import dev.iotypes.Outcome;
import dev.iotypes.Output;
import dev.iotypes.OutputDirectory;
import dev.iotypes.Pipe;
import dev.iotypes.Poll;
import dev.iotypes.Pollable;
import dev.iotypes.PortableName;
import dev.iotypes.Pseudonym;
import dev.iotypes.Status;
import dev.iotypes.wasm.GuestOptions;
import dev.iotypes.wasm.LimitExceeded;
import dev.iotypes.wasm.abi.Handles.ArrayUse;
import dev.iotypes.wasm.abi.Handles.ErrorEntry;
import dev.iotypes.wasm.abi.Handles.InputEntry;
import dev.iotypes.wasm.abi.Handles.OutputEntry;
import dev.iotypes.wasm.abi.Handles.PseudonymEntry;
import dev.iotypes.wasm.runtime.GuestMemory;
import dev.iotypes.wasm.runtime.HostGate;
import dev.iotypes.wasm.runtime.LimitReached;
import dev.iotypes.wasm.runtime.Utf8;
import dev.iotypes.wasm.runtime.Watchdog;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The import module {@code iotypes}: every function of {@code docs/abi.md}, in its order, each a
 * thin translation from core Wasm values to the I/O types of one instance's {@link Handles}.
 *
 * <p>Guest values are hostile. Handles are checked by kind, buffers against memory, lengths and
 * offsets for sign, all before any I/O; a violation traps with the import's name. An argument rule
 * broken deeper down (an {@link IllegalArgumentException} from the core) traps the same way, so no
 * Java exception ever reaches the embedder as anything but a trap.
 */
public final class IoTypesImports {
  static final String MODULE = "iotypes";

  private static final byte[] PSEUDONYM_PLACEHOLDER = bytes("<pseudonym>");
  private static final byte[] ERROR_PLACEHOLDER = bytes("<error>");
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  /** The longest media type a guest may declare, in bytes: room for any sensible parameters. */
  static final int MAX_MEDIA_TYPE = 1024;

  private final Handles handles;
  private final GuestMemory buffers = new GuestMemory();
  private final long maxAnonymousLength;
  private final Allowance anonymousPages;
  private final int pipeCapacity;
  private final Watchdog watchdog;
  private final Output diagnostics;
  private final List<ImportFunction> functions = new ArrayList<>();

  /** The imports of one run whose diagnostic output is the process's standard error. */
  public IoTypesImports(Handles handles, GuestOptions options, Watchdog watchdog) {
    this(handles, options, watchdog, IoTypes.stderr());
  }

  /**
   * The imports of one run: its handle table, limits, wall-clock budget, and the output that {@code
   * diagnostic-output} hands out (the embedder's: flushed when dropped, never closed).
   */
  public IoTypesImports(
      Handles handles, GuestOptions options, Watchdog watchdog, Output diagnostics) {
    this.handles = handles;
    this.diagnostics = diagnostics;
    this.maxAnonymousLength = options.maxAnonymousLength();
    this.anonymousPages = Allowance.of(options.maxAnonymousTotal());
    this.pipeCapacity = options.pipeCapacity();
    this.watchdog = watchdog;
    declare();
  }

  public List<ImportFunction> functions() {
    return functions;
  }

  /** The import module of docs/abi.md, by the type each function works on. */
  private void declare() {
    declareInputs();
    declareOutputs();
    declareArrays();
    declareHandlesAndConstructors();
    declareDiagnostics();
    declareClocksAndRandom();
    declarePoll();
    declareDirectories();
    declareOutputDirectories();
  }

  private void declareInputs() {
    // input-stream
    fn(
        "input-read",
        params(I32, I32, I32),
        results(I32, I32),
        (name, inst, a) -> {
          Input input = handles.input(name, a[0]);
          Memory memory = GuestMemory.check(name, inst, (int) a[1], (int) a[2]);
          return pair(buffers.read(memory, (int) a[1], (int) a[2], input::read));
        });
    fn(
        "input-skip",
        params(I32, I64),
        results(I64, I32),
        (name, inst, a) -> pair(handles.input(name, a[0]).skip(length(name, a[1]))));
    fn(
        "input-forward",
        params(I32, I32, I64),
        results(I64, I32),
        (name, inst, a) -> {
          Input input = handles.input(name, a[0]);
          Output output = handles.output(name, a[1]).output();
          return pair(input.forward(output, length(name, a[2])));
        });
    fn(
        "input-media-type",
        params(I32, I32, I32),
        results(I32),
        (name, inst, a) ->
            string(name, inst, handles.input(name, a[0]).mediaType().toString(), a[1], a[2]));
    fn(
        "input-pseudonym",
        params(I32),
        results(I32),
        (name, inst, a) -> pseudonym(handles.input(name, a[0]).pseudonym()));
    fn(
        "input-error",
        params(I32),
        results(I32),
        (name, inst, a) -> error(handles.input(name, a[0]).read(EMPTY)));
    fn(
        "input-drop",
        params(I32),
        results(),
        (name, inst, a) -> drop(name, a[0], InputEntry.class, "input-stream"));

    // output-stream
  }

  private void declareOutputs() {
    fn(
        "output-write",
        params(I32, I32, I32),
        results(I32, I32),
        (name, inst, a) -> {
          Output output = handles.output(name, a[0]).output();
          Memory memory = GuestMemory.check(name, inst, (int) a[1], (int) a[2]);
          return pair(GuestMemory.write(memory, (int) a[1], (int) a[2], output));
        });
    fn(
        "output-write-zeros",
        params(I32, I64),
        results(I64, I32),
        (name, inst, a) ->
            pair(handles.output(name, a[0]).output().writeZeros(length(name, a[1]))));
    fn(
        "output-flush",
        params(I32),
        results(I32),
        (name, inst, a) -> status(handles.output(name, a[0]).output().flush()));
    fn(
        "output-media-type",
        params(I32, I32, I32),
        results(I32),
        (name, inst, a) ->
            string(
                name,
                inst,
                handles.output(name, a[0]).output().mediaType().toString(),
                a[1],
                a[2]));
    fn(
        "output-set-media-type",
        params(I32, I32, I32),
        results(I32),
        (name, inst, a) -> {
          Output output = handles.output(name, a[0]).output();
          MediaType mediaType = mediaType(name, inst, a[1], a[2]);
          return new long[] {output.setMediaType(mediaType) ? 1 : 0};
        });
    fn(
        "output-pseudonym",
        params(I32),
        results(I32),
        (name, inst, a) -> pseudonym(handles.output(name, a[0]).output().pseudonym()));
    fn(
        "output-write-pseudonym",
        params(I32, I32),
        results(I32, I32),
        (name, inst, a) -> {
          OutputEntry out = handles.output(name, a[0]);
          return render(out, handles.pseudonym(name, a[1]), PSEUDONYM_PLACEHOLDER);
        });
    fn(
        "output-write-error",
        params(I32, I32),
        results(I32, I32),
        (name, inst, a) -> {
          OutputEntry out = handles.output(name, a[0]);
          return render(out, handles.error(name, a[1]).detail(), ERROR_PLACEHOLDER);
        });
    fn(
        "output-error",
        params(I32),
        results(I32),
        (name, inst, a) -> error(handles.output(name, a[0]).output().write(EMPTY)));
    fn(
        "output-drop",
        params(I32),
        results(),
        (name, inst, a) -> drop(name, a[0], OutputEntry.class, "output-stream"));

    // array
  }

  private void declareArrays() {
    fn(
        "array-read-at",
        params(I32, I32, I32, I64),
        results(I32, I32),
        (name, inst, a) -> {
          IoArray array = handles.array(name, a[0]).array;
          Memory memory = GuestMemory.check(name, inst, (int) a[1], (int) a[2]);
          long offset = offset(name, a[3]);
          return pair(buffers.read(memory, (int) a[1], (int) a[2], b -> array.readAt(b, offset)));
        });
    fn(
        "array-write-at",
        params(I32, I32, I32, I64),
        results(I32, I32),
        (name, inst, a) -> {
          IoArray array = handles.array(name, a[0]).array;
          long len = Integer.toUnsignedLong((int) a[2]);
          Memory memory = GuestMemory.check(name, inst, (int) a[1], (int) a[2]);
          long offset = offset(name, a[3]);
          if (offset > Long.MAX_VALUE - len) {
            throw new TrapException(name + ": offset + length > 2^63-1: " + offset + " + " + len);
          }
          return pair(
              GuestMemory.write(
                  memory,
                  (int) a[1],
                  (int) a[2],
                  (src, done) -> array.writeAt(src, offset + done)));
        });
    fn(
        "array-len",
        params(I32),
        results(I64, I32),
        (name, inst, a) -> pair(handles.array(name, a[0]).array.len()));
    fn(
        "array-set-len",
        params(I32, I64),
        results(I32),
        (name, inst, a) -> status(handles.array(name, a[0]).array.setLen(length(name, a[1]))));
    fn(
        "array-advise",
        params(I32, I64, I64, I32),
        results(),
        (name, inst, a) -> {
          IoArray array = handles.array(name, a[0]).array;
          Advice advice = Codes.advice((int) a[3]);
          if (advice == null) {
            throw new TrapException(name + ": no such advice: " + (int) a[3]);
          }
          array.advise(offset(name, a[1]), length(name, a[2]), advice);
          return null;
        });
    fn(
        "array-flush",
        params(I32),
        results(I32),
        (name, inst, a) -> status(handles.array(name, a[0]).array.flush()));
    fn(
        "array-media-type",
        params(I32, I32, I32),
        results(I32),
        (name, inst, a) ->
            string(name, inst, handles.array(name, a[0]).array.mediaType().toString(), a[1], a[2]));
    fn(
        "array-pseudonym",
        params(I32),
        results(I32),
        (name, inst, a) -> pseudonym(handles.array(name, a[0]).array.pseudonym()));
    fn(
        "array-copy",
        params(I32, I64, I32, I64, I64),
        results(I64, I32),
        (name, inst, a) -> {
          IoArray src = handles.array(name, a[0]).array;
          IoArray dst = handles.array(name, a[2]).array;
          return pair(src.copyTo(offset(name, a[1]), dst, offset(name, a[3]), length(name, a[4])));
        });
    fn(
        "array-error",
        params(I32),
        results(I32),
        (name, inst, a) -> error(handles.array(name, a[0]).array.readAt(EMPTY, 0)));
    fn(
        "array-drop",
        params(I32),
        results(),
        (name, inst, a) -> drop(name, a[0], Handles.ArrayEntry.class, "array"));

    // pseudonym, error
  }

  /** Dropping names and errors; the constructors of new handles. */
  private void declareHandlesAndConstructors() {
    fn(
        "pseudonym-drop",
        params(I32),
        results(),
        (name, inst, a) -> drop(name, a[0], PseudonymEntry.class, "pseudonym"));
    fn(
        "error-drop",
        params(I32),
        results(),
        (name, inst, a) -> drop(name, a[0], ErrorEntry.class, "error"));

    // constructors
    fn(
        "pipe",
        params(),
        results(I32, I32),
        (name, inst, a) -> {
          Pipe pipe = IoTypes.pipe(pipeCapacity);
          int in = handles.addInput(pipe.input());
          int out = handles.addOutput(pipe.output(), true);
          return new long[] {in, out};
        });
    fn(
        "null-output",
        params(),
        results(I32),
        (name, inst, a) -> new long[] {handles.addOutput(IoTypes.nullOutput(), true)});
    fn(
        "input-from-array",
        params(I32, I64),
        results(I32),
        (name, inst, a) -> {
          ArrayUse use = handles.array(name, a[0]);
          Input input = IoTypes.inputFromArray(use.array, offset(name, a[1]));
          int handle = handles.add(new InputEntry(input, use, true));
          use.streamOpened();
          return new long[] {handle};
        });
    fn(
        "output-from-array",
        params(I32, I64),
        results(I32),
        (name, inst, a) -> {
          ArrayUse use = handles.array(name, a[0]);
          Output output = IoTypes.outputFromArray(use.array, offset(name, a[1]));
          int handle = handles.add(new OutputEntry(output, true, use, true));
          use.streamOpened();
          return new long[] {handle};
        });
    fn(
        "anonymous",
        params(),
        results(I32),
        (name, inst, a) ->
            new long[] {handles.addArray(IoTypes.anonymous(maxAnonymousLength, anonymousPages))});
    fn(
        "from-stream",
        params(I32),
        results(I32, I32),
        (name, inst, a) -> {
          Input input = handles.input(name, a[0]);
          IoArray array = IoTypes.fromStream(input, maxAnonymousLength, anonymousPages);
          Status status =
              array.readAt(EMPTY, 0).isFailed() ? Status.FAILED : input.read(EMPTY).status();
          return new long[] {handles.addArray(array), Codes.status(status)};
        });
  }

  private void declareDiagnostics() {
    // The host's output, not one the guest made: names and errors render in it.
    fn(
        "diagnostic-output",
        params(),
        results(I32),
        (name, inst, a) ->
            new long[] {handles.add(new OutputEntry(diagnostics, false, null, false))});
  }

  /** Time and entropy as handles: a program has them only if it was handed them. */
  private void declareClocksAndRandom() {
    fn(
        "clock-monotonic-now",
        params(I32),
        results(I64),
        (name, inst, a) -> new long[] {handles.clock(name, a[0]).monotonicNanos()});
    fn(
        "clock-wall-now",
        params(I32),
        results(I64, I32),
        (name, inst, a) -> {
          Instant now = handles.clock(name, a[0]).now();
          return new long[] {now.getEpochSecond(), now.getNano()};
        });
    fn(
        "clock-resolution",
        params(I32),
        results(I64),
        (name, inst, a) -> new long[] {handles.clock(name, a[0]).resolutionNanos()});
    fn(
        "clock-deadline",
        params(I32, I64),
        results(I32),
        (name, inst, a) -> {
          Clock clock = handles.clock(name, a[0]);
          return new long[] {handles.add(new Handles.PollableEntry(clock.deadline(a[1])))};
        });
    fn(
        "clock-drop",
        params(I32),
        results(),
        (name, inst, a) -> drop(name, a[0], Handles.ClockEntry.class, "clock"));
    fn(
        "random-fill",
        params(I32, I32, I32),
        results(I32),
        (name, inst, a) -> {
          dev.iotypes.Random random = handles.random(name, a[0]);
          Memory memory = GuestMemory.check(name, inst, (int) a[1], (int) a[2]);
          long len = Integer.toUnsignedLong((int) a[2]);
          byte[] chunk = new byte[(int) Math.min(len, GuestMemory.CHUNK)];
          for (long done = 0; done < len; ) {
            int n = (int) Math.min(chunk.length, len - done);
            random.fill(ByteBuffer.wrap(chunk, 0, n));
            memory.write((int) (Integer.toUnsignedLong((int) a[1]) + done), chunk, 0, n);
            done += n;
          }
          return new long[] {Codes.status(Status.OPEN)};
        });
    fn(
        "random-drop",
        params(I32),
        results(),
        (name, inst, a) -> drop(name, a[0], Handles.RandomEntry.class, "random"));
  }

  /** Readiness as handles, and the one call that waits for any of them. */
  private void declarePoll() {
    fn(
        "input-pollable",
        params(I32),
        results(I32),
        (name, inst, a) ->
            new long[] {
              handles.add(new Handles.PollableEntry(handles.input(name, a[0]).pollable()))
            });
    fn(
        "output-pollable",
        params(I32),
        results(I32),
        (name, inst, a) ->
            new long[] {
              handles.add(new Handles.PollableEntry(handles.output(name, a[0]).output().pollable()))
            });
    fn(
        "pollable-ready",
        params(I32),
        results(I32),
        (name, inst, a) -> new long[] {handles.pollable(name, a[0]).isReady() ? 1 : 0});
    fn(
        "pollable-drop",
        params(I32),
        results(),
        (name, inst, a) -> drop(name, a[0], Handles.PollableEntry.class, "pollable"));
    fn(
        "poll",
        params(I32, I32, I32),
        results(I32),
        (name, inst, a) -> {
          int count = (int) a[1];
          if (count <= 0) {
            throw new TrapException(name + ": count < 1 would wait forever: " + count);
          }
          long bytes = 4L * count;
          if (bytes > Integer.MAX_VALUE) {
            throw new TrapException(name + ": count too large: " + count);
          }
          Memory memory = GuestMemory.check(name, inst, (int) a[0], (int) bytes);
          GuestMemory.check(name, inst, (int) a[2], count);
          List<Pollable> pollables = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            int handle = memory.readInt((int) a[0] + 4 * i);
            pollables.add(handles.pollable(name, handle));
          }
          BitSet ready = Poll.poll(pollables);
          byte[] flags = new byte[count];
          ready.stream().forEach(i -> flags[i] = 1);
          memory.write((int) a[2], flags);
          return new long[] {ready.cardinality()};
        });
  }

  private void declareDirectories() {
    // input-directory: a cursor on its current entry (see Listing)
    fn(
        "directory-next",
        params(I32, I32, I32),
        results(I32, I32, I64, I32),
        (name, inst, a) -> {
          Listing listing = handles.directory(name, a[0]);
          Memory memory = GuestMemory.check(name, inst, (int) a[1], (int) a[2]);
          DirectoryEntry entry = listing.advance();
          if (entry == null) {
            return new long[] {0, 0, 0, Codes.status(Status.ENDED)};
          }
          long full = string(memory, entry.name(), a[1], a[2]);
          return new long[] {full, kind(entry), entry.size(), Codes.status(Status.OPEN)};
        });
    fn(
        "directory-name",
        params(I32, I32, I32),
        results(I32),
        (name, inst, a) ->
            string(name, inst, handles.directory(name, a[0]).current().name(), a[1], a[2]));
    fn(
        "directory-media-type",
        params(I32, I32, I32),
        results(I32),
        (name, inst, a) -> {
          DirectoryEntry entry = handles.directory(name, a[0]).current();
          return string(name, inst, entry.origin().mediaType().toString(), a[1], a[2]);
        });
    fn(
        "directory-pseudonym",
        params(I32),
        results(I32),
        (name, inst, a) -> pseudonym(handles.directory(name, a[0]).current().origin().pseudonym()));
    fn(
        "directory-open",
        params(I32),
        results(I32),
        (name, inst, a) ->
            new long[] {handles.addInput(handles.directory(name, a[0]).current().open())});
    fn(
        "directory-drop",
        params(I32),
        results(),
        (name, inst, a) -> drop(name, a[0], Handles.DirectoryHandle.class, "input-directory"));
  }

  private void declareOutputDirectories() {
    // output-directory: new named outputs beneath it, the name checked before anything is made
    fn(
        "output-directory-create",
        params(I32, I32, I32),
        results(I32),
        (name, inst, a) -> {
          OutputDirectory directory = handles.outputDirectory(name, a[0]);
          String entry = entryName(name, inst, a[1], a[2]);
          return new long[] {handles.addOutput(directory.create(entry), false)};
        });
    fn(
        "output-directory-drop",
        params(I32),
        results(),
        (name, inst, a) ->
            drop(name, a[0], Handles.OutputDirectoryHandle.class, "output-directory"));
  }

  /** The longest name a guest may create, in bytes. */
  static final int MAX_NAME = 4096;

  /**
   * The name a guest wrote at {@code (ptr, len)}: UTF-8, at most {@link #MAX_NAME} bytes, and
   * portable. Anything else is a bug in the guest, so it traps before anything is created.
   */
  private static String entryName(String name, Instance instance, long ptr, long len) {
    long length = Integer.toUnsignedLong((int) len);
    if (length > MAX_NAME) {
      throw new TrapException(name + ": a name is at most " + MAX_NAME + " bytes: " + length);
    }
    Memory memory = GuestMemory.check(name, instance, (int) ptr, (int) len);
    String text;
    try {
      text = Utf8.strict(memory.readBytes((int) ptr, (int) length));
    } catch (CharacterCodingException e) {
      throw new TrapException(name + ": the name is not UTF-8");
    }
    try {
      return PortableName.check(text);
    } catch (IllegalArgumentException e) {
      throw new TrapException(name + ": " + e.getMessage());
    }
  }

  /** The ABI's entry kinds: 0 a file, 1 a directory. */
  private static long kind(DirectoryEntry entry) {
    return entry.kind() == DirectoryEntry.Kind.FILE ? 0 : 1;
  }

  /** A host function body, given the import's name for its trap messages. */
  @FunctionalInterface
  private interface Body {
    long[] apply(String name, Instance instance, long[] args);
  }

  private void fn(String name, List<ValType> params, List<ValType> results, Body body) {
    functions.add(
        HostGate.function(
            MODULE,
            name,
            FunctionType.of(params, results),
            watchdog,
            IoTypesImports::ruleBroken,
            (instance, args) -> withinAllowance(name, body.apply(name, instance, args))));
  }

  /**
   * A call after which the run's anonymous arrays had asked for more pages than allowed ends the
   * run: the write saw a failure, but a guest that made array after array would only go on.
   */
  private long[] withinAllowance(String name, long[] results) {
    if (anonymousPages.exhausted()) {
      throw new LimitReached(
          LimitExceeded.Limit.MEMORY,
          "the anonymous arrays of this run reached their limit of "
              + anonymousPages.limit()
              + " bytes in "
              + name);
    }
    return results;
  }

  /** An argument rule broken in the core becomes a trap naming the import; the rest unwinds. */
  private static long[] ruleBroken(String name, RuntimeException e) {
    if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
      throw new TrapException(name + ": " + e.getMessage());
    }
    throw e;
  }

  private static List<ValType> params(ValType... types) {
    return List.of(types);
  }

  private static List<ValType> results(ValType... types) {
    return List.of(types);
  }

  /**
   * Renders a name into an output the host handed in (whether that one leads back to the guest is
   * the embedder's choice); into one the guest made itself (which it could read back) only the
   * placeholder. The count returned is always 0: the bytes written would tell the guest the name's
   * length.
   */
  private static long[] render(OutputEntry out, Pseudonym name, byte[] placeholder) {
    Outcome outcome =
        out.guestMade()
            ? out.output().write(ByteBuffer.wrap(placeholder))
            : out.output().writePseudonym(name);
    return new long[] {0, Codes.status(outcome.status())};
  }

  private static long[] pair(Outcome outcome) {
    return new long[] {outcome.count(), Codes.status(outcome.status())};
  }

  private static long[] status(Outcome outcome) {
    return new long[] {Codes.status(outcome.status())};
  }

  private long[] pseudonym(Pseudonym pseudonym) {
    return new long[] {handles.add(new PseudonymEntry(pseudonym))};
  }

  /** A new error handle for the failure behind {@code outcome}, or 0 when it has not failed. */
  private long[] error(Outcome outcome) {
    return new long[] {outcome.isFailed() ? handles.add(new ErrorEntry(outcome.failure())) : 0};
  }

  private long[] drop(String name, long handle, Class<? extends Handles.Entry> kind, String what) {
    handles.drop(name, handle, kind, what);
    return null;
  }

  private static long[] string(String name, Instance instance, String value, long ptr, long len) {
    Memory memory = GuestMemory.check(name, instance, (int) ptr, (int) len);
    return new long[] {string(memory, value, ptr, len)};
  }

  /** Copies what fits of {@code value} to a checked buffer; returns its full UTF-8 length. */
  private static long string(Memory memory, String value, long ptr, long len) {
    byte[] utf8 = bytes(value);
    int n = (int) Math.min(utf8.length, Integer.toUnsignedLong((int) len));
    memory.write((int) ptr, utf8, 0, n);
    return utf8.length;
  }

  /**
   * The media type a guest wrote at {@code (ptr, len)}: UTF-8, at most {@link #MAX_MEDIA_TYPE}
   * bytes, no control characters (it may end up in a header), and {@code type/subtype} with
   * optional parameters. Anything else is a bug in the guest, so it traps.
   */
  private static MediaType mediaType(String name, Instance instance, long ptr, long len) {
    long length = Integer.toUnsignedLong((int) len);
    if (length > MAX_MEDIA_TYPE) {
      throw new TrapException(
          name + ": a media type is at most " + MAX_MEDIA_TYPE + " bytes: " + length);
    }
    Memory memory = GuestMemory.check(name, instance, (int) ptr, (int) len);
    String text;
    try {
      text = Utf8.strict(memory.readBytes((int) ptr, (int) length));
    } catch (CharacterCodingException e) {
      throw new TrapException(name + ": the media type is not UTF-8");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\t' || c == 0x7f) {
        throw new TrapException(name + ": control character in the media type at byte " + i);
      }
    }
    try {
      return MediaType.of(text);
    } catch (IllegalArgumentException e) {
      throw new TrapException(name + ": " + e.getMessage());
    }
  }

  private static long length(String name, long value) {
    if (value < 0) {
      throw new TrapException(name + ": length < 0: " + value);
    }
    return value;
  }

  private static long offset(String name, long value) {
    if (value < 0) {
      throw new TrapException(name + ": offset < 0: " + value);
    }
    return value;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
