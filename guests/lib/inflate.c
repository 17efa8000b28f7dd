/* gzip decompression: RFC 1952 members holding RFC 1951 deflate data, canonical Huffman codes
 * decoded a bit at a time (as zlib's puff.c does), every member's CRC-32 and length checked.
 * A streaming state machine that stops between symbols whenever the caller's piece is full,
 * so it never needs the whole output at once. Pure computation with no imports. */
#include "inflate.h"

enum { HEADER, BLOCK, STORED, CODES, TRAILER, RAW, DONE, FAILED };

static const uint16_t LBASE[29] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                   31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t LEXT[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t DBASE[30] = {1,    2,    3,    4,    5,    7,     9,     13,    17,  25,
                                   33,   49,   65,   97,   129,  193,   257,   385,   513, 769,
                                   1025, 1537, 2049, 3073, 4097, 6145,  8193,  12289, 16385, 24577};
static const uint8_t DEXT[30] = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
static const uint8_t ORDER[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

static uint32_t crc_table[256];

static void fail(iot_inflate *z, const char *why) {
    if (z->state != FAILED) {
        z->error = why;
        z->state = FAILED;
    }
}

/* The next compressed byte; 0 after a failure (which the caller notices from the state). */
static uint32_t byte(iot_inflate *z) {
    if (z->in_pos == z->in_len) {
        int got = z->state == FAILED ? -1 : z->refill(z);
        if (got <= 0) {
            if (got < 0) z->input_failed = z->state != FAILED;
            fail(z, got < 0 ? "read error" : "unexpected end of file");
            return 0;
        }
        z->in_pos = 0;
        if (z->in_len == 0) return byte(z);
    }
    return z->in[z->in_pos++];
}

/* Whether the input is at its end (between members); a read failure counts as not. */
static int at_end(iot_inflate *z) {
    if (z->in_pos < z->in_len) return 0;
    int got = z->refill(z);
    if (got > 0) z->in_pos = 0;
    if (got < 0) {
        z->input_failed = 1;
        fail(z, "read error");
    }
    return got == 0;
}

static uint32_t bits(iot_inflate *z, int n) {
    while (z->bitcount < n) {
        z->bits |= byte(z) << z->bitcount;
        z->bitcount += 8;
    }
    uint32_t v = z->bits & ((1u << n) - 1);
    z->bits >>= n;
    z->bitcount -= n;
    return v;
}

/* Canonical code lengths to a decoding table: 0 complete, > 0 incomplete, < 0 oversubscribed. */
static int construct(iot_huffman *h, const uint8_t *length, int n) {
    int16_t offs[16];
    for (int len = 0; len < 16; len++) h->count[len] = 0;
    for (int s = 0; s < n; s++) h->count[length[s]]++;
    if (h->count[0] == n) return 0;
    int left = 1;
    for (int len = 1; len < 16; len++) {
        left <<= 1;
        left -= h->count[len];
        if (left < 0) return left;
    }
    offs[1] = 0;
    for (int len = 1; len < 15; len++) offs[len + 1] = (int16_t)(offs[len] + h->count[len]);
    for (int s = 0; s < n; s++)
        if (length[s] != 0) h->symbol[offs[length[s]]++] = (int16_t)s;
    return left;
}

static int decode(iot_inflate *z, const iot_huffman *h) {
    int code = 0, first = 0, index = 0;
    for (int len = 1; len < 16; len++) {
        code |= (int)bits(z, 1);
        int count = h->count[len];
        if (code - count < first) return h->symbol[index + (code - first)];
        index += count;
        first += count;
        first <<= 1;
        code <<= 1;
    }
    fail(z, "invalid compressed data (no such code)");
    return 256;
}

static void fixed(iot_inflate *z) {
    uint8_t length[288];
    int s = 0;
    for (; s < 144; s++) length[s] = 8;
    for (; s < 256; s++) length[s] = 9;
    for (; s < 280; s++) length[s] = 7;
    for (; s < 288; s++) length[s] = 8;
    construct(&z->lencode, length, 288);
    for (s = 0; s < 30; s++) length[s] = 5;
    construct(&z->distcode, length, 30);
}

static void dynamic(iot_inflate *z) {
    uint8_t length[320];
    int nlen = (int)bits(z, 5) + 257, ndist = (int)bits(z, 5) + 1, ncode = (int)bits(z, 4) + 4;
    if (nlen > 286 || ndist > 30) return fail(z, "invalid compressed data (bad counts)");
    int index = 0;
    for (; index < ncode; index++) length[ORDER[index]] = (uint8_t)bits(z, 3);
    for (; index < 19; index++) length[ORDER[index]] = 0;
    if (construct(&z->lencode, length, 19) != 0)
        return fail(z, "invalid compressed data (bad code lengths)");
    for (index = 0; index < nlen + ndist && z->state != FAILED;) {
        int symbol = decode(z, &z->lencode), len = 0, repeat;
        if (symbol < 16) {
            length[index++] = (uint8_t)symbol;
            continue;
        }
        if (symbol == 16) {
            if (index == 0) return fail(z, "invalid compressed data (repeat with no first)");
            len = length[index - 1];
            repeat = 3 + (int)bits(z, 2);
        } else if (symbol == 17) {
            repeat = 3 + (int)bits(z, 3);
        } else {
            repeat = 11 + (int)bits(z, 7);
        }
        if (index + repeat > nlen + ndist) return fail(z, "invalid compressed data (too many lengths)");
        while (repeat--) length[index++] = (uint8_t)len;
    }
    if (z->state == FAILED) return;
    if (length[256] == 0) return fail(z, "invalid compressed data (no end-of-block code)");
    int err = construct(&z->lencode, length, nlen);
    if (err < 0 || (err > 0 && nlen != z->lencode.count[0] + z->lencode.count[1]))
        return fail(z, "invalid compressed data (bad literal/length code)");
    err = construct(&z->distcode, length + nlen, ndist);
    if (err < 0 || (err > 0 && ndist != z->distcode.count[0] + z->distcode.count[1]))
        return fail(z, "invalid compressed data (bad distance code)");
}

static uint32_t le32(iot_inflate *z) {
    uint32_t v = byte(z);
    v |= byte(z) << 8;
    v |= byte(z) << 16;
    return v | byte(z) << 24;
}

/* The header after the magic bytes 1f 8b. */
static void header_rest(iot_inflate *z) {
    if (byte(z) != 8) return fail(z, "unknown compression method");
    uint32_t flags = byte(z);
    if (flags & 0xe0) return fail(z, "unknown flags set");
    for (int i = 0; i < 6; i++) byte(z); /* mtime, extra flags, OS */
    if (flags & 4) {                     /* FEXTRA */
        uint32_t n = byte(z);
        n |= byte(z) << 8;
        while (n-- && z->state != FAILED) byte(z);
    }
    if (flags & 8) while (byte(z) != 0 && z->state != FAILED) {} /* FNAME */
    if (flags & 16) while (byte(z) != 0 && z->state != FAILED) {} /* FCOMMENT */
    if (flags & 2) byte(z), byte(z);                               /* FHCRC */
    if (z->state == FAILED) return;
    z->members++;
    z->crc = 0xffffffffu;
    z->size = 0;
    z->have = 0;
    z->last = 0;
    z->bits = 0;
    z->bitcount = 0;
    z->state = BLOCK;
}

void iot_inflate_init(iot_inflate *z, int (*refill)(iot_inflate *z), void *context) {
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[n] = c;
    }
    z->refill = refill;
    z->context = context;
    z->in = 0;
    z->in_len = z->in_pos = 0;
    z->error = 0;
    z->input_failed = 0;
    z->members = 0;
    z->pending_len = 0;
    z->wpos = 0;
    z->state = HEADER;
}

static void header(iot_inflate *z) {
    if (byte(z) != 0x1f || byte(z) != 0x8b) return fail(z, "not in gzip format");
    header_rest(z);
}

int iot_inflate_begin(iot_inflate *z, int force) {
    if (z->state != HEADER || z->members > 0) return z->state == FAILED ? -1 : 0;
    if (!force) {
        header(z);
    } else if (at_end(z)) {
        z->state = z->state == FAILED ? FAILED : DONE;
    } else {
        uint32_t first = byte(z);
        uint32_t second = first == 0x1f && !at_end(z) ? byte(z) : 0x100;
        if (first == 0x1f && second == 0x8b) {
            header_rest(z);
        } else if (z->state != FAILED) {
            z->pending[0] = (uint8_t)first;
            z->pending[1] = (uint8_t)second;
            z->pending_len = second == 0x100 ? 1 : 2;
            z->state = RAW;
        }
    }
    return z->state == FAILED ? -1 : 0;
}

static void put(iot_inflate *z, uint32_t c) {
    z->window[z->wpos++] = (uint8_t)c;
    z->crc = crc_table[(z->crc ^ c) & 0xff] ^ (z->crc >> 8);
    z->size++;
    if (z->have < 32768) z->have++;
}

uint32_t iot_inflate_some(iot_inflate *z, uint32_t max, uint32_t *start, int32_t *status) {
    if (z->wpos == IOT_INFLATE_WINDOW) z->wpos = 0;
    *start = z->wpos;
    uint32_t room = IOT_INFLATE_WINDOW - z->wpos;
    uint32_t limit = max < room ? max : room;
    uint32_t done = 0;
    while (done < limit) {
        if (z->state == HEADER) {
            if (z->members > 0 && at_end(z)) {
                z->state = DONE;
            } else if (z->state != FAILED) {
                header(z);
            }
        } else if (z->state == BLOCK) {
            if (z->last) {
                z->state = TRAILER;
                continue;
            }
            z->last = (int)bits(z, 1);
            uint32_t type = bits(z, 2);
            if (z->state == FAILED) break;
            if (type == 0) {
                z->bits = 0;
                z->bitcount = 0;
                uint32_t len = byte(z);
                len |= byte(z) << 8;
                uint32_t nlen = byte(z);
                nlen |= byte(z) << 8;
                if (z->state == FAILED) break;
                if (len != (~nlen & 0xffff)) fail(z, "invalid compressed data (stored length)");
                z->stored_left = len;
                z->state = z->state == FAILED ? FAILED : STORED;
            } else if (type == 1) {
                fixed(z);
                z->match_len = 0;
                z->state = CODES;
            } else if (type == 2) {
                dynamic(z);
                z->match_len = 0;
                if (z->state != FAILED) z->state = CODES;
            } else {
                fail(z, "invalid compressed data (block type 3)");
            }
        } else if (z->state == STORED) {
            while (z->stored_left > 0 && done < limit) {
                uint32_t c = byte(z);
                if (z->state == FAILED) break;
                put(z, c);
                z->stored_left--;
                done++;
            }
            if (z->state == STORED && z->stored_left == 0) z->state = BLOCK;
        } else if (z->state == CODES) {
            while (z->match_len > 0 && done < limit) {
                put(z, z->window[(z->wpos - z->match_dist) & (IOT_INFLATE_WINDOW - 1)]);
                z->match_len--;
                done++;
            }
            if (done == limit) break;
            int symbol = decode(z, &z->lencode);
            if (z->state == FAILED) break;
            if (symbol < 256) {
                put(z, (uint32_t)symbol);
                done++;
            } else if (symbol == 256) {
                z->state = BLOCK;
            } else {
                symbol -= 257;
                if (symbol >= 29) {
                    fail(z, "invalid compressed data (bad length symbol)");
                    break;
                }
                z->match_len = LBASE[symbol] + bits(z, LEXT[symbol]);
                int d = decode(z, &z->distcode);
                if (z->state == FAILED) break;
                if (d >= 30) {
                    fail(z, "invalid compressed data (bad distance symbol)");
                    break;
                }
                z->match_dist = DBASE[d] + bits(z, DEXT[d]);
                if (z->match_dist > z->have) {
                    fail(z, "invalid compressed data (distance too far back)");
                    break;
                }
            }
        } else if (z->state == RAW) {
            if (z->pending_len > 0) {
                put(z, z->pending[0]);
                z->pending[0] = z->pending[1];
                z->pending_len--;
                done++;
            } else if (z->in_pos == z->in_len && at_end(z)) {
                z->state = DONE;
            } else if (z->state == RAW) {
                uint32_t n = z->in_len - z->in_pos;
                if (n > limit - done) n = limit - done;
                __builtin_memcpy(z->window + z->wpos, z->in + z->in_pos, n);
                z->in_pos += n;
                z->wpos += n;
                done += n;
            }
        } else if (z->state == TRAILER) {
            z->bits = 0;
            z->bitcount = 0;
            uint32_t crc = le32(z), size = le32(z);
            if (z->state == FAILED) break;
            if (crc != (z->crc ^ 0xffffffffu)) {
                fail(z, "invalid compressed data (CRC error)");
            } else if (size != z->size) {
                fail(z, "invalid compressed data (length error)");
            } else {
                z->state = HEADER;
            }
        } else {
            break; /* DONE or FAILED */
        }
    }
    *status = z->state == DONE ? 1 : z->state == FAILED ? 2 : 0;
    return done;
}
