package dev.iotypes.cli;

import dev.iotypes.Input;
import dev.iotypes.IoArray;
import dev.iotypes.IoTypes;
import dev.iotypes.Origin;
import dev.iotypes.Output;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The standard streams that the argument {@code -} binds to: the process's own, or Java streams
 * handed in by a test or an embedder. Closing a handle made here never closes the stream behind it.
 */
public abstract class Stdio {
  private static final Path STDIN = Path.of("/proc/self/fd/0");

  private Stdio() {}

  /** The process's file descriptors 0 and 1, with the kernel fast paths of {@link IoTypes}. */
  public static Stdio system() {
    return new Stdio() {
      @Override
      Input in() {
        // a file is always ready; a pipe or a terminal is read ahead once polled
        return Files.isRegularFile(STDIN) ? IoTypes.stdin() : IoTypes.readAhead(IoTypes.stdin());
      }

      @Override
      Output out() {
        return IoTypes.stdout();
      }

      @Override
      IoArray inArray() throws IOException {
        return Files.isRegularFile(STDIN)
            ? IoTypes.fileArray(STDIN, false, Origin.named("-"))
            : null;
      }

      @Override
      boolean terminal() {
        return System.console() != null;
      }
    };
  }

  /** Java streams; {@code -} as an array is refused, since a stream has no offsets. */
  public static Stdio of(InputStream in, OutputStream out) {
    return of(in, out, false);
  }

  /**
   * As {@link #of(InputStream, OutputStream)}; {@code terminal} says the streams stand for a
   * terminal (the server's, for a client whose streams are one).
   */
  static Stdio of(InputStream in, OutputStream out, boolean terminal) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    return new Stdio() {
      @Override
      Input in() {
        return IoTypes.readAhead(IoTypes.input(new UnclosedIn(in), Origin.named("-")));
      }

      @Override
      Output out() {
        return IoTypes.output(new UnclosedOut(out), Origin.named("-"));
      }

      @Override
      IoArray inArray() {
        return null;
      }

      @Override
      boolean terminal() {
        return terminal;
      }
    };
  }

  /**
   * A served run's streams for a client whose standard input is a regular file: {@code stdin}, the
   * server's own channel over it ({@code /proc/PID/fd/0}) at the client's offset, read from there
   * and mapped whole as an array, as in-process; the run moves the channel's position.
   */
  static Stdio of(FileChannel stdin, Path file, OutputStream out) {
    Objects.requireNonNull(stdin, "stdin");
    Objects.requireNonNull(out, "out");
    return new Stdio() {
      @Override
      Input in() {
        return IoTypes.channelInput(stdin, Origin.named("-"));
      }

      @Override
      Output out() {
        return IoTypes.output(new UnclosedOut(out), Origin.named("-"));
      }

      @Override
      IoArray inArray() throws IOException {
        return IoTypes.fileArray(file, false, Origin.named("-"));
      }

      @Override
      boolean terminal() {
        return false;
      }
    };
  }

  /**
   * Standard input; one that can keep a reader waiting (a pipe, a terminal, a Java stream) tells
   * its readiness truthfully by reading ahead once polled ({@link IoTypes#readAhead}).
   */
  abstract Input in();

  abstract Output out();

  /** Standard input as a read-only array if it is a regular file, else {@code null}. */
  abstract IoArray inArray() throws IOException;

  /**
   * Whether both streams are a terminal: only the process's own can be, when it has a console
   * (Java's {@link System#console} tells of standard input and output together).
   */
  abstract boolean terminal();

  /** Keeps the stream open when the handle over it is closed. */
  private static final class UnclosedIn extends FilterInputStream {
    UnclosedIn(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }

  /** Keeps the stream open when the handle over it is closed; flushes instead. */
  private static final class UnclosedOut extends PassThroughOutputStream {
    UnclosedOut(OutputStream out) {
      super(out);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
