package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.Failure;
import dev.iotypes.IoArray;
import dev.iotypes.Origin;
import dev.iotypes.Outcome;
import dev.iotypes.testing.Fixture;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Array providers: a guest implements an array (a virtual file) for another guest or Java code,
 * read-only when it exports no writes, and every answer it gives is checked as hostile.
 */
class ProvidedArrayTest {
  @RegisterExtension final Fixture fixture = Fixture.perTest();
  @TempDir Path dir;

  /** A read-only array of 26 bytes, "a" to "z", whose reads answer {@code $answer}. */
  private static String alphabet(String readAnswer) {
    return """
        (module
          (memory (export "memory") 1)
          (data (i32.const 100) "abcdefghijklmnopqrstuvwxyz")
          (func (export "init"))
          (func (export "array-len") (result i64 i32) (i64.const 26) (i32.const 0))
          (func (export "array-read-at") (param $len i32) (param $offset i64) (result i32 i32 i32)
            (local $n i32)
            (if (i64.ge_u (local.get $offset) (i64.const 26))
              (then (return (i32.const 100) (i32.const 0) (i32.const 1))))
            (local.set $n (i32.sub (i32.const 26) (i32.wrap_i64 (local.get $offset))))
            (if (i32.lt_u (local.get $len) (local.get $n)) (then (local.set $n (local.get $len))))
            READ))
        """
        .replace("READ", readAnswer);
  }

  private static final String HONEST =
      "(i32.add (i32.const 100) (i32.wrap_i64 (local.get $offset))) (local.get $n)"
          + " (select (i32.const 1) (i32.const 0) (i32.eq (i32.add (i32.wrap_i64 (local.get"
          + " $offset)) (local.get $n)) (i32.const 26)))";

  @Test
  void aGuestWithoutWriteExportsProvidesAReadOnlyArrayThatAnotherGuestReadsBackwards()
      throws Exception {
    try (Provider provider = Wat.guest("init: func()", alphabet(HONEST)).main().start()) {
      IoArray array = provider.array(Origin.named("alphabet.txt"));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Guest tac = Guest.load(GuestToolsTest.GUESTS.resolve("tac.wasm"));
      assertThat(tac.main().bind("input", array).bind("output", out).call()).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("abcdefghijklmnopqrstuvwxyz");

      Outcome refused = array.writeAt(ByteBuffer.wrap(new byte[] {1}), 0);
      assertThat(refused.isFailed()).isTrue();
      assertThat(refused.failure().kind()).isEqualTo(Failure.Kind.ACCESS);
      assertThat(array.len()).isEqualTo(Outcome.open(26));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "(i32.const 65530) (local.get $n) (i32.const 0)", // a buffer outside its memory
        "(i32.const 100) (i32.add (local.get $len) (i32.const 1)) (i32.const 0)", // more than asked
        "(i32.const 100) (local.get $n) (i32.const 3)", // a status the ABI does not know
        "(i32.const 100) (i32.const 0) (i32.const 0)", // nothing, and still open
        "unreachable" // a trap
      })
  void aProviderThatBreaksItsWordFailsTheArrayForGood(String answer) throws Exception {
    try (Provider provider = Wat.guest("init: func()", alphabet(answer)).main().start()) {
      IoArray array = provider.array(Origin.named("liar"));
      Outcome read = array.readAt(ByteBuffer.allocate(10), 0);
      assertThat(read.isFailed()).isTrue();
      assertThat(read.failure()).isNotEqualTo(Failure.NONE);
      assertThat(array.len()).isEqualTo(read.withCount(0));
      assertThat(array.readAt(ByteBuffer.allocate(10), 0)).isEqualTo(read.withCount(0));
    }
  }

  @Test
  void aProviderThatExportsOnlySomeWritesIsRefusedNamingThem() throws Exception {
    String wat =
        alphabet(HONEST)
            .replace(
                "(func (export \"init\"))",
                "(func (export \"init\")) (func (export \"array-flush\") (result i32) (i32.const"
                    + " 0))");
    try (Provider provider = Wat.guest("init: func()", wat).main().start()) {
      assertThatThrownBy(() -> provider.array(Origin.NONE))
          .isInstanceOf(GuestException.class)
          .hasMessageContaining("exports only some of array-buffer, array-write-at");
    }
  }

  @Test
  void aProviderWithoutArrayExportsIsRefusedNamingTheExport() throws Exception {
    try (Provider provider =
        Wat.guest("init: func()", "(module (func (export \"init\")))").main().start()) {
      assertThatThrownBy(() -> provider.array(Origin.NONE))
          .isInstanceOf(GuestException.class)
          .hasMessageContaining("does not export array-read-at");
    }
  }

  @Test
  void gunzipProvidesTheBytesGnuGzipCompressedAsAnArrayAndAsAnInput() throws Exception {
    byte[] text = "line one\nline two\n".repeat(10_000).getBytes(StandardCharsets.UTF_8);
    Path plain = Files.write(dir.resolve("text.txt"), text);
    Process gzip = new ProcessBuilder("gzip", "-k", plain.toString()).start();
    assertThat(gzip.waitFor()).isZero();
    byte[] compressed = Files.readAllBytes(dir.resolve("text.txt.gz"));
    Guest gunzip = Guest.load(GuestToolsTest.GUESTS.resolve("gunzip.wasm"));

    try (Provider provider = gunzip.main().bind("input", compressed).start()) {
      IoArray array = provider.array(Origin.named("text.txt"));
      assertThat(array.len()).isEqualTo(Outcome.open(text.length));
      ByteBuffer middle = ByteBuffer.allocate(100);
      assertThat(array.readAt(middle, 54_321)).isEqualTo(Outcome.open(100));
      assertThat(middle.array()).isEqualTo(Arrays.copyOfRange(text, 54_321, 54_421));
      assertThat(array.writeAt(ByteBuffer.wrap(new byte[1]), 0).failure().kind())
          .as("read-only: gunzip exports no writes")
          .isEqualTo(Failure.Kind.ACCESS);
    }
    try (Provider provider = gunzip.main().bind("input", compressed).start()) {
      assertThat(Fixture.drain(provider.input(Origin.NONE), 1000)).isEqualTo(text);
    }
  }

  @Test
  void javaCodeWritesAndGrowsAProvidedArray() throws Exception {
    IoArray array = ArrayProviders.array("hello".getBytes(StandardCharsets.UTF_8), fixture);
    assertThat(array.writeAt(ByteBuffer.wrap("!".getBytes(StandardCharsets.UTF_8)), 7))
        .isEqualTo(Outcome.open(1));
    ByteBuffer all = ByteBuffer.allocate(8);
    assertThat(array.readAt(all, 0)).isEqualTo(Outcome.open(8));
    assertThat(all.array()).isEqualTo("hello\0\0!".getBytes(StandardCharsets.UTF_8));
    assertThat(array.setLen(2)).isEqualTo(Outcome.open(0));
    assertThat(array.len()).isEqualTo(Outcome.open(2));
  }
}
