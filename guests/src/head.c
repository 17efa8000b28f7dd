/* head.wasm [-n N] [-c N] IN OUT — the first N lines of IN (10 unless -n), like `head -n N`:
 * everything up to and including the Nth '\n' (or all of IN if it has fewer); with -c N, the
 * first N bytes, like `head -c N`. Stops reading there. */
#include "iotypes.h"

IOT_MAIN("/// Print the first 10 lines of INPUT to OUTPUT.");
IOT_MAIN("main: func(");
IOT_MAIN("  /// -n, --lines: print the first N lines instead of the first 10");
IOT_MAIN("  /// default: 10");
IOT_MAIN("  lines: u64,");
IOT_MAIN("  /// -c, --bytes: print the first N bytes instead of lines");
IOT_MAIN("  bytes: option<u64>,");
IOT_MAIN("  /// the text to read");
IOT_MAIN("  input: input-stream,");
IOT_MAIN("  /// where its head goes");
IOT_MAIN("  output: output-stream");
IOT_MAIN(") -> result");

static uint8_t buf[64 * 1024];

static int32_t head_bytes(uint64_t left, iot_input in, iot_output out) {
    while (left > 0) {
        uint32_t want = left < sizeof buf ? (uint32_t)left : (uint32_t)sizeof buf;
        iot_rw32 r = iot_input_read(in, buf, want);
        if (iot_write_all(out, buf, (uint32_t)r.count) != IOT_OPEN) return iot_finish(out, 0);
        left -= (uint32_t)r.count;
        if (r.status != IOT_OPEN) return iot_finish(out, r.status == IOT_ENDED);
    }
    return iot_finish(out, 1);
}

IOT_EXPORT("main") int32_t iot_main(uint64_t lines, int32_t has_bytes, uint64_t bytes,
                                    iot_input in, iot_output out) {
    if (has_bytes) return head_bytes(bytes, in, out);
    uint64_t left = lines;
    while (left > 0) {
        iot_rw32 r = iot_input_read(in, buf, sizeof buf);
        int32_t n = 0;
        while (n < r.count && left > 0) {
            if (buf[n++] == '\n') left--;
        }
        if (iot_write_all(out, buf, (uint32_t)n) != IOT_OPEN) return iot_finish(out, 0);
        if (r.status != IOT_OPEN) return iot_finish(out, r.status == IOT_ENDED);
    }
    return iot_finish(out, 1);
}
