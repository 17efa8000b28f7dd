package dev.iotypes.component.abi;

import dev.iotypes.component.binary.CanonOption.StringEncoding;
import java.util.Arrays;

/** A linear memory in a byte array, with a bump allocator as a guest's realloc. */
final class BytesMemory implements LinearMemory {
  final byte[] bytes;
  int top = 8;

  BytesMemory(int size) {
    bytes = new byte[size];
  }

  @Override
  public long size() {
    return bytes.length;
  }

  @Override
  public byte[] read(int address, int length) {
    return Arrays.copyOfRange(bytes, address, address + length);
  }

  @Override
  public void write(int address, byte[] b) {
    System.arraycopy(b, 0, bytes, address, b.length);
  }

  int realloc(int original, int originalSize, int alignment, int newSize) {
    top = (top + alignment - 1) / alignment * alignment;
    int ptr = top;
    top += newSize;
    return ptr;
  }

  Options options(StringEncoding encoding, HandleTable table) {
    return new Options(this, this::realloc, encoding, table, this);
  }
}
