package dev.iotypes.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The process a run is for: its working directory, against which every relative host path the
 * command line names is resolved, and its environment ({@code --env NAME}, {@code $(command)},
 * {@code IOTYPES_*}). In-process, the JVM's own ({@link #current()}); on the server ({@link
 * Server}), the client's, with the standard streams a {@code $(command)} would share with the
 * process copied to the run's, and the loaded modules the run may take from the server's cache.
 */
final class Host {
  private final Path cwd;
  private final Map<String, String> env;
  private final OutputStream out; // null: in-process
  private final OutputStream err;
  private final GuestCache.Leases leases;
  private final List<Thread> pumps = new ArrayList<>();
  private final List<Runnable> stops = new ArrayList<>();
  private boolean stopped;

  private Host(
      Path cwd, Map<String, String> env, OutputStream out, OutputStream err, GuestCache.Leases l) {
    Objects.requireNonNull(cwd, "cwd");
    if (!cwd.isAbsolute()) {
      throw new IllegalArgumentException("not an absolute directory: " + cwd);
    }
    this.cwd = cwd;
    this.env = Map.copyOf(env);
    this.out = out;
    this.err = err;
    this.leases = l;
  }

  /** This JVM's working directory and environment. */
  static Host current() {
    return new Host(Path.of("").toAbsolutePath(), System.getenv(), null, null, null);
  }

  /** An in-process run for another working directory and environment (tests). */
  static Host of(Path cwd, Map<String, String> env) {
    return new Host(cwd, env, null, null, null);
  }

  /** A client's run on the server: its directory, environment and standard output and error. */
  static Host served(
      Path cwd, Map<String, String> env, OutputStream out, OutputStream err, GuestCache.Leases l) {
    return new Host(
        cwd,
        env,
        Objects.requireNonNull(out, "out"),
        Objects.requireNonNull(err, "err"),
        Objects.requireNonNull(l, "leases"));
  }

  Path cwd() {
    return cwd;
  }

  Map<String, String> env() {
    return env;
  }

  /**
   * Whether the run is a server's for a client: then a {@code $(command)} cannot share the client's
   * standard input (it reads {@code /dev/null}), and what it writes to a standard stream it would
   * share is copied to the run's.
   */
  boolean served() {
    return out != null;
  }

  /** On the server, the modules this run has taken from the cache; else null. */
  GuestCache.Leases leases() {
    return leases;
  }

  /**
   * {@code path} as the user wrote it, against the run's working directory.
   *
   * @throws InvalidPathException if it is not a path
   */
  Path resolve(String path) {
    return cwd.resolve(path);
  }

  Path resolve(Path path) {
    return cwd.resolve(path);
  }

  /** A variable of the run's environment, or null. */
  String getenv(String name) {
    return env.get(name);
  }

  /**
   * On the server, what stops the run's boundary when its client goes away (kills its commands,
   * cuts its downloads): what a time limit running out does. In-process, nothing.
   */
  void onStop(Runnable stop) {
    if (!served()) {
      return;
    }
    boolean now;
    synchronized (stops) {
      stops.add(stop);
      now = stopped;
    }
    if (now) {
      stop.run();
    }
  }

  /** The client went away: stops what {@link #onStop} registered, and what registers later. */
  void stop() {
    List<Runnable> all;
    synchronized (stops) {
      stopped = true;
      all = List.copyOf(stops);
    }
    all.forEach(Runnable::run);
  }

  /** Copies a child's standard error to the run's, on a thread of its own. */
  void copyErr(InputStream from) {
    pump(from, err);
  }

  /** Copies a child's standard output to the run's, on a thread of its own. */
  void copyOut(InputStream from) {
    pump(from, out);
  }

  private void pump(InputStream from, OutputStream to) {
    Thread pump =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try (from) {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                  synchronized (to) {
                    to.write(buffer, 0, n);
                    to.flush();
                  }
                }
              } catch (IOException e) {
                // the child or the client went away: nothing more to copy
              }
            },
            "iotypes-copy");
    pump.setDaemon(true);
    synchronized (pumps) {
      pumps.add(pump);
    }
    pump.start();
  }

  /** Waits (a little) for what children wrote to be copied, before the run's status is sent. */
  void awaitCopies() {
    List<Thread> started;
    synchronized (pumps) {
      started = List.copyOf(pumps);
    }
    for (Thread pump : started) {
      try {
        pump.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
