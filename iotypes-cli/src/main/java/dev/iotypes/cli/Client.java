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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

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
    Integer status = run(channel, hello, stdin, null, stdout, stderr);
    return status != null ? status : failed(stderr, "it closed the connection");
  }

  /**
   * Runs the encoded {@code hello} on the server at the other end of {@code channel}, forwarding
   * {@code stdin} as the run reads it, or, if standard input is a file the server opens itself,
   * moving {@code stdinFile} to where the run left it. Null if the server went away before it took
   * the run ({@link Frames#ACCEPTED}): nothing ran and nothing was read, so it can run in-process.
   */
  private static Integer run(
      SocketChannel channel,
      byte[] hello,
      InputStream stdin,
      FileChannel stdinFile,
      OutputStream stdout,
      OutputStream stderr) {
    try (channel) {
      OutputStream wire = new Server.ChannelOut(channel);
      InputStream in = new Server.ChannelIn(channel);
      try {
        Frames.write(wire, Frames.HELLO, hello);
      } catch (IOException e) {
        return null; // it went away before it heard of the run
      }
      BlockingQueue<Integer> wants = new LinkedBlockingQueue<>();
      Thread forward = new Thread(() -> forward(stdin, wire, wants), "iotypes-stdin");
      forward.setDaemon(true);
      boolean broken = false;
      boolean accepted = false;
      for (Frames.Frame frame; (frame = readOrNull(in, accepted)) != null; ) {
        accepted = true;
        switch (frame.kind()) {
          case Frames.ACCEPTED -> {
            // the run is the server's now
          }
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
          case Frames.STDIN_WANTED -> {
            int wanted = Frames.status(frame.bytes());
            if (stdin == null || wanted <= 0 || wanted > Frames.CHUNK) {
              throw new Frames.Malformed("standard input wanted: " + wanted);
            }
            if (forward.getState() == Thread.State.NEW) {
              forward.start(); // the first time the run reads it
            }
            wants.add(wanted);
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
      if (!accepted) {
        return null;
      }
      throw new IOException("it closed the connection");
    } catch (IOException e) {
      return failed(stderr, e.getMessage());
    }
  }

  /** The next frame; before the first, a connection that fails is one that ended (null). */
  private static Frames.Frame readOrNull(InputStream in, boolean accepted) throws IOException {
    try {
      return Frames.read(in, Frames.CHUNK);
    } catch (IOException e) {
      if (accepted || e instanceof Frames.Malformed) {
        throw e;
      }
      return null;
    }
  }

  private static int failed(OutputStream stderr, String why) {
    try {
      stderr.write(
          ("iotypes: the server failed the run: " + why + "\n").getBytes(StandardCharsets.UTF_8));
      stderr.flush();
    } catch (IOException ignored) {
      // nowhere to say it
    }
    return ExitStatus.INTERNAL.code();
  }

  /**
   * Reads standard input as the server asks for it, one read a request, each answered with what it
   * gave or with its end; a failure to read is its end too.
   */
  private static void forward(InputStream stdin, OutputStream wire, BlockingQueue<Integer> wants) {
    byte[] buffer = new byte[Frames.CHUNK];
    try {
      while (true) {
        int wanted = wants.take();
        int n = stdin.read(buffer, 0, wanted);
        synchronized (wire) {
          if (n < 0) {
            Frames.write(wire, Frames.STDIN_END, new byte[0]);
            return;
          }
          Frames.write(wire, Frames.STDIN, buffer, 0, n);
        }
      }
    } catch (IOException e) {
      try {
        synchronized (wire) {
          Frames.write(wire, Frames.STDIN_END, new byte[0]);
        }
      } catch (IOException ignored) {
        // gone
      }
    } catch (InterruptedException e) {
      // the run ended
    }
  }
}
