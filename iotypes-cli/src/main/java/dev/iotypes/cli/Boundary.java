package dev.iotypes.cli;

import dev.iotypes.AtomicFile;
import dev.iotypes.Failed;
import dev.iotypes.Failure;
import dev.iotypes.Input;
import dev.iotypes.InputDirectory;
import dev.iotypes.IoArray;
import dev.iotypes.IoTypes;
import dev.iotypes.MediaType;
import dev.iotypes.Origin;
import dev.iotypes.Outcome;
import dev.iotypes.Output;
import dev.iotypes.OutputDirectory;
import dev.iotypes.Pseudonym;
import dev.iotypes.wasm.GuestOptions;
import dev.iotypes.wasm.ParamType;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Where command-line arguments become I/O types, as the user wrote them, like the Rust crate {@code
 * nameless}. Every handle made here is named by a {@link Pseudonym} of the argument exactly as
 * written and carries the media type the argument says (its extension, an HTTP {@code
 * Content-Type}, a {@code data:} URL's type).
 *
 * <table>
 *   <caption>What an argument may be</caption>
 *   <tr><th>argument<th>input<th>output<th>array
 *   <tr><td>a path<td>reads it<td>creates or replaces it (atomically: see {@link #output})<td>opens
 *       it, by its {@link Access}
 *   <tr><td>{@code -}<td>standard input<td>standard output<td>standard input: the file itself if
 *       it is one, else its bytes read to the end, read-only
 *   <tr><td>{@code file:} URL<td colspan=3>as its path
 *   <tr><td>{@code http:}, {@code https:} URL<td>GET, streamed<td>refused<td>the body read to the
 *       end, read-only
 *   <tr><td>{@code data:} URL<td>its bytes<td>refused<td>its bytes, read-only
 *   <tr><td>{@code *.gz}<td>decompressed<td>compressed<td>decompressed to the end, read-only
 *   <tr><td>{@code $(command)}<td>the command's stdout<td>the command's stdin<td>its stdout read to
 *       the end, read-only
 * </table>
 *
 * <p>An array from a stream is the talk's {@code from-stream} done before the program runs ({@link
 * IoTypes#fromStream(Input, long, long, Path)}): in memory up to {@link
 * IoTypes#FROM_STREAM_IN_MEMORY}, else in a deleted temporary file, at most {@code maxArraySize}
 * bytes; only a file can be bound writable.
 *
 * <p>Opening is the only thing that throws: a {@link BoundaryException} whose message is one line
 * naming the argument. Closing the boundary closes every handle it made (closing twice is fine, so
 * whoever received them may close them first), waits for child commands, and reports what a close
 * would otherwise hide: a failed input or output, a command that exited with a status other than 0.
 *
 * <p>Binding is limited in time: an {@code http:} argument must answer (connect and send its
 * headers) within the time limit given, {@link #DEFAULT_BIND_LIMIT} without one, counted from the
 * boundary's making over all arguments; a redirect is followed only within the same scheme, and
 * never from a public host to a loopback or private address. {@link #stopAtLimit()} kills every
 * command (with the processes it started) and cuts every download, when the run's time is up.
 */
public final class Boundary implements AutoCloseable {
  private static final int GZIP_BUFFER = 64 * 1024;
  private static final int MESSAGE_ARG_MAX = 80;
  private static final int MAX_REDIRECTS = 5;
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  /** How long binding may take without {@code --timeout}: an unanswered URL fails after it. */
  public static final Duration DEFAULT_BIND_LIMIT = Duration.ofSeconds(30);

  /** What a program may do to a file bound as an array. */
  public enum Access {
    /** Read it; the file must exist. */
    READ_ONLY,
    /** Read and write it; the file must exist. */
    WRITABLE,
    /** Read and write it, creating it if it does not exist. */
    CREATE
  }

  private final Stdio stdio;
  private final List<Bound> bound = new ArrayList<>();
  private final Staging staging = new Staging();
  private final List<Process> commands = new CopyOnWriteArrayList<>();
  private final List<InputStream> downloads = new CopyOnWriteArrayList<>();
  private final Duration limit;
  private final boolean timeLimit; // the limit is --timeout's, not the default
  private final long deadline;
  private final long maxArraySize;
  private final boolean atomicOutputs;
  private volatile boolean stopped;
  private HttpClient http; // made on the first http: argument
  private Composition composition; // null: a [MODULE.wasm ...] argument is a plain path
  private Host host = Host.current(); // relative paths and $(command) are the run's

  /** A handle made here, and what its close may report. */
  private record Bound(String arg, AutoCloseable handle, Watched watched, WatchedInput read) {}

  /** A problem found at close: one line, and whether it is standard output's broken pipe. */
  record Problem(String line, boolean brokenStdout) {}

  /** A boundary whose binding may take {@link #DEFAULT_BIND_LIMIT}. */
  public Boundary(Stdio stdio) {
    this(stdio, null);
  }

  /**
   * A boundary whose binding may take {@code timeLimit} from now, or {@link #DEFAULT_BIND_LIMIT} if
   * it is null or zero; past a time limit, the {@link BoundaryException} says {@link
   * BoundaryException#timedOut()}.
   */
  public Boundary(Stdio stdio, Duration timeLimit) {
    this(stdio, timeLimit, GuestOptions.DEFAULTS.maxAnonymousLength(), true);
  }

  /**
   * As {@link #Boundary(Stdio, Duration)}; an array read from a stream may hold {@code
   * maxArraySize} bytes, and a file output is replaced atomically at close when {@code
   * atomicOutputs} (see {@link #output(String)}).
   */
  public Boundary(Stdio stdio, Duration timeLimit, long maxArraySize, boolean atomicOutputs) {
    if (maxArraySize < 0) {
      throw new IllegalArgumentException("maxArraySize < 0: " + maxArraySize);
    }
    this.maxArraySize = maxArraySize;
    this.atomicOutputs = atomicOutputs;
    this.stdio = Objects.requireNonNull(stdio, "stdio");
    this.timeLimit = timeLimit != null && !timeLimit.isZero();
    this.limit = this.timeLimit ? timeLimit : DEFAULT_BIND_LIMIT;
    this.deadline = System.nanoTime() + limit.toNanos();
  }

  /** The run's working directory and environment, for paths and {@code $(command)}. */
  void host(Host host) {
    this.host = Objects.requireNonNull(host, "host");
  }

  /** Lets an argument {@code [MODULE.wasm ARGS...]} be another guest ({@link Composition}). */
  void compose(Composition composition) {
    this.composition = composition;
  }

  /** Whether {@code arg} is a composition, bound by {@link #composed}. */
  private boolean composes(String arg) {
    return composition != null && Composition.matches(arg);
  }

  /** The handle another guest provides; closed with what the provider holds. */
  private <T> T composed(String arg, ParamType kind, Class<T> type) throws BoundaryException {
    Composed composed = composition.compose(arg, kind);
    bound.add(new Bound(arg, composed, null, null));
    return type.cast(composed.handle());
  }

  /** Binds {@code arg} as an input stream. */
  public Input input(String arg) throws BoundaryException {
    Objects.requireNonNull(arg, "arg");
    if (composes(arg)) {
      return composed(arg, ParamType.INPUT_STREAM, Input.class);
    }
    if (arg.equals("-")) {
      return remember(arg, stdio.in(), null);
    }
    if (Command.matches(arg)) {
      return commandInput(arg);
    }
    if (hasScheme(arg, "data")) {
      DataUrl data = dataUrl(arg);
      return remember(
          arg,
          IoTypes.inputFromArray(
              IoTypes.array(
                  ByteBuffer.wrap(data.bytes()).asReadOnlyBuffer(),
                  Origin.named(arg, data.mediaType())),
              0),
          null);
    }
    if (hasScheme(arg, "http") || hasScheme(arg, "https")) {
      return httpInput(arg);
    }
    return fileInput(arg, path(arg));
  }

  /**
   * Binds {@code arg} as an input directory: a folder, or a {@code .zip}, {@code .tar}, {@code
   * .tar.gz} or {@code .tgz} file (or {@code file:} URL), listed now with its names checked; its
   * files are opened only when the program asks. A hostile archive name refuses the binding.
   */
  public InputDirectory inputDirectory(String arg) throws BoundaryException {
    Objects.requireNonNull(arg, "arg");
    Path path = path(arg);
    if (!Files.isDirectory(path) && !IoTypes.isArchiveName(fileName(path))) {
      throw new BoundaryException("not a directory, .zip, .tar, .tar.gz or .tgz: " + shown(arg));
    }
    try {
      return remember(arg, IoTypes.inputDirectory(path, Origin.named(arg)), null);
    } catch (IOException e) {
      throw openFailure(arg, path, e);
    }
  }

  /**
   * Binds {@code arg} as an output directory, where the program may create new files and nothing
   * else: a {@code .zip}, {@code .tar}, {@code .tar.gz} or {@code .tgz} that is not a folder is
   * that archive, created or replaced as a file output is (atomically: see {@link #output}); any
   * other argument is a folder, made (with its parents) if missing. The archive is ended when the
   * boundary closes, after the program's outputs; a failure to write it is a problem of {@code
   * arg}, and keeps every staged output from being put in place.
   */
  public OutputDirectory outputDirectory(String arg) throws BoundaryException {
    Objects.requireNonNull(arg, "arg");
    Path path = path(arg);
    String name = fileName(path);
    try {
      if (IoTypes.isArchiveName(name) && !Files.isDirectory(path)) {
        Path written = path;
        if (atomicOutputs && AtomicFile.applies(path)) {
          written = staging.stage(arg, path);
        }
        return remember(
            arg,
            IoTypes.outputDirectory(Files.newOutputStream(written), name, Origin.named(arg)),
            null);
      }
      Files.createDirectories(path);
      return remember(arg, IoTypes.outputDirectory(path, Origin.named(arg)), null);
    } catch (IOException e) {
      throw openFailure(arg, path, e);
    }
  }

  /** The input over {@code in}, remembered with a watch: close reports its first read failure. */
  private Input watchedInput(String arg, InputStream in, MediaType mediaType) {
    return watchedInput(arg, in, mediaType, false);
  }

  /**
   * As {@link #watchedInput(String, InputStream, MediaType)}; {@code blocking} for a source that
   * may keep a reader waiting (a command, a download), whose readiness is then learnt by reading
   * ahead once the program polls it ({@link IoTypes#readAhead}).
   */
  private Input watchedInput(String arg, InputStream in, MediaType mediaType, boolean blocking) {
    WatchedInput watched = new WatchedInput(in);
    Input input = IoTypes.input(watched, Origin.named(arg, mediaType));
    if (blocking) {
      input = IoTypes.readAhead(input);
    }
    bound.add(new Bound(arg, input, null, watched));
    return input;
  }

  /**
   * Binds {@code arg} as an output stream. A file (plain or {@code .gz}) that does not exist or is
   * a regular file is, with {@code atomicOutputs}, written to a staged file beside it ({@link
   * AtomicFile}) and put in place only by a close that says the run succeeded ({@link
   * #closeAll(boolean)}); one target bound twice as an output is then refused. A device or FIFO,
   * {@code -} and {@code $(command)} are written as they go.
   */
  public Output output(String arg) throws BoundaryException {
    Objects.requireNonNull(arg, "arg");
    if (composes(arg)) {
      return composed(arg, ParamType.OUTPUT_STREAM, Output.class);
    }
    if (arg.equals("-")) {
      return remember(arg, stdio.out(), null);
    }
    if (hasScheme(arg, "http") || hasScheme(arg, "https") || hasScheme(arg, "data")) {
      throw new BoundaryException("cannot write to a URL: " + shown(arg));
    }
    Watched watched;
    MediaType mediaType;
    if (Command.matches(arg)) {
      try {
        watched = new Watched(Command.stdin(Command.text(arg), commands, host), true);
      } catch (IOException e) {
        throw new BoundaryException("cannot run " + shown(arg) + ": " + reason(e));
      }
      mediaType = MediaType.OCTET_STREAM;
    } else {
      Path path = path(arg);
      String name = fileName(path);
      Path written = path;
      try {
        if (atomicOutputs && AtomicFile.applies(path)) {
          written = staging.stage(arg, path);
        }
        if (!isGzip(name)) {
          return remember(arg, IoTypes.fileOutput(written, Origin.named(arg, forName(name))), null);
        }
        OutputStream file = Files.newOutputStream(written);
        watched =
            new Watched(new GZIPOutputStream(new BufferedOutputStream(file, GZIP_BUFFER)), false);
      } catch (IOException e) {
        throw openFailure(arg, path, e);
      }
      mediaType = forName(withoutGz(name));
    }
    return remember(arg, IoTypes.output(watched, Origin.named(arg, mediaType)), watched);
  }

  /**
   * Binds {@code arg} as an array over a file: read-write and created if missing when {@code
   * writable}, else read-only.
   */
  public IoArray array(String arg, boolean writable) throws BoundaryException {
    return array(arg, writable ? Access.CREATE : Access.READ_ONLY);
  }

  /**
   * Binds {@code arg} as an array over a file, which must exist unless {@code access} is {@link
   * Access#CREATE}.
   */
  public IoArray array(String arg, Access access) throws BoundaryException {
    Objects.requireNonNull(arg, "arg");
    Objects.requireNonNull(access, "access");
    if (composes(arg)) {
      Object handle = composed(arg, ParamType.ARRAY, Object.class);
      if (handle instanceof Input provided) {
        // a provider of an input only: its stream read into an array, as for any other stream
        if (access != Access.READ_ONLY) {
          forget(provided);
          throw notAFile(arg);
        }
        return fromStream(arg, provided);
      }
      return (IoArray) handle;
    }
    if (hasScheme(arg, "data")) {
      if (access != Access.READ_ONLY) {
        throw notAFile(arg);
      }
      DataUrl data = dataUrl(arg);
      return remember(
          arg,
          IoTypes.array(
              ByteBuffer.wrap(data.bytes()).asReadOnlyBuffer(),
              Origin.named(arg, data.mediaType())),
          null);
    }
    if (arg.equals("-")) {
      IoArray stdin;
      try {
        stdin = access == Access.READ_ONLY ? stdio.inArray() : null;
      } catch (IOException e) {
        stdin = null;
      }
      if (stdin != null) {
        return remember(arg, stdin, null);
      }
    }
    if (arg.equals("-")
        || Command.matches(arg)
        || hasScheme(arg, "http")
        || hasScheme(arg, "https")
        || isGzip(fileName(path(arg)))) {
      if (access != Access.READ_ONLY) {
        throw notAFile(arg);
      }
      return fromStream(arg);
    }
    Path path = path(arg);
    if (Files.isDirectory(path)) {
      throw new BoundaryException("is a directory: " + shown(arg));
    }
    Origin origin = Origin.named(arg, forName(fileName(path)));
    try {
      IoArray array =
          switch (access) {
            case READ_ONLY -> IoTypes.fileArray(path, false, origin);
            case CREATE -> IoTypes.fileArray(path, true, origin);
            case WRITABLE ->
                IoTypes.fileArray(
                    FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE),
                    true,
                    origin);
          };
      return remember(arg, array, null);
    } catch (IOException e) {
      throw openFailure(arg, path, e);
    }
  }

  /**
   * The array over a stream argument: its bytes read to the end now, before the program runs, and
   * the stream closed; a failure to read them is the binding's.
   */
  private IoArray fromStream(String arg) throws BoundaryException {
    return fromStream(arg, input(arg));
  }

  private IoArray fromStream(String arg, Input input) throws BoundaryException {
    AtomicBoolean spooling = new AtomicBoolean(true);
    if (timeLimit) {
      // A command or a server that goes silent would hold the binding past --timeout: cut it.
      long left = Math.max(0, deadline - System.nanoTime());
      CompletableFuture.delayedExecutor(left, TimeUnit.NANOSECONDS)
          .execute(
              () -> {
                if (spooling.get()) {
                  stopAtLimit();
                }
              });
    }
    try {
      IoArray array =
          IoTypes.fromStream(input, IoTypes.FROM_STREAM_IN_MEMORY, maxArraySize, spoolDirectory());
      return remember(arg, array, null);
    } catch (Failed e) {
      if (timeLimit && System.nanoTime() - deadline > 0) {
        throw new BoundaryException(
            "cannot read " + shown(arg) + ": not read to its end in time (--timeout)", true);
      }
      String why =
          e.failure().kind() == Failure.Kind.TOO_LARGE
              ? withoutJava(render(e.failure().detail())) + " (--max-array-size)"
              : withoutJava(render(e.failure().detail()));
      for (Bound b : bound) {
        if (b.handle() == input && b.read() != null && b.read().failure != null) {
          why = reason(b.read().failure); // as the user reads it: "command exited with status 3"
        }
      }
      throw new BoundaryException("cannot read " + shown(arg) + ": " + why);
    } catch (IOException e) {
      throw new BoundaryException("cannot keep " + shown(arg) + " as an array: " + reason(e));
    } finally {
      spooling.set(false);
      forget(input);
    }
  }

  /** Closes a handle made here for the boundary's own use, and lets its problems go. */
  private void forget(AutoCloseable handle) {
    bound.removeIf(b -> b.handle() == handle);
    closeQuietly(handle);
  }

  private static Path spoolDirectory() {
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  private static BoundaryException notAFile(String arg) {
    return new BoundaryException(
        "only a file can be a writable array; "
            + shown(arg)
            + " is read from a stream, into a copy the program may only read");
  }

  /**
   * Flushes and closes every handle made here, waits for the commands behind outputs, and reports
   * the first problem that closing would otherwise hide.
   *
   * @throws BoundaryException naming the argument, e.g. {@code $(false): command exited with status
   *     1}
   */
  @Override
  public void close() throws BoundaryException {
    List<Problem> problems = closeAll(true);
    if (!problems.isEmpty()) {
      throw new BoundaryException(problems.get(0).line());
    }
  }

  /**
   * Closes as {@link #close()} does, and returns every problem found, one per failed argument, in
   * the order they were bound: each failed input, each failed output. What {@link #stopAtLimit()}
   * cut is not a problem: the run's time ran out.
   */
  List<Problem> closeAll() {
    return closeAll(true);
  }

  /**
   * As {@link #closeAll()}; then the file outputs staged beside their targets are put in place if
   * {@code succeeded} and nothing failed, else deleted, leaving each target as it was.
   */
  List<Problem> closeAll(boolean succeeded) {
    List<Problem> problems = new ArrayList<>();
    for (Bound b : bound) {
      if (b.handle() instanceof Composed composed) {
        composed.settle(succeeded);
      }
      Problem found = closeOne(b);
      if (found != null && !stopped) {
        problems.add(found);
      }
    }
    problems.addAll(staging.settle(succeeded && problems.isEmpty() && !stopped));
    bound.clear();
    commands.clear();
    downloads.clear();
    return problems;
  }

  /**
   * The run's time is up: kills every command with the processes it started, and cuts every
   * download, so that a program blocked on one returns. Safe from any thread.
   */
  void stopAtLimit() {
    stopped = true;
    commands.forEach(Command::kill);
    downloads.forEach(Boundary::closeQuietly);
    if (composition != null) {
      composition.stopAtLimit();
    }
  }

  private static Problem closeOne(Bound b) {
    String problem = null;
    boolean brokenStdout = false;
    if (b.handle() instanceof Output output) {
      try {
        Outcome flushed = output.flush();
        if (flushed.isFailed()) {
          brokenStdout =
              b.arg().equals("-") && flushed.failure().kind() == Failure.Kind.BROKEN_PIPE;
          problem =
              b.watched() != null && b.watched().command
                  ? "the command stopped reading its input"
                  : "write failed: " + said(flushed.failure());
        }
      } catch (IllegalStateException alreadyClosed) {
        // The receiver closed it first, flushing as it did.
      }
    }
    try {
      b.handle().close();
    } catch (Exception e) {
      problem = problem != null ? problem : reason(e);
    }
    if (b.watched() != null && b.watched().failure != null) {
      String closed = reason(b.watched().failure);
      problem = problem == null ? closed : problem + " (" + closed + ")";
    }
    if (problem == null && b.read() != null && b.read().failure != null) {
      IOException e = b.read().failure;
      problem = e instanceof Command.Exited ? reason(e) : "read failed: " + reason(e);
    }
    return problem == null ? null : new Problem(shown(b.arg()) + ": " + problem, brokenStdout);
  }

  /** A failure as the user reads it: by its kind, else the host's text without Java's names. */
  private static String said(Failure failure) {
    return switch (failure.kind()) {
      case BROKEN_PIPE -> "broken pipe (the reader went away)";
      case NO_SPACE -> "no space left on device";
      case ACCESS -> "permission denied";
      default -> withoutJava(render(failure.detail()));
    };
  }

  /**
   * Whether standard output, bound as {@code -}, failed because its reader went away ({@code
   * ./iotypes run grep.wasm ... - | head}): the run goes on saying nothing more, as a tool that
   * died of SIGPIPE would have. An empty write asks an output for its sticky status without
   * writing.
   */
  boolean stdoutBroken() {
    for (Bound b : bound) {
      if (b.arg().equals("-") && b.handle() instanceof Output output) {
        try {
          Outcome status = output.write(ByteBuffer.allocate(0));
          if (status.isFailed() && status.failure().kind() == Failure.Kind.BROKEN_PIPE) {
            return true;
          }
        } catch (IllegalStateException closed) {
          // closed by the run already: not what broke
        }
      }
    }
    return false;
  }

  private <T extends AutoCloseable> T remember(String arg, T handle, Watched watched) {
    bound.add(new Bound(arg, handle, watched, null));
    return handle;
  }

  // Inputs by kind.

  private Input fileInput(String arg, Path path) throws BoundaryException {
    String name = fileName(path);
    if (Files.isDirectory(path)) {
      throw new BoundaryException("is a directory: " + shown(arg));
    }
    try {
      if (isGzip(name)) {
        InputStream in = Files.newInputStream(path);
        return watchedInput(arg, gunzip(arg, in), forName(withoutGz(name)));
      }
      return remember(arg, IoTypes.fileInput(path, Origin.named(arg, forName(name))), null);
    } catch (IOException e) {
      throw openFailure(arg, path, e);
    }
  }

  private Input commandInput(String arg) throws BoundaryException {
    try {
      InputStream out = Command.stdout(Command.text(arg), commands, host);
      return watchedInput(arg, out, MediaType.OCTET_STREAM, true);
    } catch (IOException e) {
      throw new BoundaryException("cannot run " + shown(arg) + ": " + reason(e));
    }
  }

  private Input httpInput(String arg) throws BoundaryException {
    URI uri;
    try {
      uri = new URI(arg);
      HttpRequest.newBuilder(uri);
    } catch (Exception e) {
      throw new BoundaryException("not a valid URL: " + shown(arg));
    }
    HttpResponse<InputStream> response = fetch(arg, uri);
    InputStream body = response.body();
    downloads.add(body);
    int status = response.statusCode();
    if (status / 100 != 2) {
      closeQuietly(body);
      throw new BoundaryException("cannot fetch " + shown(arg) + ": HTTP status " + status);
    }
    String name = uri.getPath() == null ? "" : uri.getPath();
    MediaType mediaType =
        response.headers().firstValue("Content-Type").map(Boundary::mediaTypeOrNull).orElse(null);
    boolean encoded =
        response
            .headers()
            .firstValue("Content-Encoding")
            .map(e -> e.trim().equalsIgnoreCase("gzip") || e.trim().equalsIgnoreCase("x-gzip"))
            .orElse(false);
    try {
      if (encoded) {
        body = gunzip(arg, body);
      } else if (isGzip(name)) {
        body = gunzip(arg, body);
        mediaType = forName(withoutGz(name)); // the Content-Type is of the compressed bytes
      }
    } catch (IOException e) {
      closeQuietly(body);
      throw new BoundaryException("cannot read " + shown(arg) + ": " + reason(e));
    }
    if (mediaType == null) {
      mediaType = forName(name);
    }
    return watchedInput(arg, body, mediaType, true);
  }

  /**
   * GETs {@code uri}, following up to {@value #MAX_REDIRECTS} redirects within its scheme, and
   * never from a public host to a local one; the response's headers must arrive before the
   * binding's deadline.
   */
  private HttpResponse<InputStream> fetch(String arg, URI uri) throws BoundaryException {
    boolean fromPublic = !local(uri.getHost());
    URI at = uri;
    for (int redirects = 0; ; redirects++) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw unanswered(arg);
      }
      if (http == null) {
        http =
            HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofNanos(left))
                .build();
      }
      HttpResponse<InputStream> response;
      try {
        HttpRequest request = HttpRequest.newBuilder(at).timeout(Duration.ofNanos(left)).build();
        response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      } catch (HttpTimeoutException e) {
        throw unanswered(arg);
      } catch (IOException | IllegalArgumentException e) {
        throw new BoundaryException("cannot reach " + shown(arg) + ": " + httpReason(e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BoundaryException("cannot reach " + shown(arg) + ": interrupted");
      }
      if (!REDIRECTS.contains(response.statusCode())) {
        return response;
      }
      closeQuietly(response.body());
      String location = response.headers().firstValue("Location").orElse(null);
      if (location == null) {
        return response; // a redirect to nowhere: its status is reported
      }
      URI next;
      try {
        next = at.resolve(location);
      } catch (IllegalArgumentException e) {
        throw refused(arg, "redirected to a malformed URL (" + shown(location) + ")");
      }
      if (next.getScheme() == null || !next.getScheme().equalsIgnoreCase(uri.getScheme())) {
        throw refused(arg, "redirected to another scheme (" + shown(location) + "), not followed");
      }
      if (fromPublic && local(next.getHost())) {
        throw refused(
            arg, "redirected to a local address (" + shown(next.toString()) + "), not followed");
      }
      if (redirects == MAX_REDIRECTS) {
        throw refused(arg, "more than " + MAX_REDIRECTS + " redirects");
      }
      at = next;
    }
  }

  private static BoundaryException refused(String arg, String why) {
    return new BoundaryException("cannot fetch " + shown(arg) + ": " + why);
  }

  private BoundaryException unanswered(String arg) {
    String within =
        limit.toMillis() % 1000 == 0 ? limit.toSeconds() + "s" : limit.toMillis() + "ms";
    return new BoundaryException(
        "cannot fetch "
            + shown(arg)
            + ": no answer within "
            + within
            + (timeLimit ? " (--timeout)" : " (the limit without --timeout)"),
        timeLimit);
  }

  /**
   * Whether {@code host} is, or resolves to, a loopback, private (RFC 1918, IPv6 unique local),
   * link-local or unspecified address: somewhere a public server must not send us. An unknown host
   * is not local (the request to it fails anyway).
   */
  static boolean local(String host) {
    if (host == null || host.isEmpty()) {
      return true;
    }
    try {
      for (InetAddress address : InetAddress.getAllByName(host)) {
        if (address.isLoopbackAddress()
            || address.isSiteLocalAddress()
            || address.isLinkLocalAddress()
            || address.isAnyLocalAddress()
            || address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc) {
          return true;
        }
      }
      return false;
    } catch (UnknownHostException | SecurityException e) {
      return false;
    }
  }

  private static String httpReason(Exception e) {
    if (e instanceof HttpConnectTimeoutException) {
      return "connection timed out";
    }
    if (e instanceof HttpTimeoutException) {
      return "timed out";
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException) {
        return "unknown host";
      }
    }
    if (e instanceof ConnectException) {
      String message = e.getMessage();
      return message == null || message.isEmpty()
          ? "connection refused"
          : message.toLowerCase(Locale.ROOT);
    }
    return reason(e);
  }

  private static InputStream gunzip(String arg, InputStream in) throws IOException {
    InputStream gzip;
    try {
      gzip = new GZIPInputStream(in, GZIP_BUFFER);
    } catch (IOException e) {
      closeQuietly(in);
      throw new IOException("not in gzip format", e);
    }
    return new FilterInputStream(gzip) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          return in.read(b, off, len);
        } catch (EOFException e) {
          throw new IOException("the gzip data is cut short", e);
        } catch (ZipException e) {
          throw new IOException("the gzip data is corrupt", e);
        }
      }
    };
  }

  // Argument forms.

  private static boolean hasScheme(String arg, String scheme) {
    return arg.length() > scheme.length()
        && arg.charAt(scheme.length()) == ':'
        && arg.regionMatches(true, 0, scheme, 0, scheme.length());
  }

  private static DataUrl dataUrl(String arg) throws BoundaryException {
    try {
      return DataUrl.parse(arg);
    } catch (IllegalArgumentException e) {
      throw new BoundaryException("not a valid data: URL (" + e.getMessage() + "): " + shown(arg));
    }
  }

  /** A path, or the path of a {@code file:} URL. */
  private Path path(String arg) throws BoundaryException {
    try {
      return hasScheme(arg, "file") ? Path.of(new URI(arg)) : host.resolve(arg);
    } catch (InvalidPathException e) {
      throw new BoundaryException("not a valid path: " + shown(arg));
    } catch (Exception e) {
      throw new BoundaryException("not a valid file: URL: " + shown(arg));
    }
  }

  private static String fileName(Path path) {
    Path name = path.getFileName();
    return name == null ? "" : name.toString();
  }

  private static boolean isGzip(String name) {
    return name.length() > 3 && name.regionMatches(true, name.length() - 3, ".gz", 0, 3);
  }

  private static String withoutGz(String name) {
    return name.substring(0, name.length() - 3);
  }

  private static MediaType forName(String name) {
    return name.isEmpty() ? MediaType.OCTET_STREAM : MediaType.forName(name);
  }

  private static MediaType mediaTypeOrNull(String value) {
    try {
      return MediaType.of(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  // Messages: one line, the argument as written (shortened if long).

  private static BoundaryException openFailure(String arg, Path path, IOException e) {
    String shown = shown(arg);
    if (e instanceof NoSuchFileException) {
      Path parent = path.toAbsolutePath().getParent();
      return parent != null && !Files.isDirectory(parent)
          ? new BoundaryException("no such directory for " + shown)
          : new BoundaryException("no such file: " + shown);
    }
    if (e instanceof AccessDeniedException) {
      return new BoundaryException("permission denied: " + shown);
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return new BoundaryException("cannot open " + shown + ": " + fs.getReason());
    }
    return new BoundaryException("cannot open " + shown + ": " + reason(e));
  }

  static String shown(String arg) {
    String oneLine = arg.replaceAll("[\\r\\n]+", " ");
    return oneLine.length() <= MESSAGE_ARG_MAX
        ? oneLine
        : oneLine.substring(0, MESSAGE_ARG_MAX - 3) + "...";
  }

  static String reason(Throwable e) {
    String message = e.getMessage();
    String text = message == null || message.isBlank() ? "input/output error" : message;
    return withoutJava(text.replaceAll("[\\r\\n]+", " "));
  }

  /** Host text without the Java exception names it may start with ({@code IOException: }). */
  static String withoutJava(String text) {
    String plain = text.replaceFirst("^([A-Za-z_$][\\w$]*\\.)*[A-Z][\\w$]*(Exception|Error): ", "");
    return plain.equals("Stream closed") ? "closed" : plain;
  }

  /** The text behind {@code pseudonym}, rendered the only way there is: through an output. */
  static String render(Pseudonym pseudonym) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Output out = IoTypes.output(bytes)) {
      out.writePseudonym(pseudonym);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // Already failing; the first problem is the one reported.
    }
  }

  /** An output stream that remembers the failure of its close, which an output would swallow. */
  private static final class Watched extends PassThroughOutputStream {
    final boolean command;
    IOException failure;

    Watched(OutputStream out, boolean command) {
      super(out);
      this.command = command;
    }

    @Override
    public void close() throws IOException {
      try {
        out.close();
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }
  }

  /** An input stream that remembers its first read failure, which an input keeps to itself. */
  private static final class WatchedInput extends FilterInputStream {
    volatile IOException failure;

    WatchedInput(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        }
        throw e;
      }
    }

    @Override
    public long skip(long n) throws IOException {
      try {
        return in.skip(n);
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        }
        throw e;
      }
    }
  }
}
