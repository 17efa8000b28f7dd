/* files.c — stdio FILEs over handles (fopencookie), so that a program keeps getline, fprintf and
 * fwrite while its I/O goes through the handles of its typed main. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>

#include "iotypes-libc.h"

/* The cookie is the handle itself; a failed stream is reported to stdio as EIO. */
static ssize_t read_input(void *cookie, char *buf, size_t size) {
    iot_input in = (iot_input)(intptr_t)cookie;
    int32_t status;
    int32_t n = iot_read(in, buf, size > 0x40000000u ? 0x40000000u : (uint32_t)size, &status);
    if (status == IOT_FAILED && n == 0) {
        errno = EIO;
        return -1;
    }
    return n;
}

static ssize_t write_output(void *cookie, const char *buf, size_t size) {
    if (iot_write_bytes((iot_output)(intptr_t)cookie, buf, size) != IOT_OPEN) {
        errno = EIO;
        return -1;
    }
    return (ssize_t)size;
}

static int flush_output(void *cookie) {
    if (iot_output_flush((iot_output)(intptr_t)cookie) != IOT_OPEN) {
        errno = EIO;
        return EOF;
    }
    return 0;
}

FILE *iot_input_file(iot_input in) {
    cookie_io_functions_t io = {.read = read_input};
    return fopencookie((void *)(intptr_t)in, "r", io);
}

FILE *iot_output_file(iot_output out) {
    cookie_io_functions_t io = {.write = write_output, .close = flush_output};
    return fopencookie((void *)(intptr_t)out, "w", io);
}
