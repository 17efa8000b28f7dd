/* buffers.c — whole buffers over the out-parameter calls: write everything, read everything. */
#include <stdlib.h>

#include "iotypes-libc.h"

int32_t iot_write_bytes(iot_output out, const void *buf, size_t len) {
    const char *p = buf;
    while (len > 0) {
        uint32_t chunk = len > 0x40000000u ? 0x40000000u : (uint32_t)len;
        int32_t status;
        int32_t n = iot_write(out, p, chunk, &status);
        if (status != IOT_OPEN || n <= 0) return IOT_FAILED;
        p += n;
        len -= (size_t)n;
    }
    return IOT_OPEN;
}

char *iot_read_all(iot_input in, size_t *len, int32_t *status) {
    size_t cap = 64 * 1024, n = 0;
    char *buf = malloc(cap + 1);
    *status = IOT_OPEN;
    if (buf == NULL) return NULL;
    for (;;) {
        if (n == cap) {
            char *bigger = cap > SIZE_MAX / 2 - 1 ? NULL : realloc(buf, cap * 2 + 1);
            if (bigger == NULL) {
                free(buf);
                *status = IOT_OPEN;
                return NULL;
            }
            buf = bigger;
            cap *= 2;
        }
        size_t room = cap - n;
        int32_t st;
        int32_t got = iot_read(in, buf + n, room > 0x40000000u ? 0x40000000u : (uint32_t)room, &st);
        n += (size_t)got;
        if (st == IOT_ENDED) break;
        if (st == IOT_FAILED) {
            free(buf);
            *status = IOT_FAILED;
            return NULL;
        }
    }
    buf[n] = '\0';
    *len = n;
    *status = IOT_ENDED;
    return buf;
}
