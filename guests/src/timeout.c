/* timeout.wasm [--seconds N] IN OUT — copies IN to OUT until IN ends or N seconds have passed on
 * the run's clock, like `timeout N cat`: exit 0 when the input ended, 124 when time ran out, 1
 * when a stream failed. It polls the input and the deadline together, so it never blocks on an
 * input that has nothing to say: a slow pipe is cut off at the deadline. */
#include "iotypes.h"

IOT_MAIN("/// Copy INPUT to OUTPUT until INPUT ends or the time runs out (exit 124).");
IOT_MAIN("main: func(");
IOT_MAIN("  /// -s, --seconds: stop after N seconds of the run's clock");
IOT_MAIN("  /// default: 10");
IOT_MAIN("  seconds: u32,");
IOT_MAIN("  clock: clock,");
IOT_MAIN("  input: input-stream,");
IOT_MAIN("  output: output-stream) -> u32");

static uint8_t buf[64 * 1024];

IOT_EXPORT("main") uint32_t iot_main(uint32_t seconds, iot_clock clock, iot_input in,
                                     iot_output out) {
    int64_t at = iot_clock_monotonic_now(clock) + (int64_t)seconds * 1000000000;
    iot_pollable waits[2] = {iot_clock_deadline(clock, at), iot_input_pollable(in)};
    uint8_t ready[2];
    for (;;) {
        iot_poll(waits, 2, ready);
        if (ready[0]) {
            iot_output_flush(out);
            return 124;
        }
        iot_rw32 r = iot_input_read(in, buf, sizeof buf);
        if (r.count > 0 && iot_write_all(out, buf, (uint32_t)r.count) != IOT_OPEN) return 1;
        if (r.status == IOT_ENDED) return iot_output_flush(out) == IOT_OPEN ? 0 : 1;
        if (r.status == IOT_FAILED) return 1;
    }
}
