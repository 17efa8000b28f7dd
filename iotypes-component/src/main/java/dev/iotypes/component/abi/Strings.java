package dev.iotypes.component.abi;

import dev.iotypes.component.binary.CanonOption.StringEncoding;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strings across the boundary in the three encodings a component may choose: UTF-8, UTF-16 (little
 * endian) and latin1+UTF-16, whose length's top bit says which of the two a string is in. A string
 * that does not decode traps.
 */
final class Strings {
  static final int UTF16_TAG = 1 << 31;
  static final long MAX_BYTE_LENGTH = (1L << 31) - 1;

  private Strings() {}

  static String load(Call cx, int ptr, int taggedUnits) {
    StringEncoding enc = cx.options.encoding();
    int alignment;
    long byteLength;
    Charset charset;
    long units = Integer.toUnsignedLong(taggedUnits);
    switch (enc) {
      case UTF8 -> {
        alignment = 1;
        byteLength = units;
        charset = StandardCharsets.UTF_8;
      }
      case UTF16 -> {
        alignment = 2;
        byteLength = 2 * units;
        charset = StandardCharsets.UTF_16LE;
      }
      default -> {
        alignment = 2;
        if ((taggedUnits & UTF16_TAG) != 0) {
          byteLength = 2 * (units ^ Integer.toUnsignedLong(UTF16_TAG));
          charset = StandardCharsets.UTF_16LE;
        } else {
          byteLength = units;
          charset = StandardCharsets.ISO_8859_1;
        }
      }
    }
    long p = Integer.toUnsignedLong(ptr);
    CanonTrap.trapIf(p % alignment != 0, "misaligned string pointer");
    CanonTrap.trapIf(p + byteLength > cx.options.mem().size(), "string out of bounds");
    byte[] bytes = cx.options.mem().read(ptr, (int) byteLength);
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new CanonTrap("invalid " + charset.name() + " in a string");
    }
  }

  /** Copies {@code s} into a fresh allocation; returns {ptr, tagged code units}. */
  static int[] store(Call cx, String s) {
    StringEncoding enc = cx.options.encoding();
    if (enc == StringEncoding.UTF8) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      return copy(cx, b, 1, b.length);
    }
    if (enc == StringEncoding.LATIN1_UTF16 && s.chars().allMatch(c -> c <= 0xff)) {
      return copy(cx, s.getBytes(StandardCharsets.ISO_8859_1), 2, s.length());
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_16LE);
    int units = b.length / 2;
    return copy(cx, b, 2, enc == StringEncoding.UTF16 ? units : units | UTF16_TAG);
  }

  private static int[] copy(Call cx, byte[] b, int alignment, int taggedUnits) {
    CanonTrap.trapIf(b.length > MAX_BYTE_LENGTH, "string too long");
    int ptr = cx.options.alloc(alignment, b.length);
    cx.options.mem().write(ptr, b);
    return new int[] {ptr, taggedUnits};
  }
}
