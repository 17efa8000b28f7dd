/* sha256sum.wasm IN OUT — prints "<64 hex digits>  NAME\n" like GNU `sha256sum IN`, NAME being
 * the input's pseudonym. SHA-256 as in FIPS 180-4. */
#include "iotypes.h"
#include "sha256.h"

IOT_MAIN("/// Print the SHA-256 checksum of INPUT and its name, as sha256sum prints them.");
IOT_MAIN("main: func(");
IOT_MAIN("  /// the bytes to hash");
IOT_MAIN("  input: input-stream,");
IOT_MAIN("  /// where the checksum line goes");
IOT_MAIN("  output: output-stream");
IOT_MAIN(") -> result");

static uint8_t buf[64 * 1024 + 128]; /* a multiple of 64, plus room for the padding */

IOT_EXPORT("main") int32_t iot_main(iot_input in, iot_output out) {
    uint32_t h[8] = IOT_SHA256_INIT;
    uint64_t total = 0;
    uint32_t have = 0; /* bytes in buf not yet compressed, always < 64 between reads */
    iot_rw32 r;
    do {
        r = iot_input_read(in, buf + have, 64 * 1024 - have);
        total += (uint32_t)r.count;
        have += (uint32_t)r.count;
        iot_sha256_compress(h, buf, have / 64);
        uint32_t done = have / 64 * 64;
        for (uint32_t i = 0; i < have - done; i++) buf[i] = buf[done + i];
        have -= done;
    } while (r.status == IOT_OPEN);
    if (r.status != IOT_ENDED) return iot_finish(out, 0);

    char line[66];
    iot_sha256_finish(h, buf, have, total, line);
    line[64] = line[65] = ' ';
    int ok = iot_write_all(out, line, sizeof line) == IOT_OPEN &&
             iot_write_input_name(out, in) == IOT_OPEN && iot_write_str(out, "\n") == IOT_OPEN;
    return iot_finish(out, ok);
}
