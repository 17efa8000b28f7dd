package dev.iotypes.component.link;

import com.dylibso.chicory.runtime.Memory;
import dev.iotypes.component.abi.LinearMemory;

/** A core instance's memory, as the Canonical ABI reads and writes it. */
record ChicoryMemory(Memory memory) implements LinearMemory {
  @Override
  public long size() {
    return (long) memory.pages() * 65536;
  }

  @Override
  public byte[] read(int address, int length) {
    return memory.readBytes(address, length);
  }

  @Override
  public void write(int address, byte[] bytes) {
    memory.write(address, bytes);
  }
}
