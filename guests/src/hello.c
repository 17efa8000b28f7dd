/* hello.wasm OUT — writes "hello, world\n" (used for start-up benchmarks). */
#include "iotypes.h"

IOT_MAIN("main: func(output: output-stream) -> result");

IOT_EXPORT("main") int32_t iot_main(iot_output out) {
    int ok = iot_write_str(out, "hello, world\n") == IOT_OPEN;
    return iot_finish(out, ok);
}
