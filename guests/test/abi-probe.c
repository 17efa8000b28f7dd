/* abi-probe.c — calls every import of iotypes.h so that check-abi.sh can compare the signatures
 * clang emits with the table in docs/abi.md. Never run; not a tool. */
#include "iotypes.h"

IOT_MAIN("main: func(h: u32) -> result");

static volatile int64_t sink;
static char b[8];

IOT_EXPORT("main") int32_t iot_main(int32_t h) {
    sink += iot_input_read(h, b, 8).count + iot_input_skip(h, 1).count;
    sink += iot_input_forward(h, h, 1).count + iot_input_media_type(h, b, 8);
    sink += iot_input_pseudonym(h) + iot_input_error(h);
    iot_input_drop(h);
    sink += iot_output_write(h, b, 8).count + iot_output_write_zeros(h, 1).count;
    sink += iot_output_flush(h) + iot_output_media_type(h, b, 8) + iot_output_pseudonym(h);
    sink += iot_output_set_media_type(h, b, 8);
    sink += iot_output_write_pseudonym(h, h).count + iot_output_write_error(h, h).count;
    sink += iot_output_error(h) + iot_output_set_media_type(h, b, 8);
    iot_output_drop(h);
    sink += iot_array_read_at(h, b, 8, 0).count + iot_array_write_at(h, b, 8, 0).count;
    sink += iot_array_len(h).len + iot_array_set_len(h, 1);
    iot_array_advise(h, 0, 1, IOT_ADVICE_NORMAL);
    sink += iot_array_flush(h) + iot_array_media_type(h, b, 8) + iot_array_pseudonym(h);
    sink += iot_array_copy(h, 0, h, 0, 1).count + iot_array_error(h);
    iot_array_drop(h);
    iot_pseudonym_drop(h);
    iot_error_drop(h);
    sink += iot_pipe().out + iot_null_output() + iot_input_from_array(h, 0);
    sink += iot_output_from_array(h, 0) + iot_anonymous() + iot_from_stream(h).array;
    sink += iot_diagnostic_output();
    sink += iot_clock_monotonic_now(h) + iot_clock_wall_now(h).secs + iot_clock_resolution(h);
    sink += iot_clock_deadline(h, 0);
    iot_clock_drop(h);
    sink += iot_random_fill(h, b, 8);
    iot_random_drop(h);
    sink += iot_input_pollable(h) + iot_output_pollable(h) + iot_pollable_ready(h);
    iot_pollable_drop(h);
    sink += iot_poll((const iot_pollable *)b, 2, (uint8_t *)b);
    sink += iot_directory_next(h, b, 8).size + iot_directory_name(h, b, 8);
    sink += iot_directory_media_type(h, b, 8) + iot_directory_pseudonym(h) + iot_directory_open(h);
    iot_directory_drop(h);
    sink += iot_output_directory_create(h, b, 8);
    iot_output_directory_drop(h);
    return 0;
}
