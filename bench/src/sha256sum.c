// sha256sum for the benchmarks: the SHA-256 of guests/lib/sha256.c (FIPS 180-4) over stdin
// with plain wasi-libc read(), printing "HEX  -" like GNU sha256sum.
#include <stdint.h>

#include "sha256.h"
#include <stdio.h>
#include <unistd.h>

static uint8_t buf[64 * 1024 + 128]; /* a multiple of 64, plus room for the padding */

int main(void) {
    uint32_t h[8] = IOT_SHA256_INIT;
    uint64_t total = 0;
    uint32_t have = 0; /* bytes in buf not yet compressed, always < 64 between reads */
    ssize_t n;
    while ((n = read(0, buf + have, 64 * 1024 - have)) > 0) {
        total += (uint64_t)n;
        have += (uint32_t)n;
        iot_sha256_compress(h, buf, have / 64);
        uint32_t done = have / 64 * 64;
        for (uint32_t i = 0; i < have - done; i++) buf[i] = buf[done + i];
        have -= done;
    }
    if (n < 0) return 1;
    buf[have++] = 0x80;
    while (have % 64 != 56) buf[have++] = 0;
    uint64_t bits = total * 8;
    for (int i = 7; i >= 0; i--) buf[have++] = (uint8_t)(bits >> (8 * i));
    iot_sha256_compress(h, buf, have / 64);
    for (int i = 0; i < 32; i++) printf("%02x", (uint8_t)(h[i / 4] >> (24 - 8 * (i % 4))));
    printf("  -\n");
    return 0;
}
