/* Line and word counting as GNU wc (coreutils 9.1) in the C locale. Pure computation with no
 * imports, so guests/build.sh compiles it with full optimisation. */
#include "wordcount.h"

void iot_wordcount_add(iot_wordcount *state, const uint8_t *p, uint32_t n) {
    uint64_t lines = state->lines, words = state->words;
    int in_word = state->in_word;
    for (uint32_t i = 0; i < n; i++) {
        uint8_t c = p[i];
        if (c == ' ' || (c >= '\t' && c <= '\r')) { /* space \t \n \v \f \r */
            lines += c == '\n';
            in_word = 0;
        } else if (c > ' ' && c < 0x7F && !in_word) {
            words++;
            in_word = 1;
        }
    }
    state->lines = lines, state->words = words, state->in_word = in_word;
}
