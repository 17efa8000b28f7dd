/* upper-sink.wasm OUTPUT — provides, to another guest, an output whose bytes reach OUTPUT with
 * ASCII a-z made A-Z:
 *   iotypes run cat.wasm notes.txt '[upper-sink.wasm shouted.txt]'
 * An output provider over an output of its own: the host puts each write of the consumer in this
 * module's buffer (output-buffer), and output-write changes it there and writes it on. */
#include "iotypes.h"

IOT_MAIN("/// Provide an output that writes its bytes to OUTPUT with ASCII a-z made A-Z:");
IOT_MAIN("/// iotypes run cat.wasm INPUT '[upper-sink.wasm OUTPUT]'");
IOT_MAIN("main: func(");
IOT_MAIN("  /// where the uppercased bytes go");
IOT_MAIN("  output: output-stream) -> result");

static iot_output sink;
static uint8_t buf[64 * 1024];

IOT_EXPORT("main") int32_t iot_main(iot_output out) {
    sink = out;
    return IOT_OK;
}

IOT_PROVIDE_OUTPUT_BUFFER(len) {
    iot_room room = {buf, len < sizeof buf ? (int32_t)len : (int32_t)sizeof buf};
    return room;
}

IOT_PROVIDE_OUTPUT_WRITE(len) {
    uint32_t n = len < sizeof buf ? len : (uint32_t)sizeof buf;
    for (uint32_t i = 0; i < n; i++) {
        uint8_t c = buf[i];
        if (c >= 'a' && c <= 'z') buf[i] = (uint8_t)(c - ('a' - 'A'));
    }
    return iot_output_write(sink, buf, n);
}

IOT_PROVIDE_OUTPUT_FLUSH() { return iot_output_flush(sink); }
