package dev.iotypes.wasi;

import dev.iotypes.Connection;
import dev.iotypes.Input;
import dev.iotypes.IoTypes;
import dev.iotypes.Output;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * How {@link WasiCommand} runs a preview1 command: immutable, built with {@link #builder()}.
 *
 * <p>With no {@link Builder#preopen preopens} the command runs in <b>I/O-types mode</b>: its
 * arguments that name an existing file or directory (resolved against {@link
 * Builder#workingDirectory}), and {@code -}, are bound under exactly their spelling and are the
 * only names it can open; files are read-only unless made {@link Builder#writable}; {@link
 * Builder#output} names an output it may create. With preopens it runs in <b>filesystem mode</b>,
 * confined to them. The environment is empty unless given; stdio defaults to the process's.
 */
public final class WasiOptions {
  /** A host directory seen by the guest under {@code guest}, as {@code --dir HOST::GUEST}. */
  public record Preopen(Path host, String guest, boolean readOnly) {
    public Preopen {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(guest, "guest");
    }
  }

  private final List<String> args;
  private final List<String> env;
  private final List<Preopen> preopens;
  private final Path workingDirectory;
  private final Set<String> bound;
  private final Set<String> writable;
  private final Set<String> outputs;
  private final Input stdin;
  private final Output stdout;
  private final Output stderr;
  private final List<Connection> sockets;
  private final List<ServerSocketChannel> listeners;
  private final Clock clock;
  private final LongSupplier monotonicNanos;
  private final Random random;
  private final dev.iotypes.Clock clockHandle;
  private final dev.iotypes.Random randomHandle;
  private final boolean verbose;
  private final boolean outwardLinks;
  private final Set<Integer> terminals;

  private WasiOptions(Builder b) {
    this.args = List.copyOf(b.args);
    this.env = List.copyOf(b.env);
    this.preopens = List.copyOf(b.preopens);
    this.workingDirectory = b.workingDirectory;
    this.bound = Set.copyOf(b.bound);
    this.writable = Set.copyOf(b.writable);
    this.outputs = Set.copyOf(b.outputs);
    this.stdin = b.stdin != null ? b.stdin : IoTypes.stdin();
    this.stdout = b.stdout != null ? b.stdout : IoTypes.stdout();
    this.stderr = b.stderr != null ? b.stderr : IoTypes.stderr();
    this.sockets = List.copyOf(b.sockets);
    this.listeners = List.copyOf(b.listeners);
    this.clock = b.clock;
    this.monotonicNanos = b.monotonicNanos;
    this.random = b.random;
    this.clockHandle = b.clockHandle;
    this.randomHandle = b.randomHandle;
    this.verbose = b.verbose;
    this.outwardLinks = b.outwardLinks;
    Set<Integer> terminals = new HashSet<>(b.terminals);
    boolean console = System.console() != null;
    if (console && b.stdin == null) {
      terminals.add(0);
    }
    if (console && b.stdout == null) {
      terminals.add(1);
    }
    if (console && b.stderr == null) {
      terminals.add(2);
    }
    this.terminals = Set.copyOf(terminals);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code argv}, program name first. */
  public List<String> args() {
    return args;
  }

  /** {@code NAME=VALUE} entries, in order. */
  public List<String> env() {
    return env;
  }

  public List<Preopen> preopens() {
    return preopens;
  }

  public Path workingDirectory() {
    return workingDirectory;
  }

  /** Names bound in I/O-types mode besides the arguments. */
  public Set<String> bound() {
    return bound;
  }

  public Set<String> writable() {
    return writable;
  }

  public Set<String> outputs() {
    return outputs;
  }

  public Input stdin() {
    return stdin;
  }

  public Output stdout() {
    return stdout;
  }

  /**
   * Whether standard stream {@code fd} (0, 1 or 2) is shown to the guest as a terminal: a character
   * device, so that libc's {@code isatty} says yes. A stream handed in is one only if {@link
   * Builder#terminal} says so; a default (the process's own) is one when the process has a console.
   */
  public boolean terminal(int fd) {
    return terminals.contains(fd);
  }

  public Output stderr() {
    return stderr;
  }

  public List<Connection> sockets() {
    return sockets;
  }

  public List<ServerSocketChannel> listeners() {
    return listeners;
  }

  public Clock clock() {
    return clock;
  }

  /**
   * The I/O-types clock every preview1 clock reads, if one was handed in ({@link
   * Builder#clock(dev.iotypes.Clock)}); empty for {@link #clock()} and {@link #monotonicNanos()}.
   */
  public Optional<dev.iotypes.Clock> clockHandle() {
    return Optional.ofNullable(clockHandle);
  }

  /** The I/O-types random {@code random_get} fills from, if one was handed in. */
  public Optional<dev.iotypes.Random> randomHandle() {
    return Optional.ofNullable(randomHandle);
  }

  public LongSupplier monotonicNanos() {
    return monotonicNanos;
  }

  public Random random() {
    return random;
  }

  public boolean verbose() {
    return verbose;
  }

  /**
   * Whether the guest may make symbolic links in a preopen that lead out of it: an absolute target,
   * or a relative one that climbs above the preopen. iotypes never follows them out, but a host
   * program may later; off by default.
   */
  public boolean outwardLinks() {
    return outwardLinks;
  }

  /** Collects options; {@link #build()} makes the immutable copy. */
  public static final class Builder {
    private final List<String> args = new ArrayList<>();
    private final List<String> env = new ArrayList<>();
    private final List<Preopen> preopens = new ArrayList<>();
    private Path workingDirectory = Path.of("").toAbsolutePath();
    private final Set<String> bound = new LinkedHashSet<>();
    private final Set<String> writable = new LinkedHashSet<>();
    private final Set<String> outputs = new LinkedHashSet<>();
    private Input stdin;
    private Output stdout;
    private Output stderr;
    private final Set<Integer> terminals = new HashSet<>();
    private final List<Connection> sockets = new ArrayList<>();
    private final List<ServerSocketChannel> listeners = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private LongSupplier monotonicNanos = System::nanoTime;
    private Random random = new SecureRandom();
    private dev.iotypes.Clock clockHandle;
    private dev.iotypes.Random randomHandle;
    private boolean verbose;
    private boolean outwardLinks;

    private Builder() {}

    /** The program name ({@code argv[0]}) and its arguments. */
    public Builder args(List<String> argv) {
      args.clear();
      args.addAll(argv);
      return this;
    }

    public Builder args(String... argv) {
      return args(List.of(argv));
    }

    /**
     * Adds {@code NAME=VALUE} to the environment.
     *
     * @throws IllegalArgumentException if the name is empty or holds {@code =} or NUL
     */
    public Builder env(String name, String value) {
      if (name.isEmpty() || name.contains("=") || name.contains("\0") || value.contains("\0")) {
        throw new IllegalArgumentException("not an environment variable name: " + name);
      }
      env.add(name + "=" + value);
      return this;
    }

    public Builder preopen(Preopen preopen) {
      preopens.add(Objects.requireNonNull(preopen, "preopen"));
      return this;
    }

    /** Sees host directory {@code host} as {@code guest}, read-write. */
    public Builder preopen(Path host, String guest) {
      return preopen(new Preopen(host, guest, false));
    }

    /** Where relative argument names are looked up in I/O-types mode. */
    public Builder workingDirectory(Path dir) {
      workingDirectory = dir.toAbsolutePath();
      return this;
    }

    /**
     * In I/O-types mode, binds the existing file or directory spelled {@code name} (resolved
     * against the working directory) although it is not an argument: a name the program opens by
     * itself, such as a configuration file.
     */
    public Builder bind(String name) {
      bound.add(name);
      return this;
    }

    /** Lets the program write to the bound file spelled {@code name}. */
    public Builder writable(String name) {
      writable.add(name);
      return this;
    }

    /**
     * Lets the program create and write a file spelled {@code name} (an output it names); if it
     * exists and is bound, it is writable.
     */
    public Builder output(String name) {
      outputs.add(name);
      return this;
    }

    public Builder stdin(Input in) {
      stdin = in;
      return this;
    }

    public Builder stdout(Output out) {
      stdout = out;
      return this;
    }

    public Builder stderr(Output err) {
      stderr = err;
      return this;
    }

    /**
     * Declares standard stream {@code fd} (0, 1 or 2), as handed in, a terminal: for the process's
     * own streams when they are one. Without it a stream handed in never is.
     */
    public Builder terminal(int fd) {
      if (fd < 0 || fd > 2) {
        throw new IllegalArgumentException("fd is not 0, 1 or 2: " + fd);
      }
      terminals.add(fd);
      return this;
    }

    /** Hands a connected socket to the guest as a descriptor after the preopens. */
    public Builder socket(Connection connection) {
      sockets.add(connection);
      return this;
    }

    /** Hands a listening socket to the guest, for {@code sock_accept}. */
    public Builder listener(ServerSocketChannel channel) {
      listeners.add(channel);
      return this;
    }

    /** The realtime clock. */
    public Builder clock(Clock c) {
      clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /** The monotonic clock, in nanoseconds. */
    public Builder monotonicNanos(LongSupplier nanos) {
      monotonicNanos = Objects.requireNonNull(nanos, "nanos");
      return this;
    }

    /** Where {@code random_get} gets its bytes (a {@link SecureRandom} by default). */
    public Builder random(Random r) {
      random = Objects.requireNonNull(r, "random");
      return this;
    }

    /**
     * Runs every preview1 clock on an I/O-types clock, the one a typed main is handed or {@code
     * --clock}'s: realtime is its wall clock; monotonic, process and thread CPU time its monotonic
     * reading (a program that was handed a clock sees no host time at all); {@code clock_res_get}
     * its resolution; and a {@code poll_oneoff} that waits for a time waits for its deadline, so on
     * a {@link dev.iotypes.IoTypes#fixedClock stopped clock} a sleep returns at once, the clock
     * moved to when it ends. Replaces {@link #clock(Clock)} and {@link #monotonicNanos}.
     */
    public Builder clock(dev.iotypes.Clock c) {
      clockHandle = Objects.requireNonNull(c, "clock");
      return this;
    }

    /**
     * Fills {@code random_get} (libc's {@code getentropy}, {@code arc4random}) from an I/O-types
     * random, {@code --seed}'s say. Replaces {@link #random(Random)}.
     */
    public Builder random(dev.iotypes.Random r) {
      randomHandle = Objects.requireNonNull(r, "random");
      return this;
    }

    /** Names every unsupported call on stderr. */
    public Builder verbose(boolean v) {
      verbose = v;
      return this;
    }

    /** Lets the guest make symbolic links that lead out of a preopen ({@link #outwardLinks()}). */
    public Builder outwardLinks(boolean allowed) {
      outwardLinks = allowed;
      return this;
    }

    public WasiOptions build() {
      return new WasiOptions(this);
    }
  }
}
