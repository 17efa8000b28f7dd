/* wc.wasm IN OUT — prints "LINES WORDS BYTES NAME\n" with single spaces, NAME being the input's
 * pseudonym (the argument as the user typed it). Counts as GNU wc (coreutils 9.1) in the C
 * locale: lines are '\n' bytes; a word is a run of bytes other than space, \t, \n, \v, \f, \r
 * that holds at least one printable byte (0x21..0x7E): other bytes, such as controls and
 * bytes >= 0x80, neither start nor end a word. */
#include "iotypes.h"
#include "wordcount.h"

IOT_MAIN("main: func(input: input-stream, output: output-stream) -> result");

static uint8_t buf[64 * 1024];

IOT_EXPORT("main") int32_t iot_main(iot_input in, iot_output out) {
    iot_wordcount count = {0, 0, 0};
    uint64_t bytes = 0;
    iot_rw32 r;
    do {
        r = iot_input_read(in, buf, sizeof buf);
        bytes += (uint32_t)r.count;
        iot_wordcount_add(&count, buf, (uint32_t)r.count);
    } while (r.status == IOT_OPEN);
    if (r.status != IOT_ENDED) return iot_finish(out, 0);

    int ok = iot_write_u64(out, count.lines) == IOT_OPEN && iot_write_str(out, " ") == IOT_OPEN &&
             iot_write_u64(out, count.words) == IOT_OPEN && iot_write_str(out, " ") == IOT_OPEN &&
             iot_write_u64(out, bytes) == IOT_OPEN && iot_write_str(out, " ") == IOT_OPEN &&
             iot_write_input_name(out, in) == IOT_OPEN && iot_write_str(out, "\n") == IOT_OPEN;
    return iot_finish(out, ok);
}
