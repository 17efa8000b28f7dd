package dev.iotypes.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code iotypes run} handing its run to {@code iotypes serve} ({@link Server}) when one listens:
 * it sends the command line, its working directory and environment, forwards standard input, writes
 * what comes back to its own standard output and error, and exits with the run's status.
 */
final class Client {
  private static final Path STDIN = Path.of("/proc/self/fd/0");

  private Client() {}

  /**
   * The status of {@code iotypes ARGS} run on the server, or null to run it in-process: for
   * anything but {@code run}, with {@code IOTYPES_SERVER=off}, when no socket exists (one {@code
   * stat}), when its directory is not this user's alone, or when nobody answers. Standard input
   * that is a regular file is not sent: the server opens it through this process's descriptor
   * ({@link Frames#STDIN_FILE}) and tells where the run left it, and this process's offset is set
   * there, as an in-process run would have left it.
   */
  static Integer runOnServer(String[] args) {
    if (args.length == 0 || !args[0].equals("run")) {
      return null;
    }
    Map<String, String> env = System.getenv();
    Path socket = Server.socketPath(env);
    if (socket == null || !Files.exists(socket)) {
      return null;
    }
    if (Server.unsafeDirectory(socket.getParent()) != null) {
      return null;
    }
    Path cwd = Path.of("").toAbsolutePath();
    int flags = System.console() != null ? Frames.TERMINAL : 0;
    FileChannel file = null;
    long offset = 0;
    byte[] hello;
    try {
      if (Files.isRegularFile(STDIN)) {
        file = new FileInputStream(FileDescriptor.in).getChannel();
        offset = file.position();
        flags |= Frames.STDIN_FILE;
      }
      long pid = ProcessHandle.current().pid();
      hello = new Frames.Hello(cwd.toString(), env, List.of(args), flags, pid, offset).encode();
    } catch (IOException e) {
      return null;
    }
    if (hello.length > Frames.MAX_FRAME) {
      return null; // past what the server reads: in-process, which has its own limits
    }
    SocketChannel channel;
    try {
      channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
    } catch (IOException | RuntimeException e) {
      return null; // stale: nobody answers
    }
    return run(
        channel,
        hello,
        file == null ? new FileInputStream(FileDescriptor.in) : null,
        file,
        new FileOutputStream(FileDescriptor.out),
        new FileOutputStream(FileDescriptor.err));
  }

  /**
   * Runs {@code args} on the server at the other end of {@code channel} for {@code cwd} and {@code
   * env}, with the given standard streams; the run's exit status.
   */
  static int run(
      SocketChannel channel,
      List<String> args,
      Path cwd,
      Map<String, String> env,
      InputStream stdin,
      OutputStream stdout,
      OutputStream stderr,
      boolean terminal) {
    byte[] hello;
    try {
      hello = new Frames.Hello(cwd.toString(), env, args, terminal ? Frames.TERMINAL : 0).encode();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return run(channel, hello, stdin, null, stdout, stderr);
  }

  /**
   * Runs the encoded {@code hello} on the server at the other end of {@code channel}, forwarding
   * {@code stdin}, or, if standard input is a file the server opens itself, moving {@code
   * stdinFile} to where the run left it.
   */
  private static int run(
      SocketChannel channel,
      byte[] hello,
      InputStream stdin,
      FileChannel stdinFile,
      OutputStream stdout,
      OutputStream stderr) {
    try (channel) {
      OutputStream wire = new Server.ChannelOut(channel);
      InputStream in = new Server.ChannelIn(channel);
      Frames.write(wire, Frames.HELLO, hello);
      if (stdin != null) {
        Thread forward = new Thread(() -> forward(stdin, wire), "iotypes-stdin");
        forward.setDaemon(true);
        forward.start();
      }
      boolean broken = false;
      for (Frames.Frame frame; (frame = Frames.read(in, Frames.CHUNK)) != null; ) {
        switch (frame.kind()) {
          case Frames.STDOUT -> {
            if (!broken) {
              try {
                stdout.write(frame.bytes());
                stdout.flush();
              } catch (IOException e) {
                broken = true; // the reader went away: the run hears it as a broken pipe
                synchronized (wire) {
                  Frames.write(wire, Frames.STDOUT_BROKEN, new byte[0]);
                }
              }
            }
          }
          case Frames.STDERR -> {
            stderr.write(frame.bytes());
            stderr.flush();
          }
          case Frames.STDIN_POSITION -> {
            long position = Frames.position(frame.bytes());
            if (stdinFile != null) {
              stdinFile.position(position);
            }
          }
          case Frames.EXIT -> {
            return Frames.status(frame.bytes());
          }
          default -> throw new Frames.Malformed("unexpected frame " + frame.kind());
        }
      }
      throw new IOException("it closed the connection");
    } catch (IOException e) {
      try {
        stderr.write(
            ("iotypes: the server failed the run: " + e.getMessage() + "\n")
                .getBytes(StandardCharsets.UTF_8));
        stderr.flush();
      } catch (IOException ignored) {
        // nowhere to say it
      }
      return ExitStatus.INTERNAL.code();
    }
  }

  /** Sends standard input as frames, then its end. */
  private static void forward(InputStream stdin, OutputStream wire) {
    byte[] buffer = new byte[Frames.CHUNK];
    try {
      for (int n; (n = stdin.read(buffer)) >= 0; ) {
        if (n > 0) {
          synchronized (wire) {
            Frames.write(wire, Frames.STDIN, buffer, 0, n);
          }
        }
      }
      synchronized (wire) {
        Frames.write(wire, Frames.STDIN_END, new byte[0]);
      }
    } catch (IOException e) {
      // the run ended, or standard input failed: the run sees its end
      try {
        synchronized (wire) {
          Frames.write(wire, Frames.STDIN_END, new byte[0]);
        }
      } catch (IOException ignored) {
        // gone
      }
    }
  }
}
