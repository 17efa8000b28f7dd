package dev.iotypes.testing;

import dev.iotypes.Connection;
import dev.iotypes.Input;
import dev.iotypes.IoArray;
import dev.iotypes.IoTypes;
import dev.iotypes.Origin;
import dev.iotypes.Output;
import dev.iotypes.Pipe;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * Every implementation of the three interfaces in iotypes-core, as named factories for the contract
 * suites: what {@code okio}'s {@code BufferedSourceTest} calls its factories.
 */
final class CoreKinds {
  private CoreKinds() {}

  /** Pipes in the pairwise tests: small enough to wrap many times, big enough to stay quick. */
  static final int PIPE_CAPACITY = 4096;

  /** Room every growable buffer-backed array has beyond its initial content. */
  static final int SPARE = 1 << 20;

  static List<Named<InputKind>> inputs() {
    return List.of(
        Named.of("file", (content, f) -> IoTypes.fileInput(f.newFile(content))),
        Named.of(
            "FileInputStream",
            (content, f) -> IoTypes.input(new FileInputStream(f.newFile(content).toFile()))),
        Named.of(
            "InputStream of bytes",
            (content, f) -> IoTypes.input(new ByteArrayInputStream(content))),
        Named.of(
            "buffered InputStream of a file",
            (content, f) ->
                IoTypes.input(
                    new BufferedInputStream(
                        new FileInputStream(f.newFile(content).toFile()), 1000))),
        Named.of("byte[]", (content, f) -> IoTypes.input(content)),
        Named.of(
            "anonymous array at an offset",
            (content, f) -> {
              IoArray array = f.register(IoTypes.anonymous());
              array.writeAt(ByteBuffer.wrap(content), 1000);
              return IoTypes.inputFromArray(array, 1000);
            }),
        Named.of(
            "direct buffer array",
            (content, f) -> {
              ByteBuffer buffer = ByteBuffer.allocateDirect(content.length).put(content).flip();
              return IoTypes.inputFromArray(IoTypes.array(buffer), 0);
            }),
        Named.of(
            "read-only file array",
            (content, f) ->
                IoTypes.inputFromArray(
                    f.register(IoTypes.fileArray(f.newFile(content), false)), 0)),
        Named.of(
            "fromStream",
            (content, f) -> IoTypes.inputFromArray(IoTypes.fromStream(IoTypes.input(content)), 0)),
        Named.of("pipe", CoreKinds::pipeInput),
        Named.of("socket", CoreKinds::socketInput),
        Named.of(
            "one byte at a time", (content, f) -> OneByteAtATime.input(IoTypes.input(content))),
        Named.of(
            "read ahead, never polled",
            (content, f) ->
                IoTypes.readAhead(IoTypes.input(new FileInputStream(f.newFile(content).toFile())))),
        Named.of(
            "read ahead, polled first",
            (content, f) -> {
              Input input = IoTypes.readAhead(OneByteAtATime.input(IoTypes.input(content)));
              input.pollable().isReady();
              return input;
            }));
  }

  static List<Named<OutputKind>> outputs() {
    return List.of(
        Named.of(
            "file",
            f -> {
              Path path = f.newPath(".out");
              return sink(IoTypes.fileOutput(path), () -> Files.readAllBytes(path));
            }),
        Named.of(
            "FileOutputStream",
            f -> {
              Path path = f.newPath(".out");
              Output output = IoTypes.output(new FileOutputStream(path.toFile()));
              return sink(output, () -> Files.readAllBytes(path));
            }),
        Named.of(
            "OutputStream of bytes",
            f -> {
              ByteArrayOutputStream bytes = new ByteArrayOutputStream();
              return sink(IoTypes.output(bytes), bytes::toByteArray);
            }),
        Named.of(
            "buffered OutputStream",
            f -> {
              ByteArrayOutputStream bytes = new ByteArrayOutputStream();
              Output output = IoTypes.output(new BufferedOutputStream(bytes, 1000));
              return sink(output, bytes::toByteArray);
            }),
        Named.of(
            "anonymous array at an offset",
            f -> {
              IoArray array = f.register(IoTypes.anonymous());
              Output output = IoTypes.outputFromArray(array, 10);
              return sink(output, () -> tail(array, 10));
            }),
        Named.of(
            "heap buffer array",
            f -> {
              IoArray array = IoTypes.array(ByteBuffer.allocate(SPARE).limit(0));
              return sink(IoTypes.outputFromArray(array, 0), () -> Fixture.contents(array));
            }),
        Named.of(
            "file array",
            f -> {
              IoArray array = f.register(IoTypes.fileArray(f.newPath(".arr"), true));
              return sink(IoTypes.outputFromArray(array, 0), () -> Fixture.contents(array));
            }),
        Named.of("pipe", CoreKinds::pipeSink),
        Named.of("socket", CoreKinds::socketSink),
        Named.of(
            "one byte at a time",
            f -> {
              ByteArrayOutputStream bytes = new ByteArrayOutputStream();
              return sink(OneByteAtATime.output(IoTypes.output(bytes)), bytes::toByteArray);
            }),
        Named.of("null", f -> sink(IoTypes.nullOutput(), () -> null)));
  }

