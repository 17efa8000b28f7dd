/* upper.wasm IN OUT — copies IN to OUT with ASCII a-z made A-Z; every other byte unchanged.
 * A plain read / transform / write loop. */
#include "iotypes.h"

IOT_MAIN("main: func(input: input-stream, output: output-stream) -> result");

static uint8_t buf[64 * 1024];

IOT_EXPORT("main") int32_t iot_main(iot_input in, iot_output out) {
    for (;;) {
        iot_rw32 r = iot_input_read(in, buf, sizeof buf);
        for (int32_t i = 0; i < r.count; i++) {
            uint8_t c = buf[i];
            if (c >= 'a' && c <= 'z') buf[i] = (uint8_t)(c - ('a' - 'A'));
        }
        if (iot_write_all(out, buf, (uint32_t)r.count) != IOT_OPEN) return iot_finish(out, 0);
        if (r.status != IOT_OPEN) return iot_finish(out, r.status == IOT_ENDED);
    }
}
