package dev.iotypes.component.abi;

/**
 * The bytes of a guest's linear memory, as the Canonical ABI reads and writes them. The ABI checks
 * every range against {@link #size} before it calls these, so an implementation may assume
 * in-bounds, little-endian accesses.
 */
public interface LinearMemory {
  /** The memory's current length in bytes. */
  long size();

  byte[] read(int address, int length);

  void write(int address, byte[] bytes);

  default int u8(int address) {
    return read(address, 1)[0] & 0xff;
  }

  default long load(int address, int width) {
    byte[] b = read(address, width);
    long v = 0;
    for (int i = width - 1; i >= 0; i--) {
      v = v << 8 | (b[i] & 0xff);
    }
    return v;
  }

  default void store(int address, int width, long value) {
    byte[] b = new byte[width];
    for (int i = 0; i < width; i++) {
      b[i] = (byte) (value >>> (8 * i));
    }
    write(address, b);
  }
}
