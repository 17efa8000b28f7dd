package dev.iotypes.component.abi;

import java.util.List;

/**
 * The values the Canonical ABI lifts and lowers, as Java holds them: {@code bool} a Boolean; {@code
 * s8}, {@code u8}, {@code s16}, {@code u16}, {@code s32} an Integer; {@code u32}, {@code s64},
 * {@code u64} a Long ({@code u64} by its bits); floats Float and Double; {@code char} an Integer
 * code point; {@code string} a String; {@code list<u8>} a byte[], other lists a List; {@code
 * option} an Optional; the rest the records below.
 */
public final class Value {
  private Value() {}

  public record Record(List<Object> fields) {}

  public record Tuple(List<Object> values) {}

  /** {@code payload} null for a case without one. */
  public record Variant(int index, Object payload) {}

  public record Enum(int index) {}

  /** {@code payload} null when that side carries none. */
  public record Result(boolean ok, Object payload) {
    public static Result ok(Object payload) {
      return new Result(true, payload);
    }

    public static Result error(Object payload) {
      return new Result(false, payload);
    }
  }

  /** Bit {@code i} set when the {@code i}th flag is. */
  public record Flags(int bits) {}

  /** An owned or borrowed resource as the host sees it: its type and its representation. */
  public record Resource(ResourceType type, Object rep) {}
}
