package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.Input;
import dev.iotypes.IoTypes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Guests that misuse the ABI on purpose: every forged handle, bad buffer and bad length must trap,
 * naming the import, before any I/O happens, and no host exception may escape as anything else.
 */
class HostileGuestTest {
  private static final String MAIN = "main: func(input: input-stream, output: output-stream)";

  private static final String IMPORTS =
      """
      (import "iotypes" "input-read" (func $read (param i32 i32 i32) (result i32 i32)))
      (import "iotypes" "input-skip" (func $skip (param i32 i64) (result i64 i32)))
      (import "iotypes" "input-forward" (func $forward (param i32 i32 i64) (result i64 i32)))
      (import "iotypes" "input-drop" (func $input_drop (param i32)))
      (import "iotypes" "output-write" (func $write (param i32 i32 i32) (result i32 i32)))
      (import "iotypes" "output-write-zeros" (func $zeros (param i32 i64) (result i64 i32)))
      (import "iotypes" "input-media-type" (func $media (param i32 i32 i32) (result i32)))
      (import "iotypes" "anonymous" (func $anonymous (result i32)))
      (import "iotypes" "array-read-at" (func $read_at (param i32 i32 i32 i64) (result i32 i32)))
      (import "iotypes" "array-copy" (func $copy (param i32 i64 i32 i64 i64) (result i64 i32)))
      (import "iotypes" "array-advise" (func $advise (param i32 i64 i64 i32)))
      (import "iotypes" "output-write-pseudonym" (func $write_name (param i32 i32) (result i32 i32)))
      (import "iotypes" "input-pseudonym" (func $name (param i32) (result i32)))
      (memory 1)
      """;

  /** Runs {@code body} as main's body (locals $in and $out) against a 5-byte input. */
  private static Input run(String body, String expectedMessage) throws Exception {
    String wat =
        "(module "
            + IMPORTS
            + "(func (export \"main\") (param $in i32) (param $out i32) "
            + body
            + "))";
    Guest guest = Wat.guest(MAIN, wat);
    Input input = IoTypes.input("hello".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(
            () -> guest.main().bind(0, input).bind(1, new ByteArrayOutputStream()).call())
        .isInstanceOf(GuestTrap.class)
        .hasMessageContaining(expectedMessage);
    return input;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "handle zero | (drop (drop (call $read (i32.const 0) (i32.const 0) (i32.const 1)))) | input-read: 0 is not a handle",
        "never issued | (drop (drop (call $read (i32.const 12345) (i32.const 0) (i32.const 1)))) | input-read: 12345 is not a handle",
        "negative | (drop (drop (call $read (i32.const -1) (i32.const 0) (i32.const 1)))) | input-read: -1 is not a handle",
        "wrong type | (drop (drop (call $read (local.get $out) (i32.const 0) (i32.const 1)))) | is not a input-stream",
        "dropped | (call $input_drop (local.get $in)) (drop (drop (call $read (local.get $in) (i32.const 0) (i32.const 1)))) | was dropped",
        "dropped twice | (call $input_drop (local.get $in)) (call $input_drop (local.get $in)) | input-drop: handle 1 was dropped",
        "pseudonym as output | (drop (drop (call $write_name (call $name (local.get $in)) (call $name (local.get $in))))) | is not a output-stream",
        "input as pseudonym | (drop (drop (call $write_name (local.get $out) (local.get $in)))) | is not a pseudonym",
      })
  void forgedHandlesTrapNamingTheImport(String name, String body, String message) throws Exception {
    run(body, message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "past the end | (drop (drop (call $read (local.get $in) (i32.const 65536) (i32.const 1))))",
        "straddling the end | (drop (drop (call $read (local.get $in) (i32.const 65530) (i32.const 7))))",
        "huge length | (drop (drop (call $read (local.get $in) (i32.const 0) (i32.const -1))))",
        "wrapping pointer | (drop (drop (call $read (local.get $in) (i32.const -16) (i32.const 32))))",
        "write past the end | (drop (drop (call $write (local.get $out) (i32.const 65535) (i32.const 2))))",
        "media type past the end | (drop (call $media (local.get $in) (i32.const 65536) (i32.const 64)))",
        "array read straddling | (drop (drop (call $read_at (call $anonymous) (i32.const 65535) (i32.const 2) (i64.const 0))))",
      })
  void badBuffersTrapBeforeAnyByteIsConsumed(String name, String body) throws Exception {
    Input input = run(body, "outside memory");
    ByteBuffer left = ByteBuffer.allocate(16);
    input.read(left);
    assertThat(new String(left.array(), 0, left.position(), StandardCharsets.UTF_8))
        .isEqualTo("hello");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "skip | (drop (drop (call $skip (local.get $in) (i64.const -1)))) | input-skip: length < 0",
        "forward | (drop (drop (call $forward (local.get $in) (local.get $out) (i64.const -5)))) | input-forward: length < 0",
        "write zeros | (drop (drop (call $zeros (local.get $out) (i64.const 0x8000000000000000)))) | output-write-zeros: length < 0",
        "copy length | (drop (drop (call $copy (call $anonymous) (i64.const 0) (call $anonymous) (i64.const 0) (i64.const -1)))) | array-copy: length < 0",
        "copy offset | (drop (drop (call $copy (call $anonymous) (i64.const -1) (call $anonymous) (i64.const 0) (i64.const 1)))) | array-copy: offset < 0",
        "copy overflow | (drop (drop (call $copy (call $anonymous) (i64.const 0) (call $anonymous) (i64.const 0x7fffffffffffffff) (i64.const 2)))) | array-copy: dstOffset + length > Long.MAX_VALUE",
        "read at negative | (drop (drop (call $read_at (call $anonymous) (i32.const 0) (i32.const 1) (i64.const -1)))) | array-read-at: offset < 0",
        "advice | (call $advise (call $anonymous) (i64.const 0) (i64.const 1) (i32.const 6)) | array-advise: no such advice: 6",
      })
  void badLengthsAndOffsetsTrap(String name, String body, String message) throws Exception {
    run(body, message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "huge skip ends | (call $skip (local.get $in) (i64.const 0x7fffffffffffffff)) | 5 1",
        "huge forward ends | (call $forward (local.get $in) (local.get $out) (i64.const 0x7fffffffffffffff)) | 5 1",
      })
  void hugeLengthsAreFineAndStopAtEnd(String name, String call, String expected) throws Exception {
    // (count, status) are stored at 0 and 8 and then written to the output as text-free bytes.
    String wat =
        "(module "
            + IMPORTS
            + "(func (export \"main\") (param $in i32) (param $out i32) (local $n i64) (local $st i32) "
            + call
            + " (local.set $st) (local.set $n)"
            + " (i64.store (i32.const 0) (local.get $n)) (i32.store (i32.const 8) (local.get $st))"
            + " (drop (drop (call $write (local.get $out) (i32.const 0) (i32.const 12))))))";
    Guest guest = Wat.guest(MAIN, wat);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    guest.main().bind(0, "hello".getBytes(StandardCharsets.UTF_8)).bind(1, out).call();
    ByteBuffer result = ByteBuffer.wrap(out.toByteArray()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    result.position(result.limit() - 12);
    assertThat(result.getLong() + " " + result.getInt()).isEqualTo(expected);
  }
}
