package dev.iotypes;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * Every way to make an I/O type: the talk's constructors ({@link #pipe}, {@link #nullOutput},
 * {@link #inputFromArray}/{@link #outputFromArray}, {@link #anonymous}, {@link #fromStream}) and
 * the host backends (files, stdio, sockets, Java streams and buffers).
 *
 * <p>Opening a file is the only thing here that throws {@link IOException}: it happens at the
 * boundary, before any program holds a handle. Once made, an I/O type reports everything as an
 * {@link Outcome}.
 */
public final class IoTypes {
  private IoTypes() {}

  // The talk's constructors.

  /** A pipe with a {@link Pipe#DEFAULT_CAPACITY} buffer. */
  public static Pipe pipe() {
    return new Pipe(Pipe.DEFAULT_CAPACITY, Origin.NONE);
  }

  /**
   * A pipe whose buffer holds {@code capacity} bytes.
   *
   * @throws IllegalArgumentException if {@code capacity < 1}
   */
  public static Pipe pipe(int capacity) {
    return new Pipe(capacity, Origin.NONE);
  }

  /** The bit bucket. */
  public static Output nullOutput() {
    return new NullOutput(Origin.NONE);
  }

  /** An input reading {@code array} from {@code offset} on, with a position of its own. */
  public static Input inputFromArray(IoArray array, long offset) {
    return new ArrayInput(Objects.requireNonNull(array, "array"), offset);
  }

  /** An output writing into {@code array} from {@code offset} on, with a position of its own. */
  public static Output outputFromArray(IoArray array, long offset) {
    return new ArrayOutput(Objects.requireNonNull(array, "array"), offset);
  }

  /** An empty anonymous array that grows as far as memory allows (up to 128 TiB of offsets). */
  public static IoArray anonymous() {
    return new MemoryArray(Origin.NONE, MemoryArray.MAX_LENGTH);
  }

  /**
   * An empty anonymous array that fails with {@link Failure.Kind#TOO_LARGE} past {@code maxLength}.
   */
  public static IoArray anonymous(long maxLength) {
    return new MemoryArray(Origin.NONE, maxLength, Allowance.UNLIMITED);
  }

  /**
   * As {@link #anonymous(long)}, its pages drawn from {@code allowance}: a write that needs a page
   * the allowance no longer has fails with {@link Failure.Kind#TOO_LARGE}.
   */
  public static IoArray anonymous(long maxLength, Allowance allowance) {
    return new MemoryArray(Origin.NONE, maxLength, allowance);
  }

  /**
   * Reads {@code input} to its end into a new anonymous array with the input's pseudonym and media
   * type. If the input fails, the array holds what came before the failure, and the input, sticky,
   * says why on its next call.
   */
  public static IoArray fromStream(Input input) {
    return fromStream(input, MemoryArray.MAX_LENGTH);
  }

  /**
   * As {@link #fromStream(Input)}, into an array that fails with {@link Failure.Kind#TOO_LARGE}
   * past {@code maxLength}; the input is then left where the array stopped taking bytes.
   */
  public static IoArray fromStream(Input input, long maxLength) {
    return fromStream(input, maxLength, Allowance.UNLIMITED);
  }

  /** As {@link #fromStream(Input, long)}, its pages drawn from {@code allowance}. */
  public static IoArray fromStream(Input input, long maxLength, Allowance allowance) {
    IoArray array =
        new MemoryArray(new Origin(input.pseudonym(), input.mediaType()), maxLength, allowance);
    Output sink = new ArrayOutput(array, 0);
    input.forward(sink, Long.MAX_VALUE);
    return array;
  }

  /** How much of a stream {@link #fromStream(Input, long, long, Path)} keeps in memory: 16 MiB. */
  public static final long FROM_STREAM_IN_MEMORY = 16L << 20;

  /**
   * Reads {@code input} to its end, now, into a read-only array with its pseudonym and media type:
   * for handing a stream to a program that needs offsets. Up to {@code inMemory} bytes stay in
   * memory; a longer stream goes to a temporary file in {@code directory}, deleted as soon as it is
   * open (closing the array frees it). Unlike {@link #fromStream(Input)}, an input that fails, or
   * holds more than {@code maxLength} bytes, makes no array: the caller is told at once.
   *
   * @throws Failed if the input failed (its failure), or is longer than {@code maxLength} ({@link
   *     Failure.Kind#TOO_LARGE})
   * @throws IOException if the temporary file cannot be made or written
   */
  public static IoArray fromStream(Input input, long inMemory, long maxLength, Path directory)
      throws IOException {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(directory, "directory");
    Checks.nonNegative("inMemory", inMemory);
    Checks.nonNegative("maxLength", maxLength);
    return SpooledArray.read(input, inMemory, maxLength, directory);
  }

  // Files: separate objects over one file, each with its own state.

  /** Reads {@code path}; named after it, typed by its extension. */
  public static Input fileInput(Path path) throws IOException {
    return fileInput(path, Origin.named(path.toString()));
  }

  public static Input fileInput(Path path, Origin origin) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
    return new ChannelInput(channel, channel::close, origin);
  }

  /** Creates or truncates {@code path}. */
  public static Output fileOutput(Path path) throws IOException {
    return fileOutput(path, Origin.named(path.toString()));
  }

  public static Output fileOutput(Path path, Origin origin) throws IOException {
    FileChannel channel =
        FileChannel.open(
            path,
            StandardOpenOption.WRITE,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING);
    return new ChannelOutput(channel, channel::close, origin);
  }

  /** Opens {@code path} as an array; a writable array is created if missing. */
  public static IoArray fileArray(Path path, boolean writable) throws IOException {
    return fileArray(path, writable, Origin.named(path.toString()));
  }

  public static IoArray fileArray(Path path, boolean writable, Origin origin) throws IOException {
    FileChannel channel =
        writable
            ? FileChannel.open(
                path, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE)
            : FileChannel.open(path, StandardOpenOption.READ);
    return new FileArray(channel, writable, origin);
  }

  /**
   * An array over a file channel opened elsewhere, typically relative to a confined directory
   * ({@code openat}), where there is no path to open again. The array owns the channel from now on;
   * a read-only array refuses writes.
   */
  public static IoArray fileArray(FileChannel channel, boolean writable, Origin origin) {
    return new FileArray(Objects.requireNonNull(channel, "channel"), writable, origin);
  }

  /**
   * Reads a file channel opened elsewhere from its position on, as {@link #stdin()} reads a file on
   * descriptor 0: the reads move the channel's position, and closing the handle leaves the channel
   * open, so that its owner can tell afterwards how far the reader got (a server standing in for a
   * client whose standard input is a file hands the position back).
   */
  public static Input channelInput(FileChannel channel, Origin origin) {
    return new ChannelInput(Objects.requireNonNull(channel, "channel"), Closer.NONE, origin);
  }

  // The process's standard streams. Closing the handle leaves the descriptor open.

  /** Standard input, named {@code -}; skips and forwards by the kernel when it is a file. */
  public static Input stdin() {
    return new ChannelInput(
        new FileInputStream(FileDescriptor.in).getChannel(), Closer.NONE, Origin.named("-"));
  }

  /** Standard output, named {@code -}, unbuffered. */
  public static Output stdout() {
    return new ChannelOutput(
        new FileOutputStream(FileDescriptor.out).getChannel(), Closer.NONE, Origin.named("-"));
  }

  /** Standard error, unbuffered. */
  public static Output stderr() {
    return new ChannelOutput(
        new FileOutputStream(FileDescriptor.err).getChannel(),
        Closer.NONE,
        Origin.named("<stderr>"));
  }

  // Sockets.

  /**
   * A connected, blocking socket as an input and an output. See {@link Connection} for what closing
   * each does.
   */
  public static Connection connection(SocketChannel socket, Origin origin) {
    if (!socket.isConnected() || !socket.isBlocking()) {
      throw new IllegalArgumentException("socket must be connected and blocking: " + socket);
    }
    AtomicInteger open = new AtomicInteger(2);
    Closer release =
        () -> {
          if (open.decrementAndGet() == 0) {
            socket.close();
          }
        };
    Input input =
        new ChannelInput(
            socket,
            () -> {
              try {
                socket.shutdownInput();
              } finally {
                release.close();
              }
            },
            origin);
    Output output =
        new ChannelOutput(
            socket,
            () -> {
              try {
                socket.shutdownOutput();
              } finally {
                release.close();
              }
            },
            origin);
    return new Connection(input, output);
  }

  // Java objects.

  /** An input over a Java stream; a {@code FileInputStream} gets the file fast paths. */
  public static Input input(InputStream in, Origin origin) {
    Objects.requireNonNull(in, "in");
    if (in instanceof FileInputStream file) {
      return new ChannelInput(file.getChannel(), file::close, origin);
    }
    return new StreamInput(in, origin);
  }

  public static Input input(InputStream in) {
    return input(in, Origin.NONE);
  }

  /**
   * {@code input} with a truthful {@link Input#pollable()}, for a backend that can only block (a
   * child process's output, standard input as a pipe or terminal, a download): once a pollable is
   * asked, one daemon thread of this input's reads a chunk ahead and serves every read, so the
   * pollable is ready exactly when a read would not wait. Until then nothing changes. Closing the
   * returned input closes {@code input} and ends the thread, at once or, if it is blocked in a
   * read, as soon as that read returns.
   */
  public static Input readAhead(Input input) {
    return new ReadAheadInput(Objects.requireNonNull(input, "input"));
  }

  /** An input over a copy-free view of {@code bytes}. */
  public static Input input(byte[] bytes) {
    return inputFromArray(array(ByteBuffer.wrap(bytes).asReadOnlyBuffer()), 0);
  }

  /** An output over a Java stream; a {@code FileOutputStream} gets the file fast paths. */
  public static Output output(OutputStream out, Origin origin) {
    Objects.requireNonNull(out, "out");
    if (out instanceof FileOutputStream file) {
      return new ChannelOutput(file.getChannel(), file::close, origin);
    }
    return new StreamOutput(out, origin);
  }

  public static Output output(OutputStream out) {
    return output(out, Origin.NONE);
  }

  /**
   * An array over {@code buffer}'s bytes from 0 to its limit, able to grow to its capacity. A
   * read-only buffer makes a read-only array.
   */
  public static IoArray array(ByteBuffer buffer, Origin origin) {
    return new BufferArray(Objects.requireNonNull(buffer, "buffer"), origin);
  }

  public static IoArray array(ByteBuffer buffer) {
    return array(buffer, Origin.NONE);
  }

  /** An array over all of {@code bytes}, fixed in size, writes visible in {@code bytes}. */
  public static IoArray array(byte[] bytes) {
    return array(ByteBuffer.wrap(bytes));
  }

  // Clocks and random, handed to a program instead of ambient time and entropy.

  /** The host's clocks: monotonic from when this clock was made, and the wall clock. */
  public static Clock systemClock() {
    return new SystemClock();
  }

  /**
   * A clock read from {@code source}, a {@code java.time.Clock} say; a deadline on it is checked at
   * least every 100 ms, since how fast the source runs is not known.
   */
  public static Clock clock(InstantSource source) {
    return new SourceClock(Objects.requireNonNull(source, "source"), 0);
  }

  /**
   * A clock that stands at {@code start}: every reading is the same until a program waits for one
   * of its deadlines, and then the clock moves straight there ({@link Poll}), so a run that reads
   * or waits for the time is reproducible and never sleeps.
   */
  public static Clock fixedClock(Instant start) {
    return new StoppedClock(Objects.requireNonNull(start, "start"));
  }

  /**
   * A clock that reads {@code start} when made and then runs at {@code rate} times real time
   * ({@code 1} real time, {@code 60} a minute a second); {@code 0} is {@link #fixedClock}.
   *
   * @throws IllegalArgumentException if {@code rate} is negative, infinite or NaN
   */
  public static Clock clock(Instant start, double rate) {
    Objects.requireNonNull(start, "start");
    if (rate == 0) {
      return fixedClock(start);
    }
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("rate < 0 or not finite: " + rate);
    }
    long origin = System.nanoTime();
    InstantSource scaled = () -> start.plusNanos((long) ((System.nanoTime() - origin) * rate));
    return new SourceClock(scaled, rate);
  }

  /** Random bytes from the system's strong source ({@link SecureRandom}). */
  public static Random secureRandom() {
    return new GeneratorRandom(new SecureRandom(), "secure random");
  }

  /** Random bytes from {@code generator}; calls on it are serialized. */
  public static Random random(RandomGenerator generator) {
    return new GeneratorRandom(
        Objects.requireNonNull(generator, "generator"), generator.toString());
  }

  /**
   * Random bytes that one {@code seed} makes the same on every run and every JVM: {@link
   * SplittableRandom}'s SplitMix64, whose algorithm its documentation fixes. Not for secrets.
   */
  public static Random seededRandom(long seed) {
    return new GeneratorRandom(new SplittableRandom(seed), "seed " + seed);
  }

  // Directories: streams of lazy streams (see InputDirectory).

  /**
   * A host folder, or a {@code .zip}, {@code .tar}, {@code .tar.gz} or {@code .tgz} archive (by its
   * name's ending), as an input directory named after {@code path}. The whole tree is listed now,
   * its names checked ({@link PortableName}); no file in it is opened until asked.
   *
   * @throws IOException if it is neither, cannot be listed, or holds a name that is not portable
   */
  public static InputDirectory inputDirectory(Path path) throws IOException {
    return inputDirectory(path, Origin.named(path.toString()));
  }

  /** As {@link #inputDirectory(Path)}, with the origin the boundary chose. */
  public static InputDirectory inputDirectory(Path path, Origin origin) throws IOException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(origin, "origin");
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      return FolderDirectory.open(path, origin);
    }
    return ArchiveDirectory.open(path, origin);
  }

  /**
   * Whether {@link #inputDirectory(Path)} would read, and {@link #outputDirectory(Path)} write, a
   * file of this name as an archive.
   */
  public static boolean isArchiveName(String name) {
    return ArchiveDirectory.isArchive(name);
  }

  /**
   * The files of {@code files}, by name, as an input directory; parents are implied ({@code a/b}
   * lists {@code a} too). The arrays are not copied: an entry opened later reads what its array
   * holds then.
   *
   * @throws IllegalArgumentException if a name is not portable, or is a file and a parent at once
   */
  public static InputDirectory inputDirectory(Map<String, byte[]> files, Origin origin) {
    Objects.requireNonNull(files, "files");
    ListedDirectory listed = new ListedDirectory(origin.pseudonym(), Closer.NONE);
    try {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        byte[] bytes = Objects.requireNonNull(file.getValue(), file.getKey());
        listed.add(
            file.getKey(),
            DirectoryEntry.Kind.FILE,
            bytes.length,
            o -> inputFromArray(array(ByteBuffer.wrap(bytes).asReadOnlyBuffer(), o), 0));
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return listed;
  }

  public static InputDirectory inputDirectory(Map<String, byte[]> files) {
    return inputDirectory(files, Origin.NONE);
  }

  /**
   * The folder {@code path} as an output directory named after it: the program creates new files
   * beneath it, every name checked first, nothing existing replaced and no link followed. A {@code
   * path} that is not a folder and whose name ends in {@code .zip}, {@code .tar}, {@code .tar.gz}
   * or {@code .tgz} is an archive instead, created or replaced now and written in place, as {@link
   * #fileOutput(Path)} writes (see {@link #outputDirectory(OutputStream, String, Origin)}; {@link
   * AtomicFile} to put it in place only when the work succeeded).
   *
   * @throws IOException if it is neither a directory nor an archive that can be created
   */
  public static OutputDirectory outputDirectory(Path path) throws IOException {
    return outputDirectory(path, Origin.named(path.toString()));
  }

  public static OutputDirectory outputDirectory(Path path, Origin origin) throws IOException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(origin, "origin");
    Path name = path.getFileName();
    if (name != null && isArchiveName(name.toString()) && !Files.isDirectory(path)) {
      return outputDirectory(Files.newOutputStream(path), name.toString(), origin);
    }
    return new FolderOutputDirectory(path, origin);
  }

  /**
   * An archive written to {@code archive} as an output directory, in the format {@code name}'s
   * ending says: {@code .zip}, {@code .tar}, or {@code .tar.gz} or {@code .tgz} (a tar compressed
   * with gzip). A program cannot tell it from a folder: the same names are refused, nothing is
   * created twice, and parents become directory entries. Entries are written in the order the
   * program created them; a zip's oldest open file is deflated straight into the archive, and any
   * other file waits, in memory up to 1 MiB each and 16 MiB together, past that in a temporary file
   * deleted as soon as it is made, until the files before it are closed (a tar's always wait: its
   * headers hold sizes). Closing the directory ends the archive and closes {@code archive} once
   * every output made in it is closed too; it throws {@link java.io.UncheckedIOException} if the
   * archive could not be written, and then the bytes in {@code archive} are no archive to keep.
   *
   * @throws IllegalArgumentException if {@code name} does not end as an archive
   */
  public static OutputDirectory outputDirectory(OutputStream archive, String name, Origin origin)
      throws IOException {
    return ArchiveOutputDirectory.open(
        Objects.requireNonNull(archive, "archive"),
        Objects.requireNonNull(name, "name"),
        Objects.requireNonNull(origin, "origin"));
  }

  /**
   * {@code files} as an output directory: each file the program creates appears in it under its
   * portable name, empty at first, with the bytes written so far each time its output is flushed or
   * closed. The folder's rules hold: nothing in {@code files} is replaced, and no file stands where
   * a parent should. The map is used from the program's thread.
   */
  public static OutputDirectory outputDirectory(Map<String, byte[]> files, Origin origin) {
    return new MapOutputDirectory(
        Objects.requireNonNull(files, "files"), Objects.requireNonNull(origin, "origin"));
  }
}
