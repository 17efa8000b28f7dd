package dev.iotypes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * The anonymous array: growable memory in 64 KiB pages, so it holds more than 2 GiB and a page that
 * was never written costs nothing (it reads as zeros). Every page held, and the index of pages, is
 * drawn from an {@link Allowance}, shared with the other arrays of the same program.
 */
final class MemoryArray extends BaseArray {
  static final int PAGE_SHIFT = 16;
  static final int PAGE = 1 << PAGE_SHIFT;

  /** Page indexes are ints: 2^31 pages of 64 KiB is 128 TiB. */
  static final long MAX_LENGTH = (long) Integer.MAX_VALUE << PAGE_SHIFT;

  private static final byte[] ZEROS = new byte[PAGE];

  private final long maxLength;
  private final Allowance allowance;
  private byte[][] pages = new byte[0][];
  private long length;

  MemoryArray(Origin origin, long maxLength) {
    this(origin, maxLength, Allowance.UNLIMITED);
  }

  MemoryArray(Origin origin, long maxLength, Allowance allowance) {
    super(origin);
    this.allowance = Objects.requireNonNull(allowance, "allowance");
    if (maxLength < 0 || maxLength > MAX_LENGTH) {
      throw new IllegalArgumentException("maxLength outside [0, " + MAX_LENGTH + "]: " + maxLength);
    }
    this.maxLength = maxLength;
  }

  @Override
  protected int readSomeAt(ByteBuffer dst, long offset) {
    if (offset >= length) {
      return -1;
    }
    int inPage = (int) (offset & (PAGE - 1));
    int n = (int) Math.min(Math.min(dst.remaining(), PAGE - inPage), length - offset);
    byte[] page = page(offset);
    if (page == null) {
      dst.put(ZEROS, 0, n);
    } else {
      dst.put(page, inPage, n);
    }
    return n;
  }

  @Override
  protected int writeSomeAt(ByteBuffer src, long offset) throws IOException {
    if (offset >= maxLength) {
      throw new TooLarge("anonymous array limit " + maxLength + " reached at " + offset);
    }
    int inPage = (int) (offset & (PAGE - 1));
    int n = (int) Math.min(Math.min(src.remaining(), PAGE - inPage), maxLength - offset);
    src.get(materialize(offset), inPage, n);
    length = Math.max(length, offset + n);
    return n;
  }

  @Override
  protected long length() {
    return length;
  }

  @Override
  protected void setLength(long newLength) throws IOException {
    if (newLength > maxLength) {
      throw new TooLarge("anonymous array limit " + maxLength + " < length " + newLength);
    }
    if (newLength < length) {
      int keep = (int) ((newLength + PAGE - 1) >>> PAGE_SHIFT);
      if (keep < pages.length) {
        release(keep);
      }
      byte[] last = page(newLength);
      if (last != null) {
        int from = (int) (newLength & (PAGE - 1));
        Arrays.fill(last, from, PAGE, (byte) 0);
      }
    }
    length = newLength;
  }

  @Override
  protected void closeBackend() {
    release(0);
    allowance.give((long) pages.length * Long.BYTES);
    pages = new byte[0][];
    length = 0;
  }

  private byte[] page(long offset) {
    long index = offset >>> PAGE_SHIFT;
    return index < pages.length ? pages[(int) index] : null;
  }

  /** Drops the pages from {@code index} on, giving them back to the allowance. */
  private void release(int index) {
    for (int i = index; i < pages.length; i++) {
      if (pages[i] != null) {
        pages[i] = null;
        allowance.give(PAGE);
      }
    }
  }

  private byte[] materialize(long offset) throws TooLarge {
    int index = (int) (offset >>> PAGE_SHIFT);
    if (index >= pages.length) {
      int grown = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(index + 1L, pages.length * 2L));
      int size = Math.max(grown, index + 1);
      // The index itself is counted: one write far out would otherwise cost megabytes unseen.
      if (!allowance.take((long) (size - pages.length) * Long.BYTES)) {
        throw spent();
      }
      pages = Arrays.copyOf(pages, size);
    }
    byte[] page = pages[index];
    if (page == null) {
      if (!allowance.take(PAGE)) {
        throw spent();
      }
      page = new byte[PAGE];
      pages[index] = page;
    }
    return page;
  }

  private TooLarge spent() {
    return new TooLarge(
        "the allowance of " + allowance.limit() + " bytes shared by anonymous arrays is spent");
  }

  /** The one failure an anonymous array can have: its configured limit. */
  static final class TooLarge extends IOException {
    TooLarge(String message) {
      super(message);
    }
  }
}
