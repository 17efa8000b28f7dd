package dev.iotypes.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An argument {@code $(command)}: a child process run by {@code /bin/sh -c command}, like the
 * shell's process substitution. Its standard error, and whichever standard stream the boundary does
 * not take, are the iotypes process's own.
 */
final class Command {
  private static final long GRACE_MILLIS = 1000;

  private Command() {}

  /** A command that exited with a status other than 0: the message is the user's. */
  static final class Exited extends IOException {
    Exited(int status) {
      super("command exited with status " + status);
    }
  }

  /** Whether {@code arg} is written {@code $(...)}. */
  static boolean matches(String arg) {
    return arg.length() > 3 && arg.startsWith("$(") && arg.endsWith(")");
  }

  /** The command inside {@code $(...)}. */
  static String text(String arg) {
    return arg.substring(2, arg.length() - 1);
  }

  /**
   * Starts {@code command}; the stream reads its standard output. At the end of that output, an
   * exit status other than 0 is an {@link IOException}, so the input fails instead of ending.
   * Closing the stream early lets the child die of a broken pipe, and kills it if it has not exited
   * within a second. The process is added to {@code started}.
   */
  static InputStream stdout(String command, List<Process> started, Host host) throws IOException {
    Process process = start(command, Redirect.INHERIT, Redirect.PIPE, host);
    started.add(process);
    return new FilterInputStream(process.getInputStream()) {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
          int status = waitFor(process);
          if (status != 0) {
            throw new Exited(status);
          }
        }
        return n;
      }

      @Override
      public void close() throws IOException {
        try {
          in.close();
        } finally {
          stop(process);
        }
      }
    };
  }

  /**
   * Starts {@code command}; the stream writes its standard input. Closing the stream closes that
   * input and waits for the child; an exit status other than 0 is then an {@link IOException}. The
   * process is added to {@code started}.
   */
  static OutputStream stdin(String command, List<Process> started, Host host) throws IOException {
    Process process = start(command, Redirect.PIPE, Redirect.INHERIT, host);
    started.add(process);
    return new PassThroughOutputStream(process.getOutputStream()) {
      @Override
      public void close() throws IOException {
        try {
          out.close();
        } finally {
          int status = waitFor(process);
          if (status != 0) {
            throw new Exited(status);
          }
        }
      }
    };
  }

  /**
   * Starts {@code command} in the run's working directory with the run's environment. On the
   * server, standard input the command would share is {@code /dev/null} (the client's cannot be
   * handed over), and its standard error is copied to the run's.
   */
  private static Process start(String command, Redirect stdin, Redirect stdout, Host host)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder("/bin/sh", "-c", command)
            .directory(host.cwd().toFile())
            .redirectInput(
                host.served() && stdin == Redirect.INHERIT
                    ? Redirect.from(new java.io.File("/dev/null"))
                    : stdin)
            .redirectOutput(host.served() && stdout == Redirect.INHERIT ? Redirect.PIPE : stdout)
            .redirectError(host.served() ? Redirect.PIPE : Redirect.INHERIT);
    if (host.served()) {
      builder.environment().clear();
      builder.environment().putAll(host.env());
    }
    Process process = builder.start();
    if (host.served()) {
      host.copyErr(process.getErrorStream());
      if (stdout == Redirect.INHERIT) {
        host.copyOut(process.getInputStream());
      }
    }
    return process;
  }

  private static int waitFor(Process process) throws IOException {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill(process);
      throw new IOException("interrupted while waiting for the command");
    }
  }

  private static void stop(Process process) {
    try {
      if (!process.waitFor(GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
        kill(process);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill(process);
    }
  }

  /**
   * Kills the command and every process it started, children first (once the shell is gone, its
   * children are no longer its descendants), so that no pipeline outlives the run.
   */
  static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
