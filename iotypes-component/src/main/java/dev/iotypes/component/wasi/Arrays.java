package dev.iotypes.component.wasi;

import dev.iotypes.Advice;
import dev.iotypes.Failure;
import dev.iotypes.IoArray;
import dev.iotypes.IoTypes;
import dev.iotypes.Outcome;
import dev.iotypes.component.abi.ResourceType;
import dev.iotypes.component.abi.Value;
import dev.iotypes.component.link.HostInterface;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * {@code iotypes:io/arrays}: the core library's {@link IoArray} as the resource {@code io-array},
 * so that a component gets random access to what the host hands it. A failure is an {@code error}
 * as a stream's is; lengths and offsets past 2^63 - 1 are misuse and trap, as in the core ABI.
 */
final class Arrays {
  /** The largest read served at once, as for a stream. */
  static final int MAX_READ = Streams.MAX_READ;

  /** An array and whether the guest owns it (one it made: closed when its handle is dropped). */
  record Rep(IoArray array, boolean owned) {}

  private final Session s;

  Arrays(Session s) {
    this.s = s;
  }

  static ResourceType type() {
    return ResourceType.host(
        "io-array",
        rep -> {
          Rep r = (Rep) rep;
          if (r.owned()) {
            r.array().close();
          }
        });
  }

  HostInterface arrays() {
    return new HostInterface("iotypes:io/arrays@0.2.0")
        .resource("io-array", s.ioArray)
        .resource("pseudonym", s.pseudonym)
        .resource("input-stream", s.inputStream)
        .resource("output-stream", s.outputStream)
        .resource("error", s.error)
        .function(
            "anonymous",
            a ->
                new Value.Resource(
                    s.ioArray,
                    new Rep(IoTypes.anonymous(s.maxAnonymousLength, s.anonymousPages), true)))
        .function(
            "[method]io-array.read-at", a -> readAt(array(a), (Long) a.get(1), (Long) a.get(2)))
        .function(
            "[method]io-array.write-at", a -> writeAt(array(a), (byte[]) a.get(1), (Long) a.get(2)))
        .function("[method]io-array.len", a -> count(array(a).len()))
        .function("[method]io-array.set-len", a -> done(array(a).setLen(offset(a.get(1)))))
        .function("[method]io-array.flush", a -> done(array(a).flush()))
        .function(
            "[method]io-array.copy",
            a ->
                count(
                    array(a)
                        .copyTo(
                            offset(a.get(1)),
                            ((Rep) Streams.rep(a.get(2))).array(),
                            offset(a.get(3)),
                            offset(a.get(4)))))
        .function(
            "[method]io-array.advise",
            a -> {
              int advice = ((Value.Enum) a.get(3)).index();
              array(a).advise(offset(a.get(1)), offset(a.get(2)), Advice.values()[advice]);
              return null;
            })
        .function("[method]io-array.media-type", a -> array(a).mediaType().toString())
        .function(
            "[method]io-array.pseudonym",
            a -> new Value.Resource(s.pseudonym, array(a).pseudonym()))
        .function(
            "[method]io-array.read-via-stream",
            a ->
                new Value.Resource(
                    s.inputStream,
                    new Streams.In(IoTypes.inputFromArray(array(a), offset(a.get(1))), true)))
        .function(
            "[method]io-array.write-via-stream",
            a ->
                new Value.Resource(
                    s.outputStream,
                    new Streams.Out(IoTypes.outputFromArray(array(a), offset(a.get(1))), true)));
  }

  private static IoArray array(List<Object> a) {
    return ((Rep) Streams.rep(a.get(0))).array();
  }

  /** A u64 the core library takes as a long: past 2^63 - 1 it is misuse, as in the core ABI. */
  private static long offset(Object u64) {
    long v = (Long) u64;
    if (v < 0) {
      throw new IllegalArgumentException(
          "offset or length past 2^63 - 1: " + Long.toUnsignedString(v));
    }
    return v;
  }

  private Value.Result readAt(IoArray array, long len, long offset) {
    int n = (int) (Long.compareUnsigned(len, MAX_READ) > 0 ? MAX_READ : len);
    ByteBuffer buf = ByteBuffer.allocate(n);
    long at = offset(offset);
    while (buf.hasRemaining()) {
      Outcome o = array.readAt(buf, at + buf.position());
      if (o.isFailed()) {
        return error(o.failure());
      }
      if (!o.isOpen() || o.count() == 0) {
        break; // the array's length
      }
    }
    byte[] bytes = new byte[buf.position()];
    buf.flip().get(bytes);
    return Value.Result.ok(bytes);
  }

  private Value.Result writeAt(IoArray array, byte[] bytes, long offset) {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    long at = offset(offset);
    while (buf.hasRemaining()) {
      Outcome o = array.writeAt(buf, at + buf.position());
      if (o.isFailed()) {
        return error(o.failure());
      }
      if (o.count() == 0) {
        break; // a write is never short while open; nothing more will go
      }
    }
    return Value.Result.ok(null);
  }

  private Value.Result count(Outcome o) {
    return o.isFailed() ? error(o.failure()) : Value.Result.ok(o.count());
  }

  private Value.Result done(Outcome o) {
    return o.isFailed() ? error(o.failure()) : Value.Result.ok(null);
  }

  private Value.Result error(Failure f) {
    return Value.Result.error(
        new Value.Resource(s.error, new Streams.Failure(f.toString(), Session.errnoOf(f))));
  }
}
