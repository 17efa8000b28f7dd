/* upper.wasm IN OUT — copies IN to OUT with ASCII a-z made A-Z; every other byte unchanged.
 * A plain read / transform / write loop. The output is the same kind of text as the input, so
 * before writing it declares the input's media type on the output (an output named without an
 * extension, or "-", then carries it); a type longer than the buffer is left undeclared. */
#include "iotypes.h"

IOT_MAIN("/// Copy INPUT to OUTPUT with ASCII letters a-z made upper case; OUTPUT gets INPUT's media type.");
IOT_MAIN("main: func(");
IOT_MAIN("  /// the text to convert");
IOT_MAIN("  input: input-stream,");
IOT_MAIN("  /// where it goes");
IOT_MAIN("  output: output-stream");
IOT_MAIN(") -> result");

static uint8_t buf[64 * 1024];

IOT_EXPORT("main") int32_t iot_main(iot_input in, iot_output out) {
    int32_t n = iot_input_media_type(in, buf, 1024);
    if (n <= 1024) iot_output_set_media_type(out, buf, (uint32_t)n);
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
