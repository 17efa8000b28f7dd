/* sha256sum as a component: "HASH  NAME" for each input, as GNU sha256sum prints it, NAME being
 * the input's pseudonym (what the user typed, `-` for standard input), which the host renders
 * into the output without the guest seeing it. GNU escapes a name holding a backslash or a
 * newline; the guest cannot tell, so it never does. An input that fails gets no line, the others
 * go on, and main returns err. SHA-256 is guests/lib/sha256.c's (FIPS 180-4). */
#define GUEST_WORLD_INPUTS
#include "iotypes-component.h"
#include "sha256.h"

#define CHUNK (64 * 1024)

static uint8_t buf[CHUNK + 128]; /* a multiple of 64, plus room for the padding */

/* Hashes `in` to its end into 64 hex digits; false if it failed. */
static bool hash(wasi_io_streams_borrow_input_stream_t in, char hex[64]) {
    uint32_t h[8] = IOT_SHA256_INIT;
    uint64_t total = 0;
    uint32_t have = 0; /* bytes in buf not yet compressed, < 64 between reads */
    guest_list_u8_t chunk;
    wasi_io_streams_stream_error_t err;
    while (wasi_io_streams_method_input_stream_blocking_read(in, CHUNK - have, &chunk, &err)) {
        if (chunk.len > CHUNK - have) __builtin_trap(); /* more than asked for */
        __builtin_memcpy(buf + have, chunk.ptr, chunk.len);
        total += chunk.len;
        have += (uint32_t)chunk.len;
        guest_list_u8_free(&chunk);
        iot_sha256_compress(h, buf, have / 64);
        uint32_t done = have / 64 * 64;
        __builtin_memmove(buf, buf + done, have - done);
        have -= done;
    }
    bool ended = err.tag == WASI_IO_STREAMS_STREAM_ERROR_CLOSED;
    wasi_io_streams_stream_error_free(&err);
    if (ended) iot_sha256_finish(h, buf, have, total, hex);
    return ended;
}

static bool put(wasi_io_streams_borrow_output_stream_t out, const void *ptr, size_t len) {
    guest_list_u8_t bytes = {(uint8_t *)ptr, len};
    wasi_io_streams_stream_error_t err;
    if (wasi_io_streams_method_output_stream_blocking_write_and_flush(out, &bytes, &err)) return true;
    wasi_io_streams_stream_error_free(&err);
    return false;
}

static bool write_name(wasi_io_streams_borrow_output_stream_t out,
                       wasi_io_streams_borrow_input_stream_t in) {
    iotypes_io_streams_own_pseudonym_t name = iotypes_io_streams_input_pseudonym(in);
    wasi_io_streams_stream_error_t err;
    bool ok = iotypes_io_streams_write_pseudonym(out, iotypes_io_streams_borrow_pseudonym(name), &err);
    if (!ok) wasi_io_streams_stream_error_free(&err);
    iotypes_io_streams_pseudonym_drop_own(name);
    return ok;
}

bool exports_inputs_main(guest_list_borrow_input_stream_t *inputs,
                         wasi_io_streams_borrow_output_stream_t output) {
    bool ok = true;
    for (size_t i = 0; i < inputs->len; i++) {
        char line[66];
        if (!hash(inputs->ptr[i], line)) {
            ok = false;
            continue;
        }
        line[64] = line[65] = ' ';
        if (!put(output, line, sizeof line) || !write_name(output, inputs->ptr[i]) ||
            !put(output, "\n", 1))
            return false;
    }
    return ok;
}
