/* head.wasm --lines N IN OUT — the first N lines of IN, like `head -n N`: everything up to and
 * including the Nth '\n' (or all of IN if it has fewer). Stops reading there. */
#include "iotypes.h"

IOT_MAIN("main: func(lines: u32, input: input-stream, output: output-stream) -> result");

static uint8_t buf[64 * 1024];

IOT_EXPORT("main") int32_t iot_main(uint32_t lines, iot_input in, iot_output out) {
    uint32_t left = lines;
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
