/* gzip decompression (RFC 1951 deflate inside RFC 1952 members), streaming: pure computation, no
 * imports. The caller supplies compressed bytes through a refill function and takes the output
 * from a window of its own, a piece at a time, so a provider can answer each read as it comes. */
#ifndef IOTYPES_INFLATE_H
#define IOTYPES_INFLATE_H

#include <stdint.h>

#define IOT_INFLATE_WINDOW 65536 /* twice deflate's 32 KiB reach: a piece never overwrites it */

typedef struct {
    int16_t count[16];  /* codes of each length */
    int16_t symbol[288]; /* symbols ordered by code */
} iot_huffman;

typedef struct iot_inflate {
    /* Called when the compressed bytes in `in` are used up: points `in`/`in_len` at more and
     * returns 1, or returns 0 at the end of the input, -1 if reading it failed. */
    int (*refill)(struct iot_inflate *z);
    void *context; /* the caller's */
    const uint8_t *in;
    uint32_t in_len, in_pos;
    /* what decompression has reached; the rest is private */
    const char *error; /* why it failed, for the user; null while it has not */
    int input_failed;  /* the failure is the input's, not the data's */
    uint64_t members;  /* gzip members begun */
    uint8_t pending[2];
    int pending_len;   /* bytes read to tell gzip from not, not yet passed through */
    uint8_t window[IOT_INFLATE_WINDOW];
    uint32_t wpos, have;
    uint32_t bits;
    int bitcount, state, last;
    uint32_t stored_left, match_len, match_dist;
    uint32_t crc, size;
    iot_huffman lencode, distcode;
} iot_inflate;

/* Starts decompressing a gzip stream whose bytes `refill` supplies. */
void iot_inflate_init(iot_inflate *z, int (*refill)(iot_inflate *z), void *context);

/* Reads the first member's header, so that a stream that is not gzip is known before any
 * output is asked for: 0 if it is one, -1 if not (z->error says why). With `force`, as
 * gzip -dcf, a stream that does not start as gzip is not refused but passed through unchanged. */
int iot_inflate_begin(iot_inflate *z, int force);

/* Decompresses up to `max` bytes into the window, contiguous from z->window + *start, and
 * returns how many; *status is 0 (more to come), 1 (the stream ended: every member checked
 * against its CRC-32 and length) or 2 (failed: z->error says why; the bytes returned with it
 * were good). */
uint32_t iot_inflate_some(iot_inflate *z, uint32_t max, uint32_t *start, int32_t *status);

#endif
