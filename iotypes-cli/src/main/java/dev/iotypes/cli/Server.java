package dev.iotypes.cli;

import dev.iotypes.wasm.GuestOptions;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code iotypes serve}: a process that outlives a run, so that a module loaded once, and the
 * classes the JVM compiled for it, run again warm ({@link GuestCache}). {@code iotypes run} hands
 * its run to it over a Unix domain socket ({@link Client}, {@link Frames}); each run is done on a
 * thread of its own by the same {@link Main#run} path as in-process, for the client's working
 * directory and environment ({@link Host}), with the client's standard streams carried as frames.
 *
 * <p>Only the user who started it can connect: the socket lives in a directory of mode 0700 that
 * user owns (the server refuses a looser or foreign one). Java gives no portable way to read the
 * peer's credentials ({@code SO_PEERCRED}), so the directory is the whole check.
 */
final class Server implements AutoCloseable {
  /** The most runs at once; a connection past it is closed at once. */
  static final int MAX_RUNS = 64;

  private final Path socket;
  private final ServerSocketChannel channel;
  private final GuestCache guests;
  private final AtomicInteger running = new AtomicInteger();
  private volatile boolean closed;
  private volatile long lastRun = System.nanoTime(); // when the last run ended, or the start

  private Server(Path socket, ServerSocketChannel channel, GuestCache guests) {
    this.socket = socket;
    this.channel = channel;
    this.guests = guests;
  }

  /**
   * Where the server listens, for an environment: {@code $IOTYPES_SERVER} (null if {@code off}),
   * else {@code $XDG_RUNTIME_DIR/iotypes/server.sock}, else {@code server.sock} in the module cache
   * directory.
   */
  static Path socketPath(Map<String, String> env) {
    String set = env.get("IOTYPES_SERVER");
    try {
      if (set != null && !set.isEmpty()) {
        return set.equals("off") ? null : Path.of(set).toAbsolutePath();
      }
      String runtime = env.get("XDG_RUNTIME_DIR");
      if (runtime != null && !runtime.isEmpty() && Path.of(runtime).isAbsolute()) {
        return Path.of(runtime, "iotypes", "server.sock");
      }
      return GuestOptions.defaultCacheDirectory().resolve("server.sock");
    } catch (InvalidPathException e) {
      return null;
    }
  }

  /**
   * Listens on {@code socket}: makes its directory (mode 0700) if missing, refuses one another user
   * owns or that others may enter, and replaces a stale socket no server answers on.
   *
   * @throws IOException with a one-line message if it cannot
   */
  static Server open(Path socket, GuestCache guests) throws IOException {
    directory(socket);
    if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
      if (answers(socket)) {
        throw new IOException("a server is already listening on " + socket);
      }
      Files.delete(socket); // stale: nobody answers
    }
    ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      channel.bind(UnixDomainSocketAddress.of(socket));
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    return new Server(socket, channel, guests);
  }

  /**
   * The socket's directory, made (mode 0700) if missing.
   *
   * @throws IOException if it cannot be made, or another user owns it or others may enter it
   */
  static Path directory(Path socket) throws IOException {
    Path dir = socket.toAbsolutePath().getParent();
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      if (dir.getParent() != null) {
        Files.createDirectories(dir.getParent());
      }
      Files.createDirectory(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------")); // umask
    }
    String unsafe = unsafeDirectory(dir);
    if (unsafe != null) {
      throw new IOException(unsafe);
    }
    return dir;
  }

  /** Whether a server answers on {@code socket}. */
  static boolean answers(Path socket) {
    try (SocketChannel answered = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Why {@code dir} may not hold the socket (another user owns it, or its group or others have any
   * access, or it is a link), or null if it may.
   */
  static String unsafeDirectory(Path dir) {
    try {
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        return "not a directory: " + dir;
      }
      Object mine = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      if (!mine.equals(Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS))) {
        return "the socket directory " + dir + " belongs to another user";
      }
      Set<PosixFilePermission> permissions =
          Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
      for (PosixFilePermission p : permissions) {
        if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
          return "the socket directory "
              + dir
              + " is open to other users (mode "
              + PosixFilePermissions.toString(permissions)
              + "; chmod 700 it)";
        }
      }
      return null;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "cannot check the socket directory " + dir + ": " + e.getMessage();
    }
  }

  Path socket() {
    return socket;
  }

  /** How many runs are going on. */
  int running() {
    return running.get();
  }

  /** The loaded modules kept between runs. */
  GuestCache guests() {
    return guests;
  }

  /**
   * Closes the server once {@code idle} has passed with no run going on: a server nobody uses gives
   * its memory back. Checked every second or so, by a daemon thread.
   */
  void stopWhenIdle(Duration idle) {
    long limit = idle.toNanos();
    Thread watch =
        new Thread(
            () -> {
              while (!closed) {
                try {
                  Thread.sleep(Math.max(10, Math.min(1000, idle.toMillis() / 4)));
                } catch (InterruptedException e) {
                  return;
                }
                if (running.get() == 0 && System.nanoTime() - lastRun > limit) {
                  try {
                    close();
                  } catch (IOException e) {
                    // closed as far as it goes
                  }
                }
              }
            },
            "iotypes-idle");
    watch.setDaemon(true);
    watch.start();
  }

  /** Accepts connections until closed, a run each on a thread of its own. */
  void serve() throws IOException {
    while (!closed) {
      SocketChannel client;
      try {
        client = channel.accept();
      } catch (ClosedChannelException e) {
        return;
      }
      if (running.incrementAndGet() > MAX_RUNS) {
        running.decrementAndGet();
        client.close();
        continue;
      }
      Thread run =
          new Thread(
              () -> {
                try {
                  new Connection(client).run();
                } finally {
                  lastRun = System.nanoTime();
                  running.decrementAndGet();
                }
              },
              "iotypes-run");
      run.setDaemon(true);
      run.start();
    }
  }

  /** Waits for the runs going on to end. */
  void awaitRuns() {
    while (running.get() > 0) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    try {
      Files.deleteIfExists(socket); // first: once serve() returns, the socket is gone
    } finally {
      channel.close();
    }
  }

  /** One client's run. */
  private final class Connection {
    private final SocketChannel client;
    private final Wire wire;
    private final StdinBuffer stdin;
    private volatile boolean stdoutBroken;
    private volatile boolean gone;
    private volatile Host host; // the run's, once it starts
    private volatile Thread runner;

    Connection(SocketChannel client) {
      this.client = client;
      this.wire = new Wire(new ChannelOut(client), this::lost);
      this.stdin =
          new StdinBuffer(() -> wire.put(Frames.STDIN_WANTED, Frames.status(Frames.CHUNK)));
    }

    void run() {
      try (client) {
        try {
          serve();
        } finally {
          wire.finish(); // what is queued, before the socket closes
        }
      } catch (IOException e) {
        // the client went away: nothing to tell it
      }
    }

    private void serve() throws IOException {
      {
        InputStream in = new ChannelIn(client);
        Frames.Hello hello;
        FileChannel file = null; // the client's standard input, if a file
        try {
          Frames.Frame first = Frames.read(in, Frames.MAX_FRAME);
          if (first == null) {
            return;
          }
          if (first.kind() != Frames.HELLO) {
            throw new Frames.Malformed("expected a hello");
          }
          hello = Frames.Hello.decode(first.bytes());
          Path cwd = Path.of(hello.cwd());
          if (!cwd.isAbsolute() || !Files.isDirectory(cwd)) {
            throw new Frames.Malformed("not a directory: " + hello.cwd());
          }
          if (hello.stdinFile() != null) {
            file = openStdin(hello.stdinFile(), hello.offset());
          }
        } catch (IOException | InvalidPathException e) {
          refuse(e.getMessage());
          return;
        }
        wire.put(Frames.ACCEPTED, new byte[0]);
        Thread runner = Thread.currentThread();
        try (GuestCache.Leases leases = guests.leases();
            FileChannel stdinFile = file) {
          // unbuffered, as the process's own: the wire's thread gathers frames that queue up
          // (the guest's "-" writes the frames itself: a PrintStream would hide a broken pipe)
          OutputStream stdout = new FrameOut(Frames.STDOUT);
          PrintStream out = new PrintStream(stdout);
          PrintStream err = new PrintStream(new FrameOut(Frames.STDERR), true);
          Host host = Host.served(Path.of(hello.cwd()), hello.env(), out, err, leases);
          this.host = host;
          this.runner = runner;
          Thread reader = new Thread(() -> read(in, host, runner), "iotypes-run-input");
          reader.setDaemon(true);
          reader.start();
          boolean terminal = (hello.flags() & Frames.TERMINAL) != 0;
          int status =
              Main.run(
                  hello.args().toArray(String[]::new),
                  stdinFile != null
                      ? Stdio.of(stdinFile, hello.stdinFile(), stdout)
                      : Stdio.of(stdin, stdout, terminal),
                  out,
                  err,
                  host);
          host.awaitCopies();
          out.flush();
          err.flush();
          Thread.interrupted(); // a stop's interrupt is not the exit frame's
          if (!gone) {
            if (stdinFile != null) {
              wire.put(Frames.STDIN_POSITION, Frames.position(stdinFile.position()));
            }
            wire.put(Frames.EXIT, Frames.status(status));
          }
        }
      }
    }

    /**
     * The client's standard input, a regular file, opened anew through its process's descriptor
     * (the same user's: the socket's directory is) at the client's offset.
     */
    private FileChannel openStdin(Path file, long offset) throws IOException {
      if (!Files.isRegularFile(file)) {
        throw new Frames.Malformed("the client's standard input is not a file it can share");
      }
      FileChannel channel;
      try {
        channel = FileChannel.open(file, StandardOpenOption.READ);
      } catch (IOException e) {
        throw new IOException("cannot open the client's standard input: " + e.getMessage(), e);
      }
      try {
        return channel.position(offset);
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    }

    /** Tells the client why its connection is refused, and ends it. */
    private void refuse(String why) throws IOException {
      String line = "iotypes: server: " + Boundary.shown(String.valueOf(why));
      wire.put(Frames.STDERR, (line + "\n").getBytes(StandardCharsets.UTF_8));
      wire.put(Frames.EXIT, Frames.status(ExitStatus.INTERNAL.code()));
    }

    /** Reads the client's frames; its going away stops the run. */
    private void read(InputStream in, Host host, Thread runner) {
      try {
        for (Frames.Frame frame; (frame = Frames.read(in, Frames.CHUNK)) != null; ) {
          switch (frame.kind()) {
            case Frames.STDIN -> stdin.put(frame.bytes());
            case Frames.STDIN_END -> stdin.end();
            case Frames.STDOUT_BROKEN -> stdoutBroken = true;
            default -> throw new Frames.Malformed("unexpected frame " + frame.kind());
          }
        }
      } catch (IOException e) {
        // gone, or not this protocol: either way the run stops
      }
      if (runner.isAlive()) {
        stop(host, runner);
      }
    }

    /** A write to the client failed: it went away, though its run may not read from it. */
    private void lost() {
      Host run = host;
      Thread thread = runner;
      if (run != null && thread != null && thread.isAlive() && !gone) {
        Thread stopping = new Thread(() -> stop(run, thread), "iotypes-run-stop");
        stopping.setDaemon(true);
        stopping.start();
      }
    }

    /**
     * The client went away: as when a time limit runs out, commands are killed and downloads cut,
     * and the run's thread is interrupted (the engines read the flag) until it ends.
     */
    private void stop(Host host, Thread runner) {
      gone = true;
      wire.finish();
      stdin.end();
      host.stop();
      while (runner.isAlive()) {
        runner.interrupt();
        try {
          runner.join(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    /** Standard output or error as frames; fails as a broken pipe once the client is gone. */
    private final class FrameOut extends OutputStream {
      private final byte kind;

      FrameOut(byte kind) {
        this.kind = kind;
      }

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (gone || kind == Frames.STDOUT && stdoutBroken) {
          throw new IOException("Broken pipe");
        }
        while (len > 0) {
          int n = Math.min(len, Frames.CHUNK);
          wire.put(kind, java.util.Arrays.copyOfRange(b, off, off + n));
          off += n;
          len -= n;
        }
      }
    }
  }

  /**
   * The frames to the client, written by a thread of their own: the run's thread never touches the
   * socket, so that an interrupt (a time limit's, or a stop's) never closes it.
   */
  private static final class Wire {
    private static final Frames.Frame END = new Frames.Frame((byte) 0, new byte[0]);
    private final java.util.concurrent.BlockingQueue<Frames.Frame> frames =
        new java.util.concurrent.ArrayBlockingQueue<>(64);
    private final Thread writer;
    private volatile boolean failed;

    Wire(OutputStream out, Runnable lost) {
      writer =
          new Thread(
              () -> {
                OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
                try {
                  for (Frames.Frame f; (f = frames.take()) != END; ) {
                    buffered.write(f.kind());
                    buffered.write(Frames.status(f.bytes().length));
                    buffered.write(f.bytes());
                    if (frames.isEmpty()) {
                      buffered.flush();
                    }
                  }
                  buffered.flush();
                } catch (IOException | InterruptedException e) {
                  failed = true;
                  frames.clear();
                  lost.run();
                }
              },
              "iotypes-run-output");
      writer.setDaemon(true);
      writer.start();
    }

    /** Queues a frame, waiting for room; an interrupt does not fail it (it is kept for later). */
    void put(byte kind, byte[] bytes) throws IOException {
      boolean interrupted = false;
      try {
        while (true) {
          if (failed || !writer.isAlive()) {
            throw new IOException("Broken pipe");
          }
          try {
            if (frames.offer(
                new Frames.Frame(kind, bytes), 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
              return;
            }
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    /** Writes what is queued, then ends (waits at most a few seconds). */
    void finish() {
      if (!writer.isAlive()) {
        return;
      }
      while (writer.isAlive() && !frames.offer(END)) {
        if (failed) {
          writer.interrupt();
        }
        try {
          writer.join(10);
        } catch (InterruptedException e) {
          return;
        }
      }
      try {
        writer.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Standard input as the run reads it: when the run reads and nothing is held, one request to the
   * client for at most a chunk ({@link Frames#STDIN_WANTED}), answered by one frame. Nothing is
   * asked for before the run reads, so a client's standard input is read no further than an
   * in-process run would read it (a chunk at most), and a run that never reads it leaves it all.
   */
  private static final class StdinBuffer extends InputStream {
    /** Asks the client for more. */
    interface Ask {
      void more() throws IOException;
    }

    private final Ask ask;
    private byte[] chunk = new byte[0];
    private int offset;
    private boolean asked;
    private boolean ended;

    StdinBuffer(Ask ask) {
      this.ask = ask;
    }

    /** The client's answer; one it was not asked for breaks the protocol. */
    synchronized void put(byte[] bytes) throws Frames.Malformed {
      if (!asked) {
        throw new Frames.Malformed("standard input that was not asked for");
      }
      if (!ended) {
        chunk = bytes;
        offset = 0;
      }
      asked = false;
      notifyAll();
    }

    synchronized void end() {
      ended = true;
      asked = false;
      notifyAll();
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (true) {
        synchronized (this) {
          if (offset < chunk.length) {
            int n = Math.min(len, chunk.length - offset);
            System.arraycopy(chunk, offset, b, off, n);
            offset += n;
            return n;
          }
          if (ended) {
            return -1;
          }
          if (asked) {
            try {
              wait();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new InterruptedIOException("interrupted while reading standard input");
            }
            continue;
          }
          asked = true;
        }
        ask.more(); // outside the lock: the wire may wait for room
      }
    }

    @Override
    public synchronized int available() {
      return chunk.length - offset;
    }
  }

  /** Reads a socket channel, with no lock shared with writes. */
  static final class ChannelIn extends InputStream {
    private final SocketChannel channel;

    ChannelIn(SocketChannel channel) {
      this.channel = channel;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n;
      do {
        n = read(one, 0, 1);
      } while (n == 0);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      return channel.read(ByteBuffer.wrap(b, off, len));
    }
  }

  /** Writes a socket channel, with no lock shared with reads. */
  static final class ChannelOut extends OutputStream {
    private final SocketChannel channel;

    ChannelOut(SocketChannel channel) {
      this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }
  }
}
