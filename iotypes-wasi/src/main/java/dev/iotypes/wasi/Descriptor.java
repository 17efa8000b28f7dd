package dev.iotypes.wasi;

import dev.iotypes.Input;
import dev.iotypes.IoArray;
import dev.iotypes.Output;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.Optional;

/**
 * What a preview1 file descriptor stands for: a closed set, one record per kind, each a thin view
 * of an I/O type (or of a directory the guest may walk). Mutable per-descriptor state (the emulated
 * file position, fdflags, a readdir snapshot) lives in its {@link State}.
 */
sealed interface Descriptor {
  /** Per-descriptor mutable state; only the guest's thread touches it. */
  final class State {
    long position;
    int fdflags;
    List<Dirent> listing = List.of();

    /** A connection {@code poll_oneoff} found waiting on a listener, for the next accept. */
    java.nio.channels.SocketChannel accepted;

    boolean inputShut;
    boolean outputShut;

    /** What {@code fd_fdstat_set_rights} has left: masks over the rights the kind implies. */
    long rightsBase = -1L;

    long rightsInheriting = -1L;

    State(int fdflags) {
      this.fdflags = fdflags;
    }
  }

  State state();

  /** The preview1 filetype reported by fdstat, filestat and readdir. */
  int filetype();

  /** Releases what this descriptor owns; flushing first. Never throws. */
  void close();

  /**
   * A stream descriptor: stdin/stdout/stderr, a pipe, or a handed-in socket (both directions).
   * Reads and writes map to {@link Input#read} and {@link Output#write}; seeking is {@code ESPIPE}.
   *
   * @param owned whether closing the descriptor closes the streams (stdio is only flushed)
   */
  record StreamFd(
      Optional<Input> input, Optional<Output> output, int filetype, boolean owned, State state)
      implements Descriptor {
    @Override
    public void close() {
      output.ifPresent(
          o -> {
            o.flush();
            if (owned) {
              o.close();
            }
          });
      if (owned) {
        input.ifPresent(Input::close);
      }
    }
  }

  /**
   * A file: an {@link IoArray} with an emulated position. {@code host} (if known) is only used to
   * report timestamps and inode numbers and to set times; data always goes through the array.
   */
  record ArrayFd(
      IoArray array, boolean readable, boolean writable, Optional<HostFile> host, State state)
      implements Descriptor {
    @Override
    public int filetype() {
      return Filestat.REGULAR_FILE;
    }

    @Override
    public void close() {
      array.close(); // flushes, but syncs nothing: close(2) does not fsync
    }
  }

  /**
   * A directory: a preopen (named by {@code preopen}) or one the guest opened under one. The *at
   * path functions resolve beneath it.
   */
  record DirectoryFd(Directory directory, Optional<String> preopen, State state)
      implements Descriptor {
    @Override
    public int filetype() {
      return Filestat.DIRECTORY;
    }

    @Override
    public void close() {}
  }

  /** A listening socket handed in by the host; {@code sock_accept} yields stream descriptors. */
  record ListenerFd(ServerSocketChannel channel, State state) implements Descriptor {
    @Override
    public int filetype() {
      return Filestat.SOCKET_STREAM;
    }

    @Override
    public void close() {
      try {
        if (state.accepted != null) {
          state.accepted.close();
        }
        channel.close();
      } catch (IOException e) {
        // nothing the guest could do about it
      }
    }
  }
}
