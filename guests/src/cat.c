/* cat.wasm IN OUT — a byte-identical copy. The bytes never enter this instance: input-forward
 * moves them from the input to the output inside the host. */
#include "iotypes.h"

IOT_MAIN("main: func(input: input-stream, output: output-stream) -> result");

IOT_EXPORT("main") int32_t iot_main(iot_input in, iot_output out) {
    iot_rw64 r;
    do {
        r = iot_input_forward(in, out, INT64_MAX);
    } while (r.status == IOT_OPEN);
    return iot_finish(out, r.status == IOT_ENDED);
}
