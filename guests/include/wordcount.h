/* Line and word counting as GNU wc in the C locale: pure computation, no imports. */
#ifndef IOTYPES_WORDCOUNT_H
#define IOTYPES_WORDCOUNT_H

#include <stdint.h>

typedef struct {
    uint64_t lines, words;
    int in_word; /* whether the last byte seen continues a word */
} iot_wordcount;

/* Counts the n bytes of p, carrying the state across calls. Lines are '\n' bytes; a word is a
 * run of bytes other than space, \t, \n, \v, \f, \r that holds at least one printable byte
 * (0x21..0x7E): other bytes, such as controls and bytes >= 0x80, neither start nor end one. */
void iot_wordcount_add(iot_wordcount *state, const uint8_t *p, uint32_t n);

#endif