  static List<Named<ArrayKind>> arrays() {
    return List.of(
        Named.of(
            "anonymous",
            new ArrayKind(true, (content, f) -> Fixture.filled(IoTypes.anonymous(), content))),
        Named.of(
            "file",
            new ArrayKind(true, (content, f) -> IoTypes.fileArray(f.newFile(content), true))),
        Named.of(
            "file channel",
            new ArrayKind(
                true,
                (content, f) ->
                    IoTypes.fileArray(
                        java.nio.channels.FileChannel.open(
                            f.newFile(content),
                            java.nio.file.StandardOpenOption.READ,
                            java.nio.file.StandardOpenOption.WRITE),
                        true,
                        Origin.named("channel.bin")))),
        Named.of(
            "heap buffer",
            new ArrayKind(
                true,
                (content, f) ->
                    IoTypes.array(
                        ByteBuffer.allocate(content.length + SPARE).put(content).flip()))),
        Named.of(
            "direct buffer",
            new ArrayKind(
                true,
                (content, f) ->
                    IoTypes.array(
                        ByteBuffer.allocateDirect(content.length + SPARE).put(content).flip()))),
        Named.of("byte[]", new ArrayKind(false, (content, f) -> IoTypes.array(content.clone()))),
        Named.of(
            "fromStream",
            new ArrayKind(true, (content, f) -> IoTypes.fromStream(IoTypes.input(content)))),
        Named.of(
            "one byte at a time",
            new ArrayKind(
                true,
                (content, f) ->
                    OneByteAtATime.array(Fixture.filled(IoTypes.anonymous(), content)))));
  }

  static Stream<Named<InputKind>> inputKinds() {
    return inputs().stream();
  }

  static Stream<Named<OutputKind>> outputKinds() {
    return outputs().stream();
  }

  static Stream<Named<ArrayKind>> arrayKinds() {
    return arrays().stream();
  }

  static Stream<Named<ArrayKind>> growableArrayKinds() {
    return arrays().stream().filter(kind -> kind.getPayload().growable());
  }

  private static byte[] tail(IoArray array, int from) {
    byte[] all = Fixture.contents(array);
    return all.length <= from ? new byte[0] : java.util.Arrays.copyOfRange(all, from, all.length);
  }

  static Sink sink(Output output, Sink.Written written) {
    return Sink.of(output, written);
  }

  private static Input pipeInput(byte[] content, Fixture f) {
    Pipe pipe = IoTypes.pipe(PIPE_CAPACITY);
    f.async(
        () -> {
          try (Output output = pipe.output()) {
            return output.write(ByteBuffer.wrap(content));
          }
        });
    return pipe.input();
  }

  private static Input socketInput(byte[] content, Fixture f) throws Exception {
    SocketChannel[] pair = f.socketPair();
    SocketChannel peer = pair[1];
    f.async(
        () -> {
          ByteBuffer src = ByteBuffer.wrap(content);
          while (src.hasRemaining()) {
            peer.write(src);
          }
          peer.shutdownOutput();
          return null;
        });
    Connection connection = IoTypes.connection(pair[0], Origin.named("tcp://127.0.0.1"));
    connection.output().close();
    return connection.input();
  }

  private static Sink pipeSink(Fixture f) {
    Pipe pipe = IoTypes.pipe(PIPE_CAPACITY);
    Future<byte[]> read = f.async(() -> Fixture.drain(pipe.input(), 1000));
    return sink(pipe.output(), () -> read.get());
  }

  private static Sink socketSink(Fixture f) throws Exception {
    SocketChannel[] pair = f.socketPair();
    SocketChannel peer = pair[1];
    Future<byte[]> read =
        f.async(
            () -> {
              ByteArrayOutputStream all = new ByteArrayOutputStream();
              ByteBuffer buffer = ByteBuffer.allocate(8192);
              while (peer.read(buffer.clear()) >= 0) {
                all.write(buffer.array(), 0, buffer.position());
              }
              return all.toByteArray();
            });
    Connection connection = IoTypes.connection(pair[0], Origin.named("tcp://127.0.0.1"));
    connection.input().close();
    return sink(connection.output(), () -> read.get());
  }
}
