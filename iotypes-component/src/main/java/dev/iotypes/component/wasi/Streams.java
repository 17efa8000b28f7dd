package dev.iotypes.component.wasi;

import dev.iotypes.Input;
import dev.iotypes.Outcome;
import dev.iotypes.Output;
import dev.iotypes.Pollable;
import dev.iotypes.component.abi.ResourceType;
import dev.iotypes.component.abi.Value;
import dev.iotypes.component.link.HostInterface;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code wasi:io} on the I/O types: an {@code input-stream} is an {@link Input}, an {@code
 * output-stream} an {@link Output}, {@code splice} is {@link Input#forward} (the bytes never enter
 * the guest), and a {@code pollable} is the core library's {@link Pollable}, waited on by the one
 * {@link dev.iotypes.Poll} that preview1's {@code poll_oneoff} uses too. A failure is reported once
 * as {@code last-operation-failed}, then the stream is {@code closed} for good.
 */
final class Streams {
  /** How much {@code check-write} allows at once: what a write may ask to have flushed. */
  static final long WRITE_BUDGET = 1 << 20;

  /** The largest read served at once, whatever length the guest asks for. */
  static final int MAX_READ = 1 << 20;

  /** An input and whether the stream may still be read (sticky once closed or failed). */
  static final class In {
    final Input input;
    final boolean owned;
    boolean closed;

    In(Input input, boolean owned) {
      this.input = input;
      this.owned = owned;
    }
  }

  static final class Out {
    final Output output;
    final boolean owned;
    boolean closed;

    /**
     * Whether the host handed this output in (standard output or error, a typed main's output), so
     * that names may be rendered into it: the guest cannot read back what goes there unless the
     * embedder lets it, as it could from a file it opened itself.
     */
    boolean handedIn;

    Out(Output output, boolean owned) {
      this.output = output;
      this.owned = owned;
    }

    static Out handedIn(Output output) {
      Out out = new Out(output, false);
      out.handedIn = true;
      return out;
    }
  }

  /** An {@code error}: what failed, and the errno a filesystem caller may ask for. */
  record Failure(String message, String errno) {}

  private final Session s;

  Streams(Session s) {
    this.s = s;
  }

  HostInterface error() {
    return new HostInterface("wasi:io/error@0.2.0")
        .resource("error", s.error)
        .function("[method]error.to-debug-string", a -> ((Failure) rep(a.get(0))).message());
  }

  HostInterface poll() {
    return new HostInterface("wasi:io/poll@0.2.0")
        .resource("pollable", s.pollable)
        .function("[method]pollable.ready", a -> ((Pollable) rep(a.get(0))).isReady())
        .function(
            "[method]pollable.block",
            a -> {
              dev.iotypes.Poll.poll(List.of((Pollable) rep(a.get(0))));
              return null;
            })
        .function(
            "poll",
            a -> {
              List<Pollable> ps = new ArrayList<>();
              for (Object o : (List<?>) a.get(0)) {
                ps.add((Pollable) rep(o));
              }
              if (ps.isEmpty()) {
                throw new IllegalArgumentException("poll of no pollables");
              }
              BitSet ready = dev.iotypes.Poll.poll(ps);
              List<Object> out = new ArrayList<>();
              ready.stream().forEach(i -> out.add((long) i));
              return out;
            });
  }

  HostInterface streams() {
    return new HostInterface("wasi:io/streams@0.2.0")
        .resource("input-stream", s.inputStream)
        .resource("output-stream", s.outputStream)
        .function("[method]input-stream.read", a -> read(in(a), (Long) a.get(1), false))
        .function("[method]input-stream.blocking-read", a -> read(in(a), (Long) a.get(1), true))
        .function("[method]input-stream.skip", a -> skip(in(a), (Long) a.get(1)))
        .function("[method]input-stream.blocking-skip", a -> skip(in(a), (Long) a.get(1)))
        .function("[method]input-stream.subscribe", a -> pollable(in(a).input.pollable()))
        .function("[method]output-stream.check-write", a -> checkWrite(out(a)))
        .function("[method]output-stream.write", a -> write(out(a), (byte[]) a.get(1), false))
        .function(
            "[method]output-stream.blocking-write-and-flush",
            a -> write(out(a), (byte[]) a.get(1), true))
        .function("[method]output-stream.flush", a -> flush(out(a)))
        .function("[method]output-stream.blocking-flush", a -> flush(out(a)))
        .function("[method]output-stream.subscribe", a -> pollable(out(a).output.pollable()))
        .function("[method]output-stream.write-zeroes", a -> zeroes(out(a), (Long) a.get(1), false))
        .function(
            "[method]output-stream.blocking-write-zeroes-and-flush",
            a -> zeroes(out(a), (Long) a.get(1), true))
        .function(
            "[method]output-stream.splice",
            a -> splice(out(a), (In) rep(a.get(1)), (Long) a.get(2)))
        .function(
            "[method]output-stream.blocking-splice",
            a -> splice(out(a), (In) rep(a.get(1)), (Long) a.get(2)));
  }

