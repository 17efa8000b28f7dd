package dev.iotypes.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire between {@code iotypes run} and {@code iotypes serve}: frames {@code [kind:1][length:4,
 * big-endian][bytes]}. The client opens with {@link #HELLO}; the server sends standard output and
 * error, asks for standard input when the run reads it ({@link #STDIN_WANTED}, answered with one
 * {@link #STDIN} or {@link #STDIN_END}), and ends with {@link #EXIT}. Everything read is bounded: a
 * frame past {@link #MAX_FRAME}, a hello past its counts or not UTF-8 is a {@link Malformed}.
 */
final class Frames {
  static final int VERSION = 3;

  /** Client: version, working directory, environment, arguments, flags. */
  static final byte HELLO = 'H';

  /**
   * Server: the run reads standard input and has none: the client reads once, at most this many
   * bytes (4 bytes, big-endian, at most {@link #CHUNK}), and answers with what it got or its end.
   * So a client reads its standard input only as the run does, as an in-process run reads it, and
   * what a run leaves unread is left to whoever reads next.
   */
  static final byte STDIN_WANTED = 'W';

  /** Client: bytes of standard input. */
  static final byte STDIN = 'I';

  /** Client: standard input ended. */
  static final byte STDIN_END = 'E';

  /** Client: its standard output's reader went away (a broken pipe). */
  static final byte STDOUT_BROKEN = 'P';

  /**
   * Server: the run is taken (no bytes); its first frame. A connection that ends before it ran
   * nothing, and read no input: the client may then run it in-process instead.
   */
  static final byte ACCEPTED = 'A';

  /** Server: bytes of standard output. */
  static final byte STDOUT = 'O';

  /** Server: bytes of standard error. */
  static final byte STDERR = 'R';

  /**
   * Server: where the run left standard input that is a file ({@link #STDIN_FILE}), 8 bytes; just
   * before the exit status.
   */
  static final byte STDIN_POSITION = 'S';

  /** Server: the run's exit status, 4 bytes; the last frame. */
  static final byte EXIT = 'X';

  /** The most bytes of one frame: the hello holds the command line and the environment. */
  static final int MAX_FRAME = 8 << 20;

  /** The most bytes of a data frame anyone sends. */
  static final int CHUNK = 64 << 10;

  static final int MAX_ARGS = 1 << 16;
  static final int MAX_ENV = 1 << 16;

  /** Flag: the client's standard input and output are a terminal. */
  static final int TERMINAL = 1;

  /**
   * Flag: the client's standard input is a regular file, which the server opens as {@code
   * /proc/PID/fd/0} (the same user's, as the socket's directory makes sure) and reads from the
   * client's offset, so that {@code -} is read, and mapped as an array, as in-process; the hello
   * then ends with the client's process id and that offset, 8 bytes each.
   */
  static final int STDIN_FILE = 2;

  private Frames() {}

  /** Something on the wire that is not this protocol. */
  static final class Malformed extends IOException {
    Malformed(String message) {
      super(message);
    }
  }

  /** A frame read. */
  record Frame(byte kind, byte[] bytes) {}

  /** What the client asks for; {@code pid} and {@code offset} only with {@link #STDIN_FILE}. */
  record Hello(
      String cwd, Map<String, String> env, List<String> args, int flags, long pid, long offset) {
    Hello(String cwd, Map<String, String> env, List<String> args, int flags) {
      this(cwd, env, args, flags, 0, 0);
    }

    /** The client's standard input, if it is a file, as the server can open it. */
    Path stdinFile() {
      return (flags & STDIN_FILE) != 0 ? Path.of("/proc", Long.toString(pid), "fd", "0") : null;
    }

    byte[] encode() throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(VERSION);
      string(out, cwd);
      out.writeInt(env.size());
      for (Map.Entry<String, String> e : env.entrySet()) {
        string(out, e.getKey());
        string(out, e.getValue());
      }
      out.writeInt(args.size());
      for (String arg : args) {
        string(out, arg);
      }
      out.writeInt(flags);
      if ((flags & STDIN_FILE) != 0) {
        out.writeLong(pid);
        out.writeLong(offset);
      }
      return bytes.toByteArray();
    }

    static Hello decode(byte[] frame) throws Malformed {
      try {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(frame));
        int version = in.readInt();
        if (version != VERSION) {
          throw new Malformed(
              "protocol version " + version + ", this server speaks " + VERSION + " (restart it)");
        }
        String cwd = string(in);
        int envs = count(in, MAX_ENV, "environment variables");
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < envs; i++) {
          env.put(string(in), string(in));
        }
        int argc = count(in, MAX_ARGS, "arguments");
        List<String> args = new ArrayList<>(argc);
        for (int i = 0; i < argc; i++) {
          args.add(string(in));
        }
        int flags = in.readInt();
        long pid = 0;
        long offset = 0;
        if ((flags & STDIN_FILE) != 0) {
          pid = in.readLong();
          offset = in.readLong();
          if (pid <= 0 || offset < 0) {
            throw new Malformed("standard input at " + offset + " of process " + pid);
          }
        }
        if (in.available() != 0) {
          throw new Malformed("trailing bytes after the hello");
        }
        return new Hello(cwd, env, args, flags, pid, offset);
      } catch (Malformed e) {
        throw e;
      } catch (IOException e) {
        throw new Malformed("truncated hello");
      }
    }
  }

  private static int count(DataInputStream in, int max, String what) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > max) {
      throw new Malformed("too many " + what + ": " + n);
    }
    return n;
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String string(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new Malformed("truncated hello");
    }
    byte[] bytes = in.readNBytes(length);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new Malformed("not UTF-8 in the hello");
    }
  }

  /** Writes one frame; callers that share {@code out} between threads hold its lock. */
  static void write(OutputStream out, byte kind, byte[] bytes, int offset, int length)
      throws IOException {
    byte[] header = {
      kind, (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length
    };
    out.write(header);
    out.write(bytes, offset, length);
    out.flush();
  }

  static void write(OutputStream out, byte kind, byte[] bytes) throws IOException {
    write(out, kind, bytes, 0, bytes.length);
  }

  static byte[] status(int status) {
    return new byte[] {
      (byte) (status >>> 24), (byte) (status >>> 16), (byte) (status >>> 8), (byte) status
    };
  }

  static byte[] position(long position) {
    return java.nio.ByteBuffer.allocate(8).putLong(position).array();
  }

  static long position(byte[] bytes) throws Malformed {
    if (bytes.length != 8) {
      throw new Malformed("a position frame of " + bytes.length + " bytes");
    }
    return java.nio.ByteBuffer.wrap(bytes).getLong();
  }

  static int status(byte[] bytes) throws Malformed {
    if (bytes.length != 4) {
      throw new Malformed("an exit frame of " + bytes.length + " bytes");
    }
    return (bytes[0] & 0xff) << 24
        | (bytes[1] & 0xff) << 16
        | (bytes[2] & 0xff) << 8
        | bytes[3] & 0xff;
  }

  /**
   * Reads one frame of at most {@code max} bytes; null at the end of the stream before a frame.
   *
   * @throws Malformed if it is longer, or the stream ends inside it
   */
  static Frame read(InputStream in, int max) throws IOException {
    int kind = in.read();
    if (kind < 0) {
      return null;
    }
    byte[] header = in.readNBytes(4);
    if (header.length < 4) {
      throw new Malformed("truncated frame");
    }
    int length =
        (header[0] & 0xff) << 24
            | (header[1] & 0xff) << 16
            | (header[2] & 0xff) << 8
            | header[3] & 0xff;
    if (length < 0 || length > max) {
      throw new Malformed("a frame of " + Integer.toUnsignedString(length) + " bytes");
    }
    byte[] bytes = in.readNBytes(length);
    if (bytes.length < length) {
      throw new EOFException("truncated frame");
    }
    return new Frame((byte) kind, bytes);
  }
}
