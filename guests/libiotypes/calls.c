/* calls.c — the multi-value imports as functions of one result and an out-parameter status, for
 * code built in one clang step at -O2 (iotypes-libc.h). This file alone makes multi-value calls,
 * so guests/build.sh compiles it the safe way: -O2 to bitcode, then Wasm at -O0, where clang 14's
 * register-stackify pass (which mishandles their results) does not run. */
#include "iotypes-libc.h"

int32_t iot_read(iot_input in, void *buf, uint32_t len, int32_t *status) {
    iot_rw32 r = iot_input_read(in, buf, len);
    *status = r.status;
    return r.count;
}

int64_t iot_skip(iot_input in, int64_t len, int32_t *status) {
    iot_rw64 r = iot_input_skip(in, len);
    *status = r.status;
    return r.count;
}

int64_t iot_forward(iot_input in, iot_output out, int64_t len, int32_t *status) {
    iot_rw64 r = iot_input_forward(in, out, len);
    *status = r.status;
    return r.count;
}

int32_t iot_write(iot_output out, const void *buf, uint32_t len, int32_t *status) {
    iot_rw32 r = iot_output_write(out, buf, len);
    *status = r.status;
    return r.count;
}

int64_t iot_write_zeros(iot_output out, int64_t len, int32_t *status) {
    iot_rw64 r = iot_output_write_zeros(out, len);
    *status = r.status;
    return r.count;
}

int32_t iot_read_at(iot_array arr, void *buf, uint32_t len, int64_t offset, int32_t *status) {
    iot_rw32 r = iot_array_read_at(arr, buf, len, offset);
    *status = r.status;
    return r.count;
}

int32_t iot_write_at(iot_array arr, const void *buf, uint32_t len, int64_t offset,
                     int32_t *status) {
    iot_rw32 r = iot_array_write_at(arr, buf, len, offset);
    *status = r.status;
    return r.count;
}

int64_t iot_length(iot_array arr, int32_t *status) {
    iot_len64 r = iot_array_len(arr);
    *status = r.status;
    return r.len;
}

int64_t iot_copy(iot_array src, int64_t offset, iot_array dst, int64_t dst_offset, int64_t len,
                 int32_t *status) {
    iot_rw64 r = iot_array_copy(src, offset, dst, dst_offset, len);
    *status = r.status;
    return r.count;
}

int32_t iot_render_pseudonym(iot_output out, iot_pseudonym name) {
    return iot_output_write_pseudonym(out, name).status;
}

int32_t iot_render_error(iot_output out, iot_error err) {
    return iot_output_write_error(out, err).status;
}

iot_input iot_make_pipe(iot_output *out) {
    iot_pipe_ends ends = iot_pipe();
    *out = ends.out;
    return ends.in;
}

iot_array iot_stream_array(iot_input in, int32_t *status) {
    iot_array_status r = iot_from_stream(in);
    *status = r.status;
    return r.array;
}