  static Object rep(Object resource) {
    return ((Value.Resource) resource).rep();
  }

  private static In in(List<Object> a) {
    return (In) rep(a.get(0));
  }

  private static Out out(List<Object> a) {
    return (Out) rep(a.get(0));
  }

  Value.Resource pollable(Pollable p) {
    return new Value.Resource(s.pollable, p);
  }

  static Value.Result closed() {
    return Value.Result.error(new Value.Variant(1, null));
  }

  Value.Result failed(dev.iotypes.Failure f) {
    return Value.Result.error(
        new Value.Variant(
            0, new Value.Resource(s.error, new Failure(f.toString(), Session.errnoOf(f)))));
  }

  private Value.Result read(In in, long len, boolean blocking) {
    if (in.closed) {
      return closed();
    }
    int n = (int) Math.min(Long.compareUnsigned(len, MAX_READ) > 0 ? MAX_READ : len, MAX_READ);
    if (!blocking && !in.input.pollable().isReady()) {
      return Value.Result.ok(new byte[0]); // read never waits: the guest polls, or blocking-reads
    }
    ByteBuffer buf = ByteBuffer.allocate(n);
    Outcome o = in.input.read(buf);
    while (blocking && n > 0 && o.count() == 0 && o.isOpen()) {
      dev.iotypes.Poll.poll(List.of(in.input.pollable()));
      o = in.input.read(buf);
    }
    if (o.count() > 0 || o.isOpen()) { // bytes now; an end or failure at the next call
      byte[] b = new byte[(int) o.count()];
      buf.flip().get(b);
      return Value.Result.ok(b);
    }
    in.closed = true;
    return o.isFailed() ? failed(o.failure()) : closed();
  }

  private Value.Result skip(In in, long len) {
    if (in.closed) {
      return closed();
    }
    Outcome o = in.input.skip(atMost(len));
    if (o.count() > 0 || o.isOpen()) {
      return Value.Result.ok(o.count());
    }
    in.closed = true;
    return o.isFailed() ? failed(o.failure()) : closed();
  }

  private static Value.Result checkWrite(Out out) {
    return out.closed ? closed() : Value.Result.ok(WRITE_BUDGET);
  }

  private Value.Result write(Out out, byte[] bytes, boolean flush) {
    if (out.closed) {
      return closed();
    }
    if (bytes.length > WRITE_BUDGET) {
      throw new IllegalArgumentException("write of more than check-write allowed");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    while (b.hasRemaining()) {
      Outcome o = out.output.write(b);
      if (!o.isOpen()) {
        out.closed = true;
        return o.isFailed() ? failed(o.failure()) : closed();
      }
    }
    return flush ? flush(out) : Value.Result.ok(null);
  }

  private Value.Result flush(Out out) {
    if (out.closed) {
      return closed();
    }
    Outcome o = out.output.flush();
    if (o.isFailed()) {
      out.closed = true;
      return failed(o.failure());
    }
    return Value.Result.ok(null);
  }

  private Value.Result zeroes(Out out, long len, boolean flush) {
    if (out.closed) {
      return closed();
    }
    Outcome o = out.output.writeZeros(len);
    if (!o.isOpen()) {
      out.closed = true;
      return o.isFailed() ? failed(o.failure()) : closed();
    }
    return flush ? flush(out) : Value.Result.ok(null);
  }

  /** Moves up to {@code len} bytes from {@code in} to {@code out} without the guest: forward. */
  private Value.Result splice(Out out, In in, long len) {
    if (out.closed || in.closed) {
      return closed();
    }
    Outcome o = in.input.forward(out.output, atMost(len));
    if (o.count() > 0 || o.isOpen()) {
      return Value.Result.ok(o.count());
    }
    in.closed = true;
    return o.isFailed() ? failed(o.failure()) : closed();
  }

  /**
   * A {@code u64} length as the core library takes it: past 2^63 - 1 (a guest's "as much as there
   * is", {@code u64::MAX}) it reads negative, and asks for no more than 2^63 - 1 can give.
   */
  private static long atMost(long u64) {
    return u64 < 0 ? Long.MAX_VALUE : u64;
  }

  /** {@code dropped} is told of every stream the guest drops, before it is closed. */
  static ResourceType inputType(Consumer<Object> dropped) {
    return ResourceType.host(
        "input-stream",
        rep -> {
          dropped.accept(rep);
          In in = (In) rep;
          if (in.owned) {
            in.input.close();
          }
        });
  }

  static ResourceType outputType(Consumer<Object> dropped) {
    return ResourceType.host(
        "output-stream",
        rep -> {
          dropped.accept(rep);
          Out out = (Out) rep;
          out.output.flush();
          if (out.owned) {
            out.output.close();
          }
        });
  }
}
