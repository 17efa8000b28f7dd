/* cat.wasm IN OUT — a byte-identical copy. The bytes never enter this instance: input-forward
 * moves them from the input to the output inside the host. */
#include "iotypes.h"

IOT_MAIN("/// Copy INPUT to OUTPUT; the bytes never enter the program (input-forward).");
IOT_MAIN("main: func(");
IOT_MAIN("  /// the bytes to copy");
IOT_MAIN("  input: input-stream,");
IOT_MAIN("  /// where they go");
IOT_MAIN("  output: output-stream");
IOT_MAIN(") -> result");

IOT_EXPORT("main") int32_t iot_main(iot_input in, iot_output out) {
    iot_rw64 r;
    do {
        r = iot_input_forward(in, out, INT64_MAX);
    } while (r.status == IOT_OPEN);
    return iot_finish(out, r.status == IOT_ENDED);
}
