/* tee.wasm IN OUT1 OUT2 — copies IN to both outputs. Like GNU tee, an output that fails is left
 * behind and the copy goes on to the other one; any failure makes the result err. */
#include "iotypes.h"

IOT_MAIN("/// Copy INPUT to both OUTPUT1 and OUTPUT2.");
IOT_MAIN("main: func(");
IOT_MAIN("  /// the bytes to copy");
IOT_MAIN("  input: input-stream,");
IOT_MAIN("  /// the first copy");
IOT_MAIN("  output1: output-stream,");
IOT_MAIN("  /// the second copy");
IOT_MAIN("  output2: output-stream");
IOT_MAIN(") -> result");

static uint8_t buf[64 * 1024];

IOT_EXPORT("main") int32_t iot_main(iot_input in, iot_output out1, iot_output out2) {
    int ok1 = 1, ok2 = 1;
    iot_rw32 r;
    do {
        r = iot_input_read(in, buf, sizeof buf);
        if (ok1) ok1 = iot_write_all(out1, buf, (uint32_t)r.count) == IOT_OPEN;
        if (ok2) ok2 = iot_write_all(out2, buf, (uint32_t)r.count) == IOT_OPEN;
    } while (r.status == IOT_OPEN && (ok1 || ok2));
    int ok = r.status == IOT_ENDED;
    ok &= iot_finish(out1, ok1) == IOT_OK;
    ok &= iot_finish(out2, ok2) == IOT_OK;
    return ok ? IOT_OK : IOT_ERR;
}
