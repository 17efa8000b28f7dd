package dev.iotypes.engine;

import com.dylibso.chicory.wasm.MalformedException;

/**
 * A cursor over raw module bytes that never reads past its limit: every byte is hostile, so a read
 * beyond the end is the module's error ("unexpected end"), not an index out of bounds, and each
 * LEB128 is held to the exact bounds of its type (the spec's binary format, as Chicory reads them).
 */
final class BodyReader {
  private final byte[] b;
  int pos;
  int limit;

  BodyReader(byte[] b, int pos, int limit) {
    this.b = b;
    this.pos = pos;
    this.limit = limit;
  }

  int remaining() {
    return limit - pos;
  }

  int u8() {
    if (pos >= limit) {
      throw new MalformedException("unexpected end");
    }
    return b[pos++] & 0xff;
  }

  /** The next byte, not consumed; -1 at the end. */
  int peek() {
    return pos < limit ? b[pos] & 0xff : -1;
  }

  /** An unsigned 32-bit LEB128, at most 5 bytes, the last with no bit above the 32nd. */
  long u32() {
    long v = 0;
    for (int shift = 0; ; shift += 7) {
      int x = u8();
      if (shift == 28) {
        if ((x & 0x80) != 0) {
          throw new MalformedException("integer representation too long");
        }
        if ((x & 0x70) != 0) {
          throw new MalformedException("integer too large");
        }
        return v | (long) x << 28;
      }
      v |= (long) (x & 0x7f) << shift;
      if ((x & 0x80) == 0) {
        return v;
      }
    }
  }

  /** A u32 used as an index or count: above {@code Integer.MAX_VALUE} it cannot name anything. */
  int index() {
    long v = u32();
    return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
  }

  /** A signed 32-bit LEB128: in the 5th byte the bits past the 32nd repeat its sign. */
  int s32() {
    int v = 0;
    for (int shift = 0; ; shift += 7) {
      int x = u8();
      if (shift == 28) {
        if ((x & 0x80) != 0) {
          throw new MalformedException("integer representation too long");
        }
        int rest = x & 0x78; // bits 3..6: the sign (bit 3) and its extension
        if (rest != 0 && rest != 0x78) {
          throw new MalformedException("integer too large");
        }
        return v | x << 28;
      }
      v |= (x & 0x7f) << shift;
      if ((x & 0x80) == 0) {
        return (x & 0x40) != 0 ? v | -1 << (shift + 7) : v;
      }
    }
  }

  /** A signed 64-bit LEB128: in the 10th byte the bits past the 64th repeat its sign. */
  long s64() {
    long v = 0;
    for (int shift = 0; ; shift += 7) {
      int x = u8();
      if (shift == 63) {
        if ((x & 0x80) != 0) {
          throw new MalformedException("integer representation too long");
        }
        if (x != 0 && x != 0x7f) {
          throw new MalformedException("integer too large");
        }
        return v | (long) x << 63;
      }
      v |= (long) (x & 0x7f) << shift;
      if ((x & 0x80) == 0) {
        return (x & 0x40) != 0 && shift + 7 < 64 ? v | -1L << (shift + 7) : v;
      }
    }
  }

  /**
   * A signed 33-bit LEB128 (a block type's index), or {@code Long.MIN_VALUE} where its bounds are
   * broken: the caller then leaves the function to Chicory, whose reading differs there.
   */
  long s33() {
    long v = 0;
    for (int shift = 0; ; shift += 7) {
      int x = u8();
      if (shift == 28) {
        if ((x & 0x80) != 0) {
          return Long.MIN_VALUE;
        }
        int rest = x & 0x70; // bits 4..6: the sign (bit 4) and its extension
        if (rest != 0 && rest != 0x70) {
          return Long.MIN_VALUE;
        }
        return v | (long) (x & 0x0f) << 28 | ((x & 0x10) != 0 ? -1L << 32 : 0);
      }
      v |= (long) (x & 0x7f) << shift;
      if ((x & 0x80) == 0) {
        return (x & 0x40) != 0 ? v | -1L << (shift + 7) : v;
      }
    }
  }

  void skip(int n) {
    if (n > limit - pos) {
      pos = limit;
      throw new MalformedException("unexpected end");
    }
    pos += n;
  }
}
