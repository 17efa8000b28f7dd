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

    /* Padding: 0x80, zeros up to 56 mod 64, the bit length big-endian. */
    buf[have++] = 0x80;
    while (have % 64 != 56) buf[have++] = 0;
    uint64_t bits = total * 8;
    for (int i = 7; i >= 0; i--) buf[have++] = (uint8_t)(bits >> (8 * i));
    iot_sha256_compress(h, buf, have / 64);

    static const char hex[] = "0123456789abcdef";
    char line[66];
    for (int i = 0; i < 32; i++) {
        uint8_t byte = (uint8_t)(h[i / 4] >> (24 - 8 * (i % 4)));
        line[2 * i] = hex[byte >> 4];
        line[2 * i + 1] = hex[byte & 15];
    }
    line[64] = line[65] = ' ';
    int ok = iot_write_all(out, line, sizeof line) == IOT_OPEN &&
             iot_write_input_name(out, in) == IOT_OPEN && iot_write_str(out, "\n") == IOT_OPEN;
    return iot_finish(out, ok);
}
