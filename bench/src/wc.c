// wc for the benchmarks: the counting loop of guests/src/wc.c (GNU wc, C locale) over stdin with
// plain wasi-libc read(), printing "LINES WORDS BYTES".
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

static uint8_t buf[64 * 1024];

int main(void) {
    uint64_t lines = 0, words = 0, bytes = 0;
    int in_word = 0;
    ssize_t n;
    while ((n = read(0, buf, sizeof buf)) > 0) {
        bytes += (uint64_t)n;
        for (ssize_t i = 0; i < n; i++) {
            uint8_t c = buf[i];
            if (c == ' ' || (c >= '\t' && c <= '\r')) {
                lines += c == '\n';
                in_word = 0;
            } else if (c > ' ' && c < 0x7F && !in_word) {
                words++;
                in_word = 1;
            }
        }
    }
    if (n < 0) return 1;
    printf("%llu %llu %llu\n", (unsigned long long)lines, (unsigned long long)words,
           (unsigned long long)bytes);
    return 0;
}
