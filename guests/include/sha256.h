/* SHA-256 block compression (FIPS 180-4): pure computation, no imports. */
#ifndef IOTYPES_SHA256_H
#define IOTYPES_SHA256_H

#include <stdint.h>

/* The initial state h0..h7. */
#define IOT_SHA256_INIT {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, \
                         0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19}

/* Processes n whole 64-byte blocks of p into the state h. */
void iot_sha256_compress(uint32_t h[8], const uint8_t *p, uint32_t n);

/* Ends a hash: pads the last `have` (< 64) bytes at `tail`, which must have room for 128, for a
 * message of `total` bytes, compresses them into h, and writes the digest as 64 hex digits. */
void iot_sha256_finish(uint32_t h[8], uint8_t *tail, uint32_t have, uint64_t total, char hex[64]);

#endif
