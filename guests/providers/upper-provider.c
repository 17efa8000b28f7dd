/* upper-provider.wasm INPUT — provides, to another guest, INPUT's bytes with ASCII a-z made A-Z:
 *   iotypes run cat.wasm '[upper-provider.wasm notes.txt]' -
 * An input provider over an input of its own: each input-read of the consumer reads INPUT into
 * this module's buffer, changes it there, and answers where it is. */
#include "iotypes.h"

IOT_MAIN("/// Provide INPUT's bytes with ASCII a-z made A-Z, as an input for another guest:");
IOT_MAIN("/// iotypes run cat.wasm '[upper-provider.wasm INPUT]' -");
IOT_MAIN("main: func(");
IOT_MAIN("  /// the bytes to provide, uppercased");
IOT_MAIN("  input: input-stream) -> result");

static iot_input source;
static uint8_t buf[64 * 1024];

IOT_EXPORT("main") int32_t iot_main(iot_input in) {
    source = in;
    return IOT_OK;
}

IOT_PROVIDE_INPUT_READ(len) {
    iot_rw32 r = iot_input_read(source, buf, len < sizeof buf ? len : (uint32_t)sizeof buf);
    for (int32_t i = 0; i < r.count; i++) {
        uint8_t c = buf[i];
        if (c >= 'a' && c <= 'z') buf[i] = (uint8_t)(c - ('a' - 'A'));
    }
    return iot_provided_at(buf, r.count, r.status);
}
