package dev.iotypes.wasi;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Guest memory as the preview1 functions see it: every {@code (ptr, len)} is checked, unsigned and
 * without wrapping, before it is used, and a bad one is {@code EFAULT} (not a trap: wasi-libc
 * expects an errno). Also the layouts preview1 writes: iovec arrays, filestat, string lists.
 */
final class WasiMemory {
  static final int MAX_IOVS = 1024;

  private WasiMemory() {}

  static Memory memory(Instance inst) {
    Memory m = inst.memory();
    if (m == null) {
      throw Errno.FAULT.raise();
    }
    return m;
  }

  static Memory range(Instance inst, long ptr, long len) {
    Memory m = memory(inst);
    long start = ptr & 0xFFFF_FFFFL;
    if (start + len > (long) m.pages() * Memory.PAGE_SIZE || len < 0) {
      throw Errno.FAULT.raise();
    }
    return m;
  }

  static void u32(Instance inst, int ptr, int value) {
    range(inst, ptr, 4).writeI32(ptr, value);
  }

  static void u64(Instance inst, int ptr, long value) {
    range(inst, ptr, 8).writeLong(ptr, value);
  }

  /** The (ptr, len) pairs of an iovec array, each buffer checked; flattened. */
  static int[] iovecs(Instance inst, int ptr, int count) {
    long n = Integer.toUnsignedLong(count);
    if (n > MAX_IOVS) {
      throw Errno.INVAL.raise();
    }
    Memory m = range(inst, ptr, n * 8);
    int[] iovs = new int[(int) n * 2];
    long total = 0;
    for (int i = 0; i < n; i++) {
      iovs[2 * i] = m.readInt(ptr + 8 * i);
      iovs[2 * i + 1] = m.readInt(ptr + 8 * i + 4);
      range(inst, iovs[2 * i], Integer.toUnsignedLong(iovs[2 * i + 1]));
      total += Integer.toUnsignedLong(iovs[2 * i + 1]);
    }
    if (total > Integer.MAX_VALUE) {
      throw Errno.INVAL.raise();
    }
    return iovs;
  }

  static long total(Instance inst, int[] iovs) {
    long t = 0;
    for (int i = 1; i < iovs.length; i += 2) {
      t += Integer.toUnsignedLong(iovs[i]);
    }
    return t;
  }

  /** The iovecs after the first {@code n} bytes. */
  static int[] skip(Instance inst, int[] iovs, long n) {
    List<Integer> rest = new ArrayList<>();
    for (int i = 0; i < iovs.length; i += 2) {
      long len = Integer.toUnsignedLong(iovs[i + 1]);
      if (n >= len) {
        n -= len;
        continue;
      }
      rest.add((int) (iovs[i] + n));
      rest.add((int) (len - n));
      n = 0;
    }
    return rest.stream().mapToInt(Integer::intValue).toArray();
  }

  /** A path or string argument, strictly UTF-8. */
  static String path(Instance inst, long ptr, long len) {
    Memory m = range(inst, ptr, Integer.toUnsignedLong((int) len));
    byte[] bytes = m.readBytes((int) ptr, (int) len);
    try {
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw Errno.ILSEQ.raise();
    }
  }

  static void writeFilestat(Instance inst, int ptr, Filestat s) {
    Memory m = range(inst, ptr, Filestat.SIZE);
    m.write(ptr, new byte[Filestat.SIZE]);
    m.writeLong(ptr, s.dev());
    m.writeLong(ptr + 8, s.ino());
    m.writeByte(ptr + 16, (byte) s.filetype());
    m.writeLong(ptr + 24, s.nlink());
    m.writeLong(ptr + 32, s.size());
    m.writeLong(ptr + 40, s.atim());
    m.writeLong(ptr + 48, s.mtim());
    m.writeLong(ptr + 56, s.ctim());
  }

  static Errno strings(Instance inst, List<String> values, int ptrs, int buf) {
    range(inst, ptrs, 4L * values.size());
    long size = 0;
    for (String v : values) {
      size += v.getBytes(StandardCharsets.UTF_8).length + 1;
    }
    Memory m = range(inst, buf, size);
    int at = buf;
    for (int i = 0; i < values.size(); i++) {
      byte[] b = values.get(i).getBytes(StandardCharsets.UTF_8);
      m.writeI32(ptrs + 4 * i, at);
      m.write(at, b);
      m.writeByte(at + b.length, (byte) 0);
      at += b.length + 1;
    }
    return Errno.SUCCESS;
  }

  static Errno sizes(Instance inst, List<String> values, int countPtr, int sizePtr) {
    long size = 0;
    for (String v : values) {
      size += v.getBytes(StandardCharsets.UTF_8).length + 1;
    }
    range(inst, countPtr, 4);
    range(inst, sizePtr, 4);
    u32(inst, countPtr, values.size());
    u32(inst, sizePtr, (int) size);
    return Errno.SUCCESS;
  }
}
