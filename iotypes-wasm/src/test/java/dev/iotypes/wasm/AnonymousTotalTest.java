package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The anonymous arrays of one run are bounded together, below the heap: a guest that makes array
 * after array, each under the per-array limit, ends with {@link LimitExceeded}, never an {@link
 * OutOfMemoryError}, and the host goes on.
 */
class AnonymousTotalTest {
  private static final String MAIN = "main: func(output: output-stream)";

  /** Array after array, one byte in every 64 KiB page, each until its write fails. */
  private static final String FILLER =
      """
      (module
        (import "iotypes" "anonymous" (func $anonymous (result i32)))
        (import "iotypes" "array-write-at"
          (func $write_at (param i32 i32 i32 i64) (result i32 i32)))
        (memory 1)
        (func (export "main") (param $out i32) (local $a i32) (local $off i64) (local $status i32)
          (loop $arrays
            (local.set $a (call $anonymous))
            (local.set $off (i64.const 0))
            (loop $pages
              (call $write_at (local.get $a) (i32.const 0) (i32.const 1) (local.get $off))
              (local.set $status)
              (drop)
              (local.set $off (i64.add (local.get $off) (i64.const 65536)))
              (br_if $pages (i32.eqz (local.get $status))))
            (br $arrays))))
      """;

  private static final String NOTHING = "(module (func (export \"main\") (param $out i32)))";

  @Test
  void aGuestFillingArraysPastTheDefaultTotalEndsWithLimitExceeded() throws Exception {
    Guest guest = Guest.load(Wat.module(MAIN, FILLER), "filler.wasm", GuestOptions.DEFAULTS);
    assertThat(GuestOptions.DEFAULTS.maxAnonymousTotal())
        .isLessThanOrEqualTo(Runtime.getRuntime().maxMemory() / 4);
    assertThatThrownBy(() -> guest.main().bind(0, new ByteArrayOutputStream()).call())
        .isInstanceOf(LimitExceeded.class)
        .hasMessageContaining("anonymous arrays")
        .extracting(e -> ((LimitExceeded) e).limit())
        .isEqualTo(LimitExceeded.Limit.MEMORY);
    // The pages were given back: the host goes on, and so does the next run.
    assertThat(
            Guest.load(Wat.module(MAIN, NOTHING), "next.wasm", GuestOptions.DEFAULTS)
                .main()
                .bind(0, new ByteArrayOutputStream())
                .call())
        .isZero();
  }

  @Test
  void theTotalIsAnOption() throws Exception {
    GuestOptions options = GuestOptions.DEFAULTS.withMaxAnonymousTotal(4L << 20);
    Guest guest = Guest.load(Wat.module(MAIN, FILLER), "filler.wasm", options);
    assertThatThrownBy(() -> guest.main().bind(0, new ByteArrayOutputStream()).call())
        .isInstanceOf(LimitExceeded.class)
        .hasMessage(
            "filler.wasm: the anonymous arrays of this run reached their limit of 4194304 bytes"
                + " in array-write-at")
        .extracting(e -> ((LimitExceeded) e).limit())
        .isEqualTo(LimitExceeded.Limit.MEMORY);
  }
}
