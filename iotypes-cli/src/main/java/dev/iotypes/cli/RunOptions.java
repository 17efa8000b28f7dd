package dev.iotypes.cli;

import dev.iotypes.wasm.Execution;
import dev.iotypes.wasm.GuestOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What {@code iotypes run} was asked to do: immutable, built by {@link Builder} from the flags.
 *
 * @param module the module's path, as written
 * @param args the program's arguments, everything after the module, untouched
 * @param dirs {@code --dir HOST::GUEST} preopens, for the libc mode
 * @param env {@code --env NAME=VALUE} variables, for the libc mode
 * @param readOnly bind array parameters read-only
 * @param execution what runs the module: iotypes' compiler, Chicory's compiler or its interpreter
 * @param names for a WASI command in the I/O-types mode: which names, besides the file arguments,
 *     exist ({@code --bind}), may be written ({@code --writable}) or created ({@code --create})
 * @param verbose name each WASI call the host cannot support, on stderr
 * @param limits the guest's limits ({@code --max-memory-size}, {@code --timeout}, ...); {@link
 *     GuestOptions#execution()} is taken from {@code execution}
 * @param clock {@code --clock}: what every {@code clock} parameter of the typed main is bound to
 * @param seed {@code --seed N}: random parameters get bytes from this seed, the same on every run;
 *     empty for the system's secure random
 * @param host the working directory relative host paths are resolved against, and the environment:
 *     the JVM's own, or on the server the client's
 */
public record RunOptions(
    String module,
    List<String> args,
    List<Dir> dirs,
    Map<String, String> env,
    boolean readOnly,
    Execution execution,
    Names names,
    boolean verbose,
    GuestOptions limits,
    ClockSpec clock,
    OptionalLong seed,
    Host host) {

  /** Names a WASI command may use in the I/O-types mode beyond its file arguments. */
  public record Names(List<String> bound, List<String> writable, List<String> created) {
    public static final Names NONE = new Names(List.of(), List.of(), List.of());

    public Names {
      bound = List.copyOf(bound);
      writable = List.copyOf(writable);
      created = List.copyOf(created);
    }
  }

  /** A {@code --dir}: the host directory and the name the guest sees it by. */
  public record Dir(Path host, String guest) {
    public Dir {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(guest, "guest");
    }

    /**
     * Parses {@code HOST::GUEST}, or {@code DIR} for the same name on both sides, as {@code
     * wasmtime run --dir} does.
     *
     * @throws IllegalArgumentException if a side is empty
     */
    public static Dir parse(String value) {
      int sep = value.indexOf("::");
      String host = sep < 0 ? value : value.substring(0, sep);
      String guest = sep < 0 ? value : value.substring(sep + 2);
      if (host.isEmpty() || guest.isEmpty()) {
        throw new IllegalArgumentException("expected HOST::GUEST or DIR: " + value);
      }
      return new Dir(Path.of(host), guest);
    }
  }

  public RunOptions {
    Objects.requireNonNull(module, "module");
    args = List.copyOf(args);
    dirs = List.copyOf(dirs);
    env = Map.copyOf(env);
    Objects.requireNonNull(names, "names");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(seed, "seed");
    Objects.requireNonNull(host, "host");
  }

  /** The working directory relative host paths are resolved against. */
  public Path cwd() {
    return host.cwd();
  }

  /** How to load and run the guest: the limits, and what executes it. */
  public GuestOptions guestOptions() {
    return limits.withExecution(execution);
  }

  /** Whether Chicory's interpreter runs the guest. */
  public boolean interpreter() {
    return execution == Execution.INTERPRETER;
  }

  public static Builder builder(String module) {
    return new Builder(module);
  }

  /** Collects flags in any order; {@link #build()} freezes them. */
  public static final class Builder {
    private final String module;
    private final List<String> args = new ArrayList<>();
    private final List<Dir> dirs = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private boolean readOnly;
    private Execution execution = Execution.IOTYPES;
    private final List<String> bound = new ArrayList<>();
    private final List<String> writable = new ArrayList<>();
    private final List<String> created = new ArrayList<>();
    private boolean verbose;
    private GuestOptions limits = GuestOptions.DEFAULTS;
    private ClockSpec clock = ClockSpec.SYSTEM;
    private OptionalLong seed = OptionalLong.empty();
    private Host host;

    private Builder(String module) {
      this.module = Objects.requireNonNull(module, "module");
    }

    public Builder args(List<String> args) {
      this.args.addAll(args);
      return this;
    }

    public Builder dir(Dir dir) {
      dirs.add(Objects.requireNonNull(dir, "dir"));
      return this;
    }

    public Builder env(String name, String value) {
      env.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder readOnly(boolean readOnly) {
      this.readOnly = readOnly;
      return this;
    }

    public Builder interpreter(boolean interpreter) {
      return execution(interpreter ? Execution.INTERPRETER : Execution.IOTYPES);
    }

    public Builder execution(Execution execution) {
      this.execution = Objects.requireNonNull(execution, "execution");
      return this;
    }

    public Builder maxMemorySize(long bytes) {
      limits = limits.withMaxMemory(bytes);
      return this;
    }

    public Builder maxTableElements(int elements) {
      limits = limits.withMaxTableElements(elements);
      return this;
    }

    public Builder maxHandles(int handles) {
      limits = limits.withMaxHandles(handles);
      return this;
    }

    public Builder maxArraySize(long bytes) {
      limits = limits.withMaxAnonymousLength(bytes);
      return this;
    }

    public Builder pipeBufferSize(int bytes) {
      limits = limits.withPipeCapacity(bytes);
      return this;
    }

    /** {@code --bind NAME}: an existing file the program opens by itself, not an argument. */
    public Builder bind(String name) {
      bound.add(Objects.requireNonNull(name, "name"));
      return this;
    }

    /** {@code --writable NAME}: the bound file may be written, not only read. */
    public Builder writable(String name) {
      writable.add(Objects.requireNonNull(name, "name"));
      return this;
    }

    /** {@code --create NAME}: the program may create (or truncate) a file of that name. */
    public Builder create(String name) {
      created.add(Objects.requireNonNull(name, "name"));
      return this;
    }

    public Builder verbose(boolean verbose) {
      this.verbose = verbose;
      return this;
    }

    /** {@code --no-atomic} turns it off: file outputs are then written in place. */
    public Builder atomicOutputs(boolean atomic) {
      limits = limits.withAtomicOutputs(atomic);
      return this;
    }

    public Builder timeout(Duration timeout) {
      limits = limits.withTimeout(timeout);
      return this;
    }

    /**
     * {@code --clock SPEC} ({@link ClockSpec}).
     *
     * @throws IllegalArgumentException if {@code spec} is not one
     */
    public Builder clock(String spec) {
      clock = ClockSpec.parse(spec);
      return this;
    }

    /** {@code --seed N}: reproducible random bytes. */
    public Builder seed(long seed) {
      this.seed = OptionalLong.of(seed);
      return this;
    }

    /** Where the run is for: its working directory and environment (default: this JVM's). */
    Builder host(Host host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    public RunOptions build() {
      return new RunOptions(
          module,
          args,
          dirs,
          env,
          readOnly,
          execution,
          new Names(bound, writable, created),
          verbose,
          limits,
          clock,
          seed,
          host == null ? Host.current() : host);
    }
  }
}
