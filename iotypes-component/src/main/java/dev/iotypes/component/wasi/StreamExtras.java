package dev.iotypes.component.wasi;

import dev.iotypes.MediaType;
import dev.iotypes.Outcome;
import dev.iotypes.Pseudonym;
import dev.iotypes.component.abi.Value;
import dev.iotypes.component.link.HostInterface;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code iotypes:io/streams} ({@code wit/components/iotypes-io.wit}): what the talk's streams have
 * and {@code wasi:io}'s lack, a media type and a pseudonym, on the same {@code input-stream} and
 * {@code output-stream} resources. Names are rendered as the core ABI renders them: into an output
 * the host handed in, else as a placeholder, and never with a count that would tell their length.
 */
final class StreamExtras {
  /** The longest media type a guest may declare, in UTF-8 bytes, as in the core ABI. */
  static final int MAX_MEDIA_TYPE = 1024;

  private static final byte[] PLACEHOLDER = "<pseudonym>".getBytes(StandardCharsets.US_ASCII);

  private final Session s;
  private final Streams streams;

  StreamExtras(Session s, Streams streams) {
    this.s = s;
    this.streams = streams;
  }

  HostInterface streams() {
    return new HostInterface("iotypes:io/streams@0.2.0")
        .resource("input-stream", s.inputStream)
        .resource("output-stream", s.outputStream)
        .resource("pseudonym", s.pseudonym)
        .function("input-media-type", a -> in(a).input.mediaType().toString())
        .function("output-media-type", a -> out(a).output.mediaType().toString())
        .function(
            "set-output-media-type", a -> out(a).output.setMediaType(mediaType((String) a.get(1))))
        .function("input-pseudonym", a -> new Value.Resource(s.pseudonym, in(a).input.pseudonym()))
        .function(
            "output-pseudonym", a -> new Value.Resource(s.pseudonym, out(a).output.pseudonym()))
        .function("write-pseudonym", a -> render(out(a), (Pseudonym) Streams.rep(a.get(1))));
  }

  private static Streams.In in(List<Object> a) {
    return (Streams.In) Streams.rep(a.get(0));
  }

  private static Streams.Out out(List<Object> a) {
    return (Streams.Out) Streams.rep(a.get(0));
  }

  /**
   * The media type a guest declared: a bug in the guest (a trap) unless it is one, at most {@link
   * #MAX_MEDIA_TYPE} bytes and free of control characters (it may end up in a header).
   */
  static MediaType mediaType(String text) {
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_MEDIA_TYPE) {
      throw new IllegalArgumentException(
          "a media type is at most " + MAX_MEDIA_TYPE + " bytes: " + bytes);
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\t' || c == 0x7f) {
        throw new IllegalArgumentException("control character in the media type at " + i);
      }
    }
    return MediaType.of(text); // IllegalArgumentException if it is none
  }

  private Value.Result render(Streams.Out out, Pseudonym name) {
    if (out.closed) {
      return Streams.closed();
    }
    Outcome o =
        out.handedIn
            ? out.output.writePseudonym(name)
            : out.output.write(ByteBuffer.wrap(PLACEHOLDER));
    if (!o.isOpen()) {
      out.closed = true;
      return o.isFailed() ? streams.failed(o.failure()) : Streams.closed();
    }
    return Value.Result.ok(null);
  }
}
