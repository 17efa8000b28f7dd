/* utf8check.wasm IN OUT — validates that IN is UTF-8 (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF, no truncated sequence at the end). Valid: writes nothing,
 * result ok. Invalid: writes "NAME: not valid UTF-8\n" (NAME: the input's pseudonym), result err.
 * If reading fails, writes "NAME: " and the host's rendering of the error, result err. */
#include "iotypes.h"

IOT_MAIN("/// Check that INPUT is valid UTF-8; report the first invalid byte's offset on OUTPUT.");
IOT_MAIN("main: func(");
IOT_MAIN("  /// the bytes to check");
IOT_MAIN("  input: input-stream,");
IOT_MAIN("  /// where the report goes");
IOT_MAIN("  output: output-stream");
IOT_MAIN(") -> result");

static uint8_t buf[64 * 1024];

static int32_t report(iot_output out, iot_input in, const char *what, iot_error err) {
    int ok = iot_write_input_name(out, in) == IOT_OPEN && iot_write_str(out, what) == IOT_OPEN;
    if (ok && err != IOT_NONE) ok = iot_output_write_error(out, err).status == IOT_OPEN;
    if (ok && err != IOT_NONE) ok = iot_write_str(out, "\n") == IOT_OPEN;
    if (err != IOT_NONE) iot_error_drop(err);
    iot_finish(out, ok);
    return IOT_ERR;
}

IOT_EXPORT("main") int32_t iot_main(iot_input in, iot_output out) {
    /* need: continuation bytes still expected; [lo, hi]: the range allowed for the next one */
    uint32_t need = 0;
    uint8_t lo = 0x80, hi = 0xBF;
    iot_rw32 r;
    do {
        r = iot_input_read(in, buf, sizeof buf);
        for (int32_t i = 0; i < r.count; i++) {
            uint8_t c = buf[i];
            if (need > 0) {
                if (c < lo || c > hi) goto invalid;
                need--;
                lo = 0x80, hi = 0xBF;
            } else if (c < 0x80) {
                continue;
            } else if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                if (c == 0xE0) lo = 0xA0;      /* overlong */
                else if (c == 0xED) hi = 0x9F; /* surrogates U+D800..U+DFFF */
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                if (c == 0xF0) lo = 0x90;      /* overlong */
                else if (c == 0xF4) hi = 0x8F; /* above U+10FFFF */
            } else {
                goto invalid; /* 0x80..0xC1 (stray or overlong), 0xF5..0xFF */
            }
        }
    } while (r.status == IOT_OPEN);
    if (r.status == IOT_FAILED) return report(out, in, ": ", iot_input_error(in));
    if (need > 0) goto invalid; /* truncated at the end */
    return iot_finish(out, 1);
invalid:
    return report(out, in, ": not valid UTF-8\n", IOT_NONE);
}
