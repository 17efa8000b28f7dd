/* cat as a component: every input in turn into the output with blocking-splice of as much as
 * there is, so the bytes go from host stream to host stream and never enter the guest. An input
 * that fails is left where it failed and the next one copied, as GNU cat goes on to the next
 * file; main then returns err (exit 1). */
#define GUEST_WORLD_INPUTS
#include "iotypes-component.h"

bool exports_inputs_main(guest_list_borrow_input_stream_t *inputs,
                         wasi_io_streams_borrow_output_stream_t output) {
    bool ok = true;
    wasi_io_streams_stream_error_t err;
    for (size_t i = 0; i < inputs->len; i++) {
        uint64_t moved;
        while (wasi_io_streams_method_output_stream_blocking_splice(output, inputs->ptr[i], UINT64_MAX,
                                                                    &moved, &err)) {
        }
        ok = ok && err.tag == WASI_IO_STREAMS_STREAM_ERROR_CLOSED;
        wasi_io_streams_stream_error_free(&err);
    }
    if (!wasi_io_streams_method_output_stream_blocking_flush(output, &err)) {
        wasi_io_streams_stream_error_free(&err);
        ok = false;
    }
    return ok;
}
