package dev.iotypes.component.binary;

/** An option of {@code canon lift} or {@code canon lower}. */
public sealed interface CanonOption {
  enum StringEncoding implements CanonOption {
    UTF8,
    UTF16,
    LATIN1_UTF16
  }

  record Memory(int coreMemory) implements CanonOption {}

  record Realloc(int coreFunc) implements CanonOption {}

  record PostReturn(int coreFunc) implements CanonOption {}

  static CanonOption read(Reader r) {
    int b = r.u8();
    return switch (b) {
      case 0x00 -> StringEncoding.UTF8;
      case 0x01 -> StringEncoding.UTF16;
      case 0x02 -> StringEncoding.LATIN1_UTF16;
      case 0x03 -> new Memory(r.u32());
      case 0x04 -> new Realloc(r.u32());
      case 0x05 -> new PostReturn(r.u32());
      case 0x06, 0x07 -> throw r.error("async canonical options are not supported");
      default -> throw r.error("invalid canonical option 0x" + Integer.toHexString(b));
    };
  }
}
