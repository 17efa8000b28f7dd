package dev.iotypes.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.wabt.Wat2Wasm;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.InvalidException;
import com.dylibso.chicory.wasm.MalformedException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The engine's body validator on the corners of the binary format and of the validation algorithm,
 * each a module of one function [] -> [] (or as stated) with a memory, written byte by byte ({@link
 * #body}), or in the text format: what it refuses, what it accepts, and what it leaves to Chicory.
 */
class CodeValidatorTest {

  /** A module of one function of type 0 ([] -> []) with the body in hex (locals first). */
  private static byte[] body(String hex) {
    return body("", hex);
  }

  /** As {@link #body(String)}, after the given extra types (hex, each {@code 60 ...}). */
  private static byte[] body(String types, String hex) {
    byte[] code = HexFormat.of().parseHex(hex.replace(" ", ""));
    byte[] typeBytes = HexFormat.of().parseHex(("600000" + types).replace(" ", ""));
    int typeCount = 1 + countTypes(types);
    var m = new WasmBinary.Code();
    m.raw(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    var t = new WasmBinary.Code().u32(typeCount).raw(typeBytes);
    m.u8(1).u32(t.bytes().length).raw(t.bytes());
    m.u8(3).u32(2).u8(1).u8(0); // one function of type 0
    m.u8(5).u32(3).u8(1).u8(0).u8(1); // memory 1
    var c = new WasmBinary.Code().u32(1).u32(code.length).raw(code);
    m.u8(10).u32(c.bytes().length).raw(c.bytes());
    return m.bytes();
  }

  private static int countTypes(String types) {
    return types.isBlank() ? 0 : types.trim().split("\\s*60\\s*", -1).length - 1;
  }

  private static void valid(byte[] module) {
    assertThatCode(() -> FirstRun.load(module)).doesNotThrowAnyException();
    assertThatCode(() -> FirstRun.chicory(module)).doesNotThrowAnyException();
  }

  private static void malformed(byte[] module) {
    assertThatThrownBy(() -> FirstRun.load(module)).isInstanceOf(MalformedException.class);
  }

  private static void invalid(byte[] module, String message) {
    assertThatThrownBy(() -> FirstRun.load(module))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining(message);
  }

  @Test
  void plainBodiesAreValid() {
    valid(body("00 0b"));
    valid(body("00 41 01 1a 0b")); // i32.const 1 drop
    valid(body("01 02 7f 00 0b")); // two i32 locals
    valid(body("00 41 ff ff ff ff 07 1a 0b")); // i32.const INT_MAX in five bytes
    valid(body("00 42 80 80 80 80 80 80 80 80 80 7f 1a 0b")); // i64.const MIN_VALUE in ten
  }

  @Test
  void theFunctionsOwnEndIsRequiredAndNothingAfterIt() {
    malformed(body("00 02 40 0b")); // block end: the function's end is missing
    malformed(body("00 0b 01")); // a byte after the end
    malformed(body("00 0b 0b"));
    malformed(body("00"));
  }

  @Test
  void integersAreHeldToTheirBounds() {
    malformed(body("00 41 80 80 80 80 80 00 1a 0b")); // i32.const in six bytes
    malformed(body("00 41 ff ff ff ff 0f 1a 0b")); // bits past the 32nd that are not the sign
    malformed(body("00 41 80 80 80 80 70 1a 0b"));
    malformed(body("00 42 80 80 80 80 80 80 80 80 80 01 1a 0b")); // i64: 10th byte not a sign
    malformed(body("00 20 80 80 80 80 10 1a 0b")); // local index past u32
    malformed(body("00 28 02 80 80 80 80 10 1a 0b")); // offset past u32
    malformed(body("00 41")); // cut short
  }

  @Test
  void alignmentPastNaturalIsInvalid() {
    valid(body("00 41 00 28 02 00 1a 0b")); // i32.load align=4
    invalid(body("00 41 00 28 03 00 1a 0b"), "alignment");
    invalid(body("00 41 00 2d 01 00 1a 0b"), "alignment"); // i32.load8_u align=2
    invalid(body("00 41 00 42 00 37 04 00 0b"), "alignment"); // i64.store align=16
  }

  @Test
  void typesAreChecked() {
    invalid(body("00 41 00 42 00 6a 1a 0b"), "type mismatch"); // i32.add of i64
    invalid(body("00 6a 0b"), "type mismatch"); // nothing to add
    invalid(body("00 41 00 0b"), "type mismatch"); // a value left at the end
    invalid(body("00 20 00 1a 0b"), "unknown local 0");
    invalid(body("00 23 00 1a 0b"), "unknown global 0");
    invalid(body("00 10 05 0b"), "unknown function 5");
    invalid(body("00 0c 01 0b"), "unknown label 1");
    valid(body("00 00 6a 6a 1a 0b")); // unreachable: the stack is polymorphic
    invalid(body("00 00 41 00 42 00 6a 1a 0b"), "type mismatch"); // but what is on it counts
  }

  @Test
  void brTableTargetsMustAgreeEvenWhereUnreachable() {
    // (block (result f64) (block (result f32) unreachable (br_table 0 1 (i32.const 1))) drop)
    byte[] module =
        body("00 02 7c 02 7d 00 41 01 0e 01 00 01 0b 1a 44 00 00 00 00 00 00 00 00 0b 1a 0b");
    invalid(module, "br_table");
    assertThatCode(() -> FirstRun.chicory(module)).doesNotThrowAnyException(); // Chicory's fault
  }

  @Test
  void brTableOfMoreTargetsThanBytesIsMalformedBeforeAnythingIsAllocated() {
    malformed(body("00 41 00 0e ff ff ff ff 0f 00 0b"));
  }

  @Test
  void localsAreCountedBeforeTheyAreKept() {
    malformed(body("ff ff ff ff 0f 0b")); // four billion entries in six bytes
    malformed(body("01 d1 86 03 7f 0b")); // 50,001 locals in one entry: past Chicory's limit
    valid(body("01 d0 86 03 7f 0b")); // 50,000
    // more than 2^32 locals in all, 50,000 at a time, is refused however many there are
    StringBuilder many = new StringBuilder("d8 ae 05"); // 87,896 entries
    for (int i = 0; i < 87_896; i++) {
      many.append("d0863 7f".replace(" ", "")).append(' ');
    }
    malformed(body(many.append("0b").toString()));
  }

  @Test
  void bulkMemoryNeedsTheDataCountSection() {
    byte[] wasm =
        Wat2Wasm.parse(
            """
            (module (memory 1) (data "x")
              (func (memory.init 0 (i32.const 0) (i32.const 0) (i32.const 1)) (data.drop 0)))
            """);
    valid(wasm);
    // the same bytes without the data count section (id 12, one byte of content)
    String hex = HexFormat.of().formatHex(wasm);
    int at = hex.indexOf("0c0101");
    byte[] without = HexFormat.of().parseHex(hex.substring(0, at) + hex.substring(at + 6));
    malformed(without);
  }

  @Test
  void refFuncNamesADeclaredFunction() {
    // a function referring to itself, declared by its export: Chicory refuses it (it looks at
    // declarative segments only), the spec does not
    byte[] self = Wat2Wasm.parse("(module (func $f (export \"f\") (drop (ref.func $f))))");
    assertThatCode(() -> FirstRun.load(self)).doesNotThrowAnyException();
    assertThatThrownBy(() -> FirstRun.chicory(self)).hasMessageContaining("undeclared");
    valid(
        Wat2Wasm.parse(
            "(module (table 1 funcref) (elem (i32.const 0) $g) (func $g) (func (drop (ref.func"
                + " $g))))"));
    valid(Wat2Wasm.parse("(module (elem declare func $g) (func $g) (func (drop (ref.func $g))))"));
    invalid(body("00 d2 00 1a 0b"), "undeclared function reference 0");
  }

  @Test
  void referenceTypesAndMultiValueAreValidated() {
    valid(
        Wat2Wasm.parse(
            """
            (module
              (table $t 2 externref) (table $u 2 funcref) (elem $e funcref (ref.func $f))
              (func $f (param i32 i64) (result i64 i32)
                (local.get 1) (local.get 0))
              (func (result i32)
                (drop (table.grow $t (ref.null extern) (i32.const 1)))
                (table.set $t (i32.const 0) (table.get $t (i32.const 1)))
                (table.fill $u (i32.const 0) (ref.null func) (i32.const 1))
                (table.init $u $e (i32.const 0) (i32.const 0) (i32.const 1))
                (elem.drop $e)
                (table.copy $u $u (i32.const 0) (i32.const 1) (i32.const 1))
                (drop (select (result externref) (ref.null extern) (ref.null extern) (i32.const 1)))
                (drop (ref.is_null (ref.func $f)))
                (i32.const 3) (i64.const 4)
                (block (param i32 i64) (result i64 i32) (call $f))
                (drop) (drop) (drop (table.size $t))
                (call_indirect $u (param i32 i64) (result i64 i32)
                  (i32.const 1) (i64.const 2) (i32.const 0))
                (drop) (drop)
                (i32.trunc_sat_f64_u (f64.const 1))))
            """));
    invalid(body("00 41 00 25 00 1a 0b"), "unknown table 0");
    invalid(body("00 fc 0d 00 0b"), "unknown elem segment 0");
  }

  @Test
  void anIfWithoutElseMustLeaveItsParametersAsItsResults() {
    // type 1: [i32] -> [f32]; (i32.const 0) (i32.const 1) (if (type 1) (then (f32.const 0) drop?))
    byte[] module = body("60 01 7f 01 7d", "00 41 00 41 01 04 01 1a 43 00 00 00 00 0b 1a 0b");
    invalid(module, "if without else");
    assertThatCode(() -> FirstRun.chicory(module)).doesNotThrowAnyException(); // Chicory's fault
  }

  @Test
  void whatTheValidatorDoesNotKnowIsChicorysToJudge() {
    // SIMD: v128.const then drop is valid; i8x16.add of one vector is not
    valid(body("00 fd 0c 00000000000000000000000000000000 1a 0b"));
    assertThatThrownBy(
            () -> FirstRun.load(body("00 fd 0c 00000000000000000000000000000000 fd 6e 1a 0b")))
        .isInstanceOf(ChicoryException.class);
    // a memory index in a memarg (multiple memories): the only memory is 0
    valid(body("00 41 00 28 42 00 00 1a 0b"));
    assertThatThrownBy(() -> FirstRun.load(body("00 41 00 28 42 01 00 1a 0b")))
        .isInstanceOf(ChicoryException.class);
    // an unknown opcode is Chicory's to call malformed
    assertThatThrownBy(() -> FirstRun.load(body("00 ff 0b"))).isInstanceOf(ChicoryException.class);
  }

  @Test
  void aBlockTypeIndexChicoryReadsAsAValueTypeIsChicorysReading() {
    // 128 types; a block of type index 127 (s33: ff 00), which Chicory reads as i32 (0x7f)
    StringBuilder types = new StringBuilder();
    for (int i = 1; i < 128; i++) {
      types.append("60 00 00 ");
    }
    byte[] module = body(types.toString(), "00 02 ff 00 41 00 0b 1a 0b");
    assertThat(verdict(() -> FirstRun.load(module)))
        .isEqualTo(verdict(() -> FirstRun.chicory(module)));
  }

  private static String verdict(Runnable r) {
    try {
      r.run();
      return "accepted";
    } catch (RuntimeException e) {
      return "refused";
    }
  }

  @Test
  void deepNestingAndHugeBodiesStayWithinTheValidatorsArrays() {
    StringBuilder hex = new StringBuilder("00");
    int depth = 200_000;
    hex.append("0240".repeat(depth)).append("0b".repeat(depth)).append("0b");
    valid(body(hex.toString()));
  }
}
