package dev.iotypes.wasi;

import static dev.iotypes.wasi.Flags.NONBLOCK;
import static dev.iotypes.wasi.Rights.FD_READ;
import static dev.iotypes.wasi.Rights.FD_WRITE;
import static dev.iotypes.wasi.WasiMemory.iovecs;
import static dev.iotypes.wasi.WasiMemory.range;
import static dev.iotypes.wasi.WasiMemory.skip;
import static dev.iotypes.wasi.WasiMemory.total;
import static dev.iotypes.wasi.WasiMemory.u32;

import com.dylibso.chicory.runtime.Instance;
import dev.iotypes.Connection;
import dev.iotypes.Input;
import dev.iotypes.IoTypes;
import dev.iotypes.Origin;
import dev.iotypes.wasi.Descriptor.ListenerFd;
import dev.iotypes.wasi.Descriptor.State;
import dev.iotypes.wasi.Descriptor.StreamFd;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.Optional;

/**
 * The preview1 socket calls ({@code sock_*}): accepting on a listener the embedder opened, and
 * receiving, sending and shutting down on a connection, which is a pair of I/O-type streams.
 */
final class SockCalls {
  private final WasiOptions options;
  private final Fds fds;
  private final ReadWrite io;

  SockCalls(WasiOptions options, Fds fds, ReadWrite io) {
    this.options = options;
    this.fds = fds;
    this.io = io;
  }

  Errno sockAccept(Instance inst, int fd, int flags, int connectionPtr) {
    Descriptor d = fds.get(fd);
    range(inst, connectionPtr, 4);
    int f = flags & 0xFFFF;
    if ((f & ~NONBLOCK) != 0) {
      throw Errno.INVAL.raise();
    }
    if (!(d instanceof ListenerFd listener)) {
      throw (Fds.isSocket(d) ? Errno.INVAL : Errno.NOTSOCK).raise();
    }
    u32(inst, connectionPtr, fds.add(accept(listener, f)));
    return Errno.SUCCESS;
  }

  Errno sockRecv(
      Instance inst,
      int fd,
      int riData,
      int riDataLen,
      int riFlags,
      int roDataLenPtr,
      int roFlagsPtr) {
    Descriptor d = fds.get(fd, FD_READ);
    int[] iovs = iovecs(inst, riData, riDataLen);
    range(inst, roDataLenPtr, 4);
    range(inst, roFlagsPtr, 2);
    if (!Fds.isSocket(d)) {
      throw Errno.NOTSOCK.raise();
    }
    int flags = riFlags & 0xFFFF;
    if ((flags & 1) != 0) {
      return WasiPreview1.unsupported(options, "sock_recv with RECV_PEEK", Errno.NOTSUP);
    }
    long n = io.read(inst, d, iovs);
    if ((flags & 2) != 0) { // RECV_WAITALL
      long total = total(inst, iovs);
      while (n > 0 && n < total) {
        long more = io.read(inst, d, skip(inst, iovs, n));
        if (more == 0) {
          break;
        }
        n += more;
      }
    }
    u32(inst, roDataLenPtr, (int) n);
    range(inst, roFlagsPtr, 2).writeShort(roFlagsPtr, (short) 0);
    return Errno.SUCCESS;
  }

  Errno sockSend(Instance inst, int fd, int siData, int siDataLen, int siFlags, int soDataLenPtr) {
    Descriptor d = fds.get(fd, FD_WRITE);
    int[] iovs = iovecs(inst, siData, siDataLen);
    range(inst, soDataLenPtr, 4);
    if (!Fds.isSocket(d)) {
      throw Errno.NOTSOCK.raise();
    }
    u32(inst, soDataLenPtr, (int) io.write(inst, d, iovs));
    return Errno.SUCCESS;
  }

  Errno sockShutdown(Instance inst, int fd, int how) {
    Descriptor d = fds.get(fd);
    if (!Fds.isSocket(d) || !(d instanceof StreamFd s)) {
      throw Errno.NOTSOCK.raise();
    }
    if (how < 1 || how > 3) {
      throw Errno.INVAL.raise();
    }
    if ((how & 1) != 0 && !s.state().inputShut) {
      s.state().inputShut = true;
      s.input().ifPresent(Input::close);
    }
    if ((how & 2) != 0 && !s.state().outputShut) {
      s.state().outputShut = true;
      s.output()
          .ifPresent(
              o -> {
                o.flush();
                o.close();
              });
    }
    return Errno.SUCCESS;
  }

  private Descriptor accept(ListenerFd listener, int flags) {
    boolean nonblocking = ((flags | listener.state().fdflags) & NONBLOCK) != 0;
    try {
      SocketChannel socket = listener.state().accepted;
      listener.state().accepted = null;
      if (socket == null) {
        socket = tryAccept(listener, !nonblocking);
      }
      if (socket == null) {
        throw Errno.AGAIN.raise();
      }
      socket.configureBlocking(true);
      Connection c = IoTypes.connection(socket, Origin.NONE);
      return new StreamFd(
          Optional.of(c.input()),
          Optional.of(c.output()),
          Filestat.SOCKET_STREAM,
          true,
          new State(flags));
    } catch (IOException e) {
      throw Errno.of(e).raise();
    }
  }

  /** Accepts a connection, or returns null at once if none waits and {@code block} is false. */
  static SocketChannel tryAccept(ListenerFd listener, boolean block) throws IOException {
    synchronized (listener.channel().blockingLock()) {
      listener.channel().configureBlocking(block);
      try {
        return listener.channel().accept();
      } finally {
        listener.channel().configureBlocking(true);
      }
    }
  }
}
