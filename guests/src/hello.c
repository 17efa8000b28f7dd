/* hello.wasm OUT — writes "hello, world\n" (used for start-up benchmarks). */
#include "iotypes.h"

IOT_MAIN("/// Write hello, world and a newline to OUTPUT.");
IOT_MAIN("main: func(");
IOT_MAIN("  /// where the greeting goes");
IOT_MAIN("  output: output-stream");
IOT_MAIN(") -> result");

IOT_EXPORT("main") int32_t iot_main(iot_output out) {
    int ok = iot_write_str(out, "hello, world\n") == IOT_OPEN;
    return iot_finish(out, ok);
}
