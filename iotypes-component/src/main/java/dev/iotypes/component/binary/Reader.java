package dev.iotypes.component.binary;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over a slice of the binary. Every read checks the slice's end first, so a length or a
 * count from the file can never send it past the bytes it was given; offsets in errors are from the
 * start of the outermost component.
 */
final class Reader {
  private final byte[] bytes;
  private final int end;
  private int pos;

  Reader(byte[] bytes, int start, int end) {
    this.bytes = bytes;
    this.pos = start;
    this.end = end;
  }

  int position() {
    return pos;
  }

  int remaining() {
    return end - pos;
  }

  boolean atEnd() {
    return pos >= end;
  }

  MalformedComponent error(String what) {
    return new MalformedComponent(what + " at offset " + pos);
  }

  int u8() {
    if (pos >= end) {
      throw error("unexpected end of section");
    }
    return bytes[pos++] & 0xff;
  }

  int peek() {
    if (pos >= end) {
      throw error("unexpected end of section");
    }
    return bytes[pos] & 0xff;
  }

  /** An unsigned LEB128 of at most 32 bits. */
  int u32() {
    long result = 0;
    for (int shift = 0; ; shift += 7) {
      int b = u8();
      if (shift == 28 && (b & 0x70) != 0) {
        throw error("integer too large");
      }
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return (int) result;
      }
      if (shift == 28) {
        throw error("integer representation too long");
      }
    }
  }

  /** A count that must fit in the bytes left, each element taking at least one byte. */
  int count() {
    int n = u32();
    if (Integer.toUnsignedLong(n) > end - pos) {
      throw error("count " + Integer.toUnsignedString(n) + " exceeds the section");
    }
    return n;
  }

  /** A signed LEB128 of at most 33 bits, for a type index that must be non-negative. */
  long s33() {
    long result = 0;
    int shift = 0;
    int b;
    do {
      b = u8();
      if (shift == 35) {
        throw error("integer representation too long");
      }
      result |= (long) (b & 0x7f) << shift;
      shift += 7;
    } while ((b & 0x80) != 0);
    if (shift < 64 && (b & 0x40) != 0) {
      result |= -1L << shift;
    }
    return result;
  }

  byte[] bytes(int length) {
    if (length < 0 || length > end - pos) {
      throw error("length out of bounds");
    }
    byte[] out = new byte[length];
    System.arraycopy(bytes, pos, out, 0, length);
    pos += length;
    return out;
  }

  /** A UTF-8 name; malformed UTF-8 is refused, as core names are. */
  String name() {
    int length = u32();
    if (Integer.toUnsignedLong(length) > end - pos) {
      throw error("name length out of bounds");
    }
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, pos, length))
              .toString();
      pos += length;
      return s;
    } catch (CharacterCodingException e) {
      throw error("malformed UTF-8 encoding");
    }
  }

  /** A sub-reader over the next {@code length} bytes; this reader skips them. */
  Reader slice(int length) {
    if (length < 0 || length > end - pos) {
      throw error("section size out of bounds");
    }
    Reader r = new Reader(bytes, pos, pos + length);
    pos += length;
    return r;
  }

  byte[] source() {
    return bytes;
  }
}
