/* gunzip.wasm FILE.gz — provides, to another guest, the decompressed bytes of FILE.gz (every
 * member, checked as gzip -d checks them): as an input stream, decompressed a piece per read,
 *   iotypes run wc.wasm '[gunzip.wasm notes.txt.gz]' -
 * or as a read-only array (a virtual file), decompressed into this module's memory on first use,
 *   iotypes run tac.wasm '[gunzip.wasm notes.txt.gz]' -
 * One provider serves one handle: an input, or an array. Main reads the gzip header, so a file
 * that is not gzip is refused before the consumer starts; a failure later fails the consumer's
 * handle, and is explained once on the diagnostic output. */
#include "inflate.h"
#include "iotypes.h"

IOT_MAIN("/// Provide the decompressed bytes of a gzip file to another guest, as an input or an");
IOT_MAIN("/// array: iotypes run wc.wasm '[gunzip.wasm FILE.gz]' -. iotypes itself decompresses");
IOT_MAIN("/// an argument named NAME.gz; gunzip.wasm decompresses what it is not told is gzip:");
IOT_MAIN("/// standard input, a $(command), a URL, a file named otherwise.");
IOT_MAIN("main: func(");
IOT_MAIN("  /// -f, --force: pass input that is not gzip through unchanged, as gzip -dcf");
IOT_MAIN("  force: bool,");
IOT_MAIN("  /// the gzip file");
IOT_MAIN("  input: input-stream) -> result");

static iot_input source;
static int32_t source_status = IOT_OPEN;
static uint8_t compressed[64 * 1024];
static iot_inflate z;
static int reported;

static int refill(iot_inflate *state) {
    if (source_status != IOT_OPEN) return source_status == IOT_ENDED ? 0 : -1;
    iot_rw32 r = iot_input_read(source, compressed, sizeof compressed);
    source_status = r.status;
    state->in = compressed;
    state->in_len = (uint32_t)r.count;
    if (r.count > 0) return 1;
    return r.status == IOT_ENDED ? 0 : -1;
}

/* gunzip: NAME: why[: the input's error], once. */
static void report(void) {
    if (reported) return;
    reported = 1;
    iot_output err = iot_diagnostic_output();
    iot_write_str(err, "gunzip: ");
    iot_write_input_name(err, source);
    iot_write_str(err, ": ");
    iot_write_str(err, z.error ? z.error : "failed");
    if (z.input_failed) {
        iot_error e = iot_input_error(source);
        if (e != IOT_NONE) {
            iot_write_str(err, ": ");
            iot_output_write_error(err, e);
            iot_error_drop(e);
        }
    }
    iot_write_str(err, "\n");
    iot_output_drop(err);
}

IOT_EXPORT("main") int32_t iot_main(int32_t force, iot_input in) {
    source = in;
    iot_inflate_init(&z, refill, 0);
    if (iot_inflate_begin(&z, force) != 0) {
        if (!z.input_failed && z.members == 0)
            z.error = "not in gzip format (iotypes decompresses an argument named NAME.gz itself:"
                      " use -f, or give the bytes as - or $(cat NAME.gz))";
        report();
        return IOT_ERR;
    }
    return IOT_OK;
}

/* As an input: a piece of the output per read. */
static int streamed;

IOT_PROVIDE_INPUT_READ(len) {
    streamed = 1;
    uint32_t start;
    int32_t status;
    uint32_t n = iot_inflate_some(&z, len, &start, &status);
    if (status == IOT_FAILED) report();
    return iot_provided_at(z.window + start, (int32_t)n, status);
}

/* As an array: the whole output, from __heap_base on, in memory grown as it comes. */
extern uint8_t __heap_base;
static uint8_t *all;
static uint32_t all_len;
static int32_t all_status = -1; /* -1 not yet, IOT_OPEN ready, IOT_FAILED */

static int32_t whole(void) {
    if (all_status >= 0) return all_status;
    all_status = IOT_FAILED;
    if (streamed) {
        z.error = "already provided as an input stream";
        report();
        return all_status;
    }
    all = &__heap_base;
    for (;;) {
        uint32_t start;
        int32_t status;
        uint32_t n = iot_inflate_some(&z, IOT_INFLATE_WINDOW, &start, &status);
        uint64_t end = (uint64_t)(uintptr_t)all + all_len + n;
        uint64_t have = (uint64_t)__builtin_wasm_memory_size(0) * 65536;
        if (end > have) {
            uint64_t pages = (end - have + 65535) / 65536;
            if (end > 0xffff0000u || __builtin_wasm_memory_grow(0, (uint32_t)pages) == (uint32_t)-1) {
                z.error = "out of memory for the whole file";
                report();
                return all_status;
            }
        }
        __builtin_memcpy(all + all_len, z.window + start, n);
        all_len += n;
        if (status == IOT_FAILED) {
            report();
            return all_status;
        }
        if (status == IOT_ENDED) return all_status = IOT_OPEN;
    }
}

IOT_PROVIDE_ARRAY_LEN() {
    int32_t status = whole();
    iot_len64 r = {status == IOT_OPEN ? all_len : 0, status};
    return r;
}

IOT_PROVIDE_ARRAY_READ_AT(len, offset) {
    if (whole() != IOT_OPEN) return iot_provided_at(all, 0, IOT_FAILED);
    if ((uint64_t)offset >= all_len) return iot_provided_at(all, 0, IOT_ENDED);
    uint32_t left = all_len - (uint32_t)offset;
    uint32_t n = len < left ? len : left;
    return iot_provided_at(all + offset, (int32_t)n, n == left ? IOT_ENDED : IOT_OPEN);
}
