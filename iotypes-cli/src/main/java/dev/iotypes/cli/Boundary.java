package dev.iotypes.cli;

import dev.iotypes.Input;
import dev.iotypes.IoArray;
import dev.iotypes.IoTypes;
import dev.iotypes.MediaType;
import dev.iotypes.Origin;
import dev.iotypes.Outcome;
import dev.iotypes.Output;
import dev.iotypes.Pseudonym;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Where command-line arguments become I/O types, as the user wrote them, like the Rust crate {@code
 * nameless}. Every handle made here is named by a {@link Pseudonym} of the argument exactly as
 * written and carries the media type the argument says (its extension, an HTTP {@code
 * Content-Type}, a {@code data:} URL's type).
 *
 * <table>
 *   <caption>What an argument may be</caption>
 *   <tr><th>argument<th>input<th>output<th>array
 *   <tr><td>a path<td>reads it<td>creates or truncates it<td>opens it (created if writable)
 *   <tr><td>{@code -}<td>standard input<td>standard output<td>standard input, if a regular file
 *   <tr><td>{@code file:} URL<td colspan=3>as its path
 *   <tr><td>{@code http:}, {@code https:} URL<td>GET, streamed<td colspan=2>refused
 *   <tr><td>{@code data:} URL<td>its bytes<td>refused<td>its bytes, read-only
 *   <tr><td>{@code *.gz}<td>decompressed<td>compressed<td>the file as is
 *   <tr><td>{@code $(command)}<td>the command's stdout<td>the command's stdin<td>refused
 * </table>
 *
 * <p>Opening is the only thing that throws: a {@link BoundaryException} whose message is one line
 * naming the argument. Closing the boundary closes every handle it made (closing twice is fine, so
 * whoever received them may close them first), waits for child commands, and reports what a close
 * would otherwise hide: a failed output, a command that exited with a status other than 0.
 */
public final class Boundary implements AutoCloseable {
  private static final int GZIP_BUFFER = 64 * 1024;
  private static final int MESSAGE_ARG_MAX = 80;

  private final Stdio stdio;
  private final List<Bound> bound = new ArrayList<>();
  private HttpClient http; // made on the first http: argument

  /** A handle made here, and what its close may report. */
  private record Bound(String arg, AutoCloseable handle, Watched watched) {}

  public Boundary(Stdio stdio) {
    this.stdio = Objects.requireNonNull(stdio, "stdio");
  }

  /** Binds {@code arg} as an input stream. */
  public Input input(String arg) throws BoundaryException {
    Objects.requireNonNull(arg, "arg");
    Input input;
    if (arg.equals("-")) {
      input = stdio.in();
    } else if (Command.matches(arg)) {
      input = commandInput(arg);
    } else if (hasScheme(arg, "data")) {
      DataUrl data = dataUrl(arg);
      input =
          IoTypes.inputFromArray(
              IoTypes.array(
                  ByteBuffer.wrap(data.bytes()).asReadOnlyBuffer(),
                  Origin.named(arg, data.mediaType())),
              0);
    } else if (hasScheme(arg, "http") || hasScheme(arg, "https")) {
      input = httpInput(arg);
    } else {
      input = fileInput(arg, path(arg));
    }
    return remember(arg, input, null);
  }

  /** Binds {@code arg} as an output stream. */
  public Output output(String arg) throws BoundaryException {
    Objects.requireNonNull(arg, "arg");
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
        watched = new Watched(Command.stdin(Command.text(arg)));
      } catch (IOException e) {
        throw new BoundaryException("cannot run " + shown(arg) + ": " + reason(e));
      }
      mediaType = MediaType.OCTET_STREAM;
    } else {
      Path path = path(arg);
      String name = fileName(path);
      if (!isGzip(name)) {
        try {
          return remember(arg, IoTypes.fileOutput(path, Origin.named(arg, forName(name))), null);
        } catch (IOException e) {
          throw openFailure(arg, path, e);
        }
      }
      try {
        OutputStream file = Files.newOutputStream(path);
        watched = new Watched(new GZIPOutputStream(new BufferedOutputStream(file, GZIP_BUFFER)));
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
    Objects.requireNonNull(arg, "arg");
    if (arg.equals("-")) {
      IoArray stdin;
      try {
        stdin = stdio.inArray();
      } catch (IOException e) {
        stdin = null;
      }
      if (stdin == null) {
        throw new BoundaryException(
            "standard input (-) is not a regular file, and an array needs one");
      }
      return remember(arg, stdin, null);
    }
    if (hasScheme(arg, "data")) {
      DataUrl data = dataUrl(arg);
      return remember(
          arg,
          IoTypes.array(
              ByteBuffer.wrap(data.bytes()).asReadOnlyBuffer(),
              Origin.named(arg, data.mediaType())),
          null);
    }
    if (Command.matches(arg) || hasScheme(arg, "http") || hasScheme(arg, "https")) {
      throw new BoundaryException("an array must be a file (a path or file: URL): " + shown(arg));
    }
    Path path = path(arg);
    if (Files.isDirectory(path)) {
      throw new BoundaryException("is a directory: " + shown(arg));
    }
    try {
      return remember(
          arg, IoTypes.fileArray(path, writable, Origin.named(arg, forName(fileName(path)))), null);
    } catch (IOException e) {
      throw openFailure(arg, path, e);
    }
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
    String problem = null;
    for (Bound b : bound) {
      String found = closeOne(b);
      if (problem == null && found != null) {
        problem = shown(b.arg()) + ": " + found;
      }
    }
    bound.clear();
    if (problem != null) {
      throw new BoundaryException(problem);
    }
  }

  private static String closeOne(Bound b) {
    String problem = null;
    if (b.handle() instanceof Output output) {
      try {
        Outcome flushed = output.flush();
        if (flushed.isFailed()) {
          problem = "write failed: " + render(flushed.failure().detail());
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
    if (problem == null && b.watched() != null && b.watched().failure != null) {
      problem = reason(b.watched().failure);
    }
    return problem;
  }

  private <T extends AutoCloseable> T remember(String arg, T handle, Watched watched) {
    bound.add(new Bound(arg, handle, watched));
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
        return IoTypes.input(gunzip(arg, in), Origin.named(arg, forName(withoutGz(name))));
      }
      return IoTypes.fileInput(path, Origin.named(arg, forName(name)));
    } catch (IOException e) {
      throw openFailure(arg, path, e);
    }
  }

  private static Input commandInput(String arg) throws BoundaryException {
    try {
      InputStream out = Command.stdout(Command.text(arg));
      return IoTypes.input(out, Origin.named(arg, MediaType.OCTET_STREAM));
    } catch (IOException e) {
      throw new BoundaryException("cannot run " + shown(arg) + ": " + reason(e));
    }
  }

  private Input httpInput(String arg) throws BoundaryException {
    URI uri;
    HttpRequest request;
    try {
      uri = new URI(arg);
      request = HttpRequest.newBuilder(uri).GET().build();
    } catch (Exception e) {
      throw new BoundaryException("not a valid URL: " + shown(arg));
    }
    if (http == null) {
      http =
          HttpClient.newBuilder()
              .followRedirects(HttpClient.Redirect.NORMAL)
              .connectTimeout(Duration.ofSeconds(30))
              .build();
    }
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new BoundaryException("cannot reach " + shown(arg) + ": " + httpReason(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BoundaryException("cannot reach " + shown(arg) + ": interrupted");
    }
    InputStream body = response.body();
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
    return IoTypes.input(body, Origin.named(arg, mediaType));
  }

  private static String httpReason(IOException e) {
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
    try {
      return new GZIPInputStream(in, GZIP_BUFFER);
    } catch (IOException e) {
      closeQuietly(in);
      throw new IOException("not in gzip format", e);
    }
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
  private static Path path(String arg) throws BoundaryException {
    try {
      return hasScheme(arg, "file") ? Path.of(new URI(arg)) : Path.of(arg);
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

  private static String reason(Throwable e) {
    String message = e.getMessage();
    String text = message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    return text.replaceAll("[\\r\\n]+", " ");
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
    IOException failure;

    Watched(OutputStream out) {
      super(out);
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
}
