package dev.iotypes;

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
 * Every implementation of the three interfaces, as named factories for the contract tests: what
 * {@code okio}'s {@code BufferedSourceTest} calls its factories.
 */
final class Kinds {
  private Kinds() {}

  /** Pipes in the pairwise tests: small enough to wrap many times, big enough to stay quick. */
  static final int PIPE_CAPACITY = 4096;

  /** Room every growable buffer-backed array has beyond its initial content. */
  static final int SPARE = 1 << 20;

  @FunctionalInterface
  interface InputKind {
    /** An input yielding exactly {@code content}, then the end. */
    Input open(byte[] content, Fixture fixture) throws Exception;
  }

  /** An output and, after it is closed, what reached its backend. */
  interface Sink {
    Output output();

    /** The bytes written, or {@code null} when the backend keeps none (the bit bucket). */
    byte[] written() throws Exception;
  }

  @FunctionalInterface
  interface OutputKind {
    Sink open(Fixture fixture) throws Exception;
  }

  /** An array factory; {@code growable} is false for arrays fixed at their content's size. */
  record ArrayKind(boolean growable, ArrayFactory factory) {
    IoArray open(byte[] content, Fixture fixture) throws Exception {
      return fixture.register(factory.open(content, fixture));
    }
  }

  @FunctionalInterface
  interface ArrayFactory {
    IoArray open(byte[] content, Fixture fixture) throws Exception;
  }

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
        Named.of("pipe", Kinds::pipeInput),
        Named.of("socket", Kinds::socketInput),
        Named.of(
            "one byte at a time",
            (content, f) -> new TestBackends.OneByteInput(IoTypes.input(content))));
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
        Named.of("pipe", Kinds::pipeSink),
        Named.of("socket", Kinds::socketSink),
        Named.of(
            "one byte at a time",
            f -> {
              ByteArrayOutputStream bytes = new ByteArrayOutputStream();
              return sink(
                  new TestBackends.OneByteOutput(IoTypes.output(bytes)), bytes::toByteArray);
            }),
        Named.of("null", f -> sink(IoTypes.nullOutput(), () -> null)));
  }

  static List<Named<ArrayKind>> arrays() {
    return List.of(
        Named.of(
            "anonymous", new ArrayKind(true, (content, f) -> filled(IoTypes.anonymous(), content))),
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
                    new TestBackends.OneByteArray(filled(IoTypes.anonymous(), content)))));
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

  static IoArray filled(IoArray array, byte[] content) {
    Outcome written = array.writeAt(ByteBuffer.wrap(content), 0);
    if (written.count() != content.length) {
      throw new AssertionError("could not fill an array: " + written);
    }
    return array;
  }

  private static byte[] tail(IoArray array, int from) {
    byte[] all = Fixture.contents(array);
    return all.length <= from ? new byte[0] : java.util.Arrays.copyOfRange(all, from, all.length);
  }

  interface Written {
    byte[] get() throws Exception;
  }

  static Sink sink(Output output, Written written) {
    return new Sink() {
      @Override
      public Output output() {
        return output;
      }

      @Override
      public byte[] written() throws Exception {
        return written.get();
      }
    };
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
